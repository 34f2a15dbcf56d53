import { describe, expect, it } from 'vitest';
import { decodeAuditCursor, encodeAuditCursor, toAuditEntry } from './audit-entry.js';

describe(toAuditEntry.name, () => {
  const row = {
    id: 42n,
    at: new Date('2025-03-03T09:00:00.123Z'),
    actorId: 'u1',
    action: 'queues/delete',
    targetType: 'queue',
    targetId: 'q1',
    data: { name: 'Old queue' },
  };
  const names = { people: new Map([['u1', 'Ada Admin']]), targets: new Map([['queue:q2', 'Sales']]) };

  it('names the actor and the target, the target by its current name', () => {
    expect(toAuditEntry({ ...row, targetId: 'q2' }, names)).toEqual({
      id: '42',
      at: '2025-03-03T09:00:00.123Z',
      actor: { id: 'u1', displayName: 'Ada Admin' },
      action: 'queues/delete',
      target: { type: 'queue', id: 'q2', name: 'Sales' },
      data: { name: 'Old queue' },
    });
  });

  it('keeps the recorded name of a target that is gone, and says so of an unknown actor', () => {
    const sut = toAuditEntry({ ...row, actorId: 'u9' }, names);
    expect(sut.target).toEqual({ type: 'queue', id: 'q1', name: 'Old queue' });
    expect(sut.actor).toEqual({ id: 'u9', displayName: 'unknown user' });
  });

  it('has no actor for the system and no target when none was recorded', () => {
    expect(toAuditEntry({ ...row, actorId: null, targetType: null, targetId: null, data: null }, names)).toMatchObject({ actor: null, target: null, data: {} });
  });
});

describe('audit cursor', () => {
  it('reads back what it wrote and refuses anything else', () => {
    expect(decodeAuditCursor(encodeAuditCursor(17n))).toBe(17n);
    expect(decodeAuditCursor('0')).toBeNull();
    expect(decodeAuditCursor('abc')).toBeNull();
    expect(decodeAuditCursor('9999999999999999999')).toBeNull();
  });
});
