import { describe, expect, it } from 'vitest';
import { ntpTimestampOf } from './direct-rtp-sender.js';

describe(ntpTimestampOf.name, () => {
  it('counts seconds from 1900 in the high word', () => {
    expect(ntpTimestampOf(0) >> 32n).toBe(2_208_988_800n);
    expect(ntpTimestampOf(Date.UTC(2026, 10, 30)) >> 32n).toBe(BigInt(Date.UTC(2026, 10, 30) / 1000 + 2_208_988_800));
  });

  it('puts the part of a second in the low word as a binary fraction', () => {
    expect(ntpTimestampOf(1500) & 0xffffffffn).toBe(0x80000000n);
    expect(ntpTimestampOf(250) & 0xffffffffn).toBe(0x40000000n);
    // 0.123 s, not 123 / 2^32 (werift's reading of the decimal digits).
    expect(Number(ntpTimestampOf(10_123) & 0xffffffffn) / 2 ** 32).toBeCloseTo(0.123, 6);
    expect(ntpTimestampOf(999.99999) & 0xffffffffn).toBeLessThanOrEqual(0xffffffffn);
  });
});
