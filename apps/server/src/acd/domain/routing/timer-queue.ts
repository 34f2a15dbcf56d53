/**
 * The ACD's deadlines (ring timeouts, overflow steps, maximum wait, announcements, wrap-up
 * ends, heartbeat and registration expiries) in one binary min-heap ordered by (due time,
 * scheduling order). Cancelling only marks the timer; the heap drops it when it surfaces.
 * Nothing here reads a clock: `runDue(now)` is called with the time the caller was given.
 */
export interface Timer {
  readonly at: number;
  readonly seq: number;
  readonly action: (at: number) => void;
  cancelled: boolean;
}

export class TimerQueue {
  private readonly heap: Timer[] = [];
  private seq = 0;
  /** Cancelled timers still in the heap. */
  private stale = 0;

  get pending(): number {
    return this.heap.length;
  }

  schedule(at: number, action: (at: number) => void): Timer {
    const timer: Timer = { at, seq: this.seq++, action, cancelled: false };
    this.heap.push(timer);
    this.up(this.heap.length - 1);
    return timer;
  }

  cancel(timer: Timer | null): void {
    if (!timer || timer.cancelled) return;
    timer.cancelled = true;
    // Cancelled timers wait in the heap until they surface; when they are most of it, drop them.
    if (++this.stale > 1024 && this.stale * 2 > this.heap.length) this.compact();
  }

  /** Runs, in order, every timer due at or before `now`, including timers that actions schedule. */
  runDue(now: number): void {
    for (;;) {
      const top = this.heap[0];
      if (!top || top.at > now) return;
      this.pop();
      if (top.cancelled) {
        this.stale--;
        continue;
      }
      top.cancelled = true; // done: a later cancel is a no-op
      top.action(top.at);
    }
  }

  private compact(): void {
    let kept = 0;
    for (const timer of this.heap) if (!timer.cancelled) this.heap[kept++] = timer;
    this.heap.length = kept;
    for (let i = (this.heap.length >> 1) - 1; i >= 0; i--) this.down(i);
    this.stale = 0;
  }

  private pop(): void {
    const last = this.heap.pop()!;
    if (this.heap.length === 0) return;
    this.heap[0] = last;
    this.down(0);
  }

  private before(a: Timer, b: Timer): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  private up(i: number): void {
    const heap = this.heap;
    const item = heap[i]!;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(item, heap[parent]!)) break;
      heap[i] = heap[parent]!;
      i = parent;
    }
    heap[i] = item;
  }

  private down(i: number): void {
    const heap = this.heap;
    const item = heap[i]!;
    const n = heap.length;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && this.before(heap[child + 1]!, heap[child]!)) child++;
      if (!this.before(heap[child]!, item)) break;
      heap[i] = heap[child]!;
      i = child;
    }
    heap[i] = item;
  }
}
