import { describe, expect, it } from 'vitest';
import { decodeCallLogCursor, encodeCallLogCursor } from './call-log-cursor.js';

describe('call log cursor', () => {
  const cursor = { startedAt: Date.parse('2025-03-03T09:00:00.123Z'), id: '00000000-0000-4000-8000-000000000001' };

  it('round-trips, in the characters the contract allows', () => {
    const text = encodeCallLogCursor(cursor);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCallLogCursor(text)).toEqual(cursor);
  });

  it('refuses text it did not issue', () => {
    const forged = (raw: string) => Buffer.from(raw).toString('base64url');
    expect(decodeCallLogCursor('not a cursor!')).toBeNull();
    expect(decodeCallLogCursor('MjAyNS0wMy0wMQ')).toBeNull();
    expect(decodeCallLogCursor(forged('12.not-a-uuid'))).toBeNull();
    expect(decodeCallLogCursor(forged(`x.${cursor.id}`))).toBeNull();
    expect(decodeCallLogCursor(forged(`9999999999999999.${cursor.id}`))).toBeNull();
    expect(decodeCallLogCursor(forged(`12.${cursor.id}' OR 1=1`))).toBeNull();
  });
});
