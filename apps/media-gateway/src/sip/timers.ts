/**
 * RFC 3261 timer values and a scheduler seam, so transactions and registrations run on a
 * fake clock in tests and on real timers in the gateway.
 */
export const T1 = 500;
export const T2 = 4000;
export const T4 = 5000;

export interface Scheduler {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realScheduler: Scheduler = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** A scheduler whose time moves only when the test says so. */
export class FakeScheduler implements Scheduler {
  constructor(private time = 0) {}
  private nextId = 1;
  private readonly pending = new Map<number, { at: number; fn: () => void }>();

  now(): number {
    return this.time;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.pending.set(id, { at: this.time + ms, fn });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  /** Moves time forward, running every timer that falls due, in order. */
  advance(ms: number): void {
    const until = this.time + ms;
    for (;;) {
      let nextId = -1;
      let nextAt = Infinity;
      for (const [id, timer] of this.pending) if (timer.at <= until && timer.at < nextAt) [nextId, nextAt] = [id, timer.at];
      if (nextId < 0) break;
      const timer = this.pending.get(nextId)!;
      this.pending.delete(nextId);
      this.time = timer.at;
      timer.fn();
    }
    this.time = until;
  }

  get pendingCount(): number {
    return this.pending.size;
  }
}
