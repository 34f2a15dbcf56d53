/**
 * How many call tokens anonymous visitors may take: per address in a sliding window, and in
 * total in the same window, so neither one page reloading in a loop nor many addresses at
 * once can turn the widget into a way to flood the IVR. Plain TypeScript, time passed in.
 */
export interface VisitorRateLimitSettings {
  perAddress: number;
  total: number;
  windowMs: number;
}

export type RateVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export class VisitorRateLimit {
  private readonly byAddress = new Map<string, number[]>();
  private all: number[] = [];

  constructor(private readonly settings: VisitorRateLimitSettings) {}

  /** Counts the request when it is allowed; a refused one does not count. */
  take(address: string, nowMs: number): RateVerdict {
    const since = nowMs - this.settings.windowMs;
    this.all = this.all.filter((at) => at > since);
    const mine = (this.byAddress.get(address) ?? []).filter((at) => at > since);
    const full = mine.length >= this.settings.perAddress ? mine : this.all.length >= this.settings.total ? this.all : null;
    if (full) {
      this.byAddress.set(address, mine);
      // Free again when the oldest request in the full window leaves it.
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((full[0]! + this.settings.windowMs - nowMs) / 1000)) };
    }
    mine.push(nowMs);
    this.all.push(nowMs);
    this.byAddress.set(address, mine);
    this.forgetIdle(since);
    return { allowed: true };
  }

  /** Addresses with nothing in the window are dropped, so the map does not grow without end. */
  private forgetIdle(since: number): void {
    if (this.byAddress.size < 1000) return;
    for (const [address, times] of this.byAddress) if (times.every((at) => at <= since)) this.byAddress.delete(address);
  }
}
