import { describe, expect, it } from 'vitest';
import { changedFields, followUpIssue, statusChange } from './ticket-rules.js';

const NOW = Date.parse('2026-03-02T10:00:00Z');

describe(followUpIssue.name, () => {
  it('accepts no follow-up, and one in the future', () => {
    expect(followUpIssue(null, NOW)).toBeNull();
    expect(followUpIssue(undefined, NOW)).toBeNull();
    expect(followUpIssue('2026-03-03T09:00:00Z', NOW)).toBeNull();
  });

  it('refuses a follow-up in the past, naming the field and what to do', () => {
    expect(followUpIssue('2026-03-01T09:00:00Z', NOW)).toEqual({ path: 'followUpAt', message: 'must not be in the past: pick a later date' });
  });

  it('allows a minute of clock skew, not more', () => {
    expect(followUpIssue('2026-03-02T09:59:30Z', NOW)).toBeNull();
    expect(followUpIssue('2026-03-02T09:58:00Z', NOW)).not.toBeNull();
  });
});

describe(statusChange.name, () => {
  it('names closing and reopening, and nothing when the status stays', () => {
    expect(statusChange('open', 'closed')).toBe('close');
    expect(statusChange('closed', 'open')).toBe('reopen');
    expect(statusChange('open', 'open')).toBeNull();
    expect(statusChange('open', undefined)).toBeNull();
  });
});

describe(changedFields.name, () => {
  it('lists only the fields whose value differs', () => {
    expect(changedFields({ a: 1, b: 'x', c: null as string | null }, { a: 1, b: 'y', c: 'z' })).toEqual(['b', 'c']);
    expect(changedFields({ a: 1 }, {})).toEqual([]);
  });
});
