/**
 * Failed-login throttling, per username and per client address. Pure: the caller passes
 * the time. Each key keeps the times of its recent failures inside a sliding window; at
 * the limit the key is locked until its oldest counted failure leaves the window, and the
 * caller is told how many seconds to wait. A success clears the username's failures (not
 * the address's: one right password must not reset an attacker spraying many users).
 *
 * Kept in process memory: with several server processes each keeps its own counts, so the
 * effective limit multiplies by the process count until it moves to Redis with REDIS_URL.
 */
export interface LoginThrottleSettings {
  maxFailuresPerUser: number;
  maxFailuresPerAddress: number;
  windowSeconds: number;
}

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly settings: LoginThrottleSettings) {}

  /** May this username try from this address now? */
  check(username: string, address: string, nowMs: number): ThrottleVerdict {
    const waits = [
      this.waitFor(userKey(username), this.settings.maxFailuresPerUser, nowMs),
      this.waitFor(addressKey(address), this.settings.maxFailuresPerAddress, nowMs),
    ];
    const retryAfterMs = Math.max(...waits);
    return retryAfterMs > 0 ? { allowed: false, retryAfterSeconds: Math.ceil(retryAfterMs / 1000) } : { allowed: true };
  }

  recordFailure(username: string, address: string, nowMs: number): void {
    for (const key of [userKey(username), addressKey(address)]) {
      const times = this.recent(key, nowMs);
      times.push(nowMs);
      this.failures.set(key, times);
    }
    this.prune(nowMs);
  }

  recordSuccess(username: string): void {
    this.failures.delete(userKey(username));
  }

  private waitFor(key: string, limit: number, nowMs: number): number {
    const times = this.recent(key, nowMs);
    if (times.length < limit) return 0;
    // Locked until enough failures have aged out to leave room for one more attempt.
    const oldestCounted = times[times.length - limit]!;
    return oldestCounted + this.settings.windowSeconds * 1000 - nowMs;
  }

  private recent(key: string, nowMs: number): number[] {
    const since = nowMs - this.settings.windowSeconds * 1000;
    return (this.failures.get(key) ?? []).filter((t) => t > since);
  }

  /** Bounds memory under a spray of random usernames. */
  private prune(nowMs: number): void {
    if (this.failures.size < 10_000) return;
    for (const key of [...this.failures.keys()]) {
      if (this.recent(key, nowMs).length === 0) this.failures.delete(key);
    }
  }
}

const userKey = (username: string) => `user:${username.trim().toLowerCase()}`;
const addressKey = (address: string) => `addr:${address}`;
