/**
 * The media clock: calls `tick` every 20 ms, aiming at absolute deadlines so the average
 * rate stays exact even though each timer fires a little late. After a long stall (a GC
 * pause, an overloaded core) it skips the missed ticks instead of bursting them out, since
 * a burst of audio would only overflow the far ends' jitter buffers. Lateness is measured,
 * for the benchmark.
 */
export class Ticker {
  private timer: NodeJS.Timeout | null = null;
  private next = 0;
  private readonly lateness: number[] = [];
  skipped = 0;
  /** Ticks run so far. */
  ticks = 0;

  constructor(
    private readonly tick: () => void,
    private readonly periodMs = 20,
  ) {}

  start(): void {
    if (this.timer) return;
    this.next = performance.now() + this.periodMs;
    this.schedule();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Lateness of recent ticks in ms (last 3000), for p50/p99 figures. */
  recentLateness(): number[] {
    return [...this.lateness];
  }

  private schedule(): void {
    const delay = Math.max(0, this.next - performance.now());
    this.timer = setTimeout(() => {
      const now = performance.now();
      this.lateness.push(now - this.next);
      if (this.lateness.length > 3000) this.lateness.shift();
      if (now - this.next > 5 * this.periodMs) {
        const missed = Math.floor((now - this.next) / this.periodMs);
        this.skipped += missed;
        this.next += missed * this.periodMs;
      }
      this.ticks++;
      this.tick();
      this.next += this.periodMs;
      this.schedule();
    }, delay);
    this.timer.unref();
  }
}
