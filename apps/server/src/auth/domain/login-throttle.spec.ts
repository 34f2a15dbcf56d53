import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './login-throttle.js';

const settings = { maxFailuresPerUser: 3, maxFailuresPerAddress: 5, windowSeconds: 60 };

describe(LoginThrottle.name, () => {
  it('allows attempts until the per-user limit, then asks to wait until the window frees a slot', () => {
    const sut = new LoginThrottle(settings);
    sut.recordFailure('agent1', '10.0.0.1', 0);
    sut.recordFailure('agent1', '10.0.0.1', 10_000);
    expect(sut.check('agent1', '10.0.0.1', 20_000)).toEqual({ allowed: true });
    sut.recordFailure('agent1', '10.0.0.1', 20_000);
    // Oldest failure (t=0) leaves the 60 s window at t=60 s.
    expect(sut.check('agent1', '10.0.0.1', 20_000)).toEqual({ allowed: false, retryAfterSeconds: 40 });
    expect(sut.check('agent1', '10.0.0.2', 59_500)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(sut.check('agent1', '10.0.0.2', 60_001)).toEqual({ allowed: true });
  });

  it('treats usernames case-insensitively so AGENT1 does not get a fresh budget', () => {
    const sut = new LoginThrottle(settings);
    for (const name of ['agent1', 'Agent1', 'AGENT1']) sut.recordFailure(name, '10.0.0.1', 0);
    expect(sut.check('agent1', '10.0.0.9', 1).allowed).toBe(false);
  });

  it('limits one address spraying many usernames', () => {
    const sut = new LoginThrottle(settings);
    for (let i = 0; i < 5; i++) sut.recordFailure(`user${i}`, '10.0.0.1', i);
    expect(sut.check('someone-else', '10.0.0.1', 10).allowed).toBe(false);
    expect(sut.check('someone-else', '10.0.0.2', 10).allowed).toBe(true);
  });

  it('clears a user’s failures on success but keeps the address’s', () => {
    const sut = new LoginThrottle({ ...settings, maxFailuresPerAddress: 3 });
    for (let i = 0; i < 3; i++) sut.recordFailure('agent1', '10.0.0.1', i);
    sut.recordSuccess('agent1');
    expect(sut.check('agent1', '10.0.0.2', 10)).toEqual({ allowed: true });
    expect(sut.check('agent1', '10.0.0.1', 10).allowed).toBe(false);
  });
});
