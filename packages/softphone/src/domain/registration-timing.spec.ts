import { describe, expect, it } from 'vitest';
import { credentialRenewalDelayMs, reconnectDelayMs } from './registration-timing';

describe('credential renewal', () => {
  it('renews an hour-long credential with a fifth of its life left', () => {
    expect(credentialRenewalDelayMs(3_600_000, 0, 0)).toBe(2_880_000);
  });

  it('keeps at least a minute of lead for short credentials', () => {
    expect(credentialRenewalDelayMs(120_000, 0, 0)).toBe(60_000);
  });

  it('does not renew a short credential in the first half of its life', () => {
    expect(credentialRenewalDelayMs(60_000, 0, 0)).toBe(30_000);
  });

  it('counts from now, and never renews in a tight loop', () => {
    expect(credentialRenewalDelayMs(3_600_000, 0, 1_000_000)).toBe(1_880_000);
    expect(credentialRenewalDelayMs(60_000, 0, 58_000)).toBe(5_000);
    expect(credentialRenewalDelayMs(0, 0, 10_000)).toBe(5_000);
  });
});

describe('reconnect backoff', () => {
  it('doubles from a second up to thirty', () => {
    const noJitter = { jitter: 0 };
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => reconnectDelayMs(n, () => 0, noJitter))).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
  });

  it('spreads attempts by up to the jitter share', () => {
    expect(reconnectDelayMs(1, () => 0)).toBe(800);
    expect(reconnectDelayMs(1, () => 1)).toBe(1000);
  });
});
