import { describe, expect, it } from 'vitest';
import { isAccessTokenStale, refreshDelayMs, refreshLeadMs } from './refresh-schedule';

describe('refreshLeadMs', () => {
  it('refreshes a 15-minute token one minute early (capped)', () => {
    expect(refreshLeadMs(900_000)).toBe(60_000);
  });
  it('uses a quarter of the lifetime for short tokens', () => {
    expect(refreshLeadMs(20_000)).toBe(5_000);
  });
  it('keeps at least two seconds of headroom', () => {
    expect(refreshLeadMs(1_000)).toBe(2_000);
  });
});

describe('refreshDelayMs', () => {
  it('waits until the lead time before expiry', () => {
    expect(refreshDelayMs({ expiresAt: 1_000_000 + 900_000, lifetimeMs: 900_000 }, 1_000_000)).toBe(840_000);
  });
  it('is zero for a token already past its refresh point (e.g. after a reload)', () => {
    expect(refreshDelayMs({ expiresAt: 1_000, lifetimeMs: 900_000 }, 5_000)).toBe(0);
  });
});

describe('isAccessTokenStale', () => {
  it('is false well before expiry and true within two seconds of it', () => {
    expect(isAccessTokenStale({ expiresAt: 10_000 }, 7_000)).toBe(false);
    expect(isAccessTokenStale({ expiresAt: 10_000 }, 8_500)).toBe(true);
    expect(isAccessTokenStale({ expiresAt: 10_000 }, 12_000)).toBe(true);
  });
});
