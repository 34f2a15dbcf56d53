import { describe, expect, it } from 'vitest';
import { VisitorRateLimit } from './visitor-rate-limit.js';

const T0 = 1_000_000;

describe(VisitorRateLimit.name, () => {
  it('allows an address so many tokens per window, then says when to retry, and forgets the old ones', () => {
    const sut = new VisitorRateLimit({ perAddress: 3, total: 100, windowMs: 60_000 });
    expect([0, 1000, 2000].map((ms) => sut.take('a', T0 + ms).allowed)).toEqual([true, true, true]);
    expect(sut.take('a', T0 + 3000)).toEqual({ allowed: false, retryAfterSeconds: 57 });
    // Another address is not affected.
    expect(sut.take('b', T0 + 3000).allowed).toBe(true);
    // A refused request does not count: once the first leaves the window, one more is allowed.
    expect(sut.take('a', T0 + 60_001).allowed).toBe(true);
    expect(sut.take('a', T0 + 60_002)).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('caps all visitors together as well', () => {
    const sut = new VisitorRateLimit({ perAddress: 10, total: 4, windowMs: 10_000 });
    expect(['a', 'b', 'c', 'd'].map((address) => sut.take(address, T0).allowed)).toEqual([true, true, true, true]);
    expect(sut.take('e', T0 + 500)).toEqual({ allowed: false, retryAfterSeconds: 10 });
    expect(sut.take('e', T0 + 10_001).allowed).toBe(true);
  });
});
