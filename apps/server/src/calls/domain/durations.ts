/**
 * Time arithmetic of the call record: whole milliseconds in, seconds out. An interval still
 * open runs to `now` when the caller knows it, and otherwise makes the figure unknown (null)
 * rather than a guess.
 */

export interface Interval {
  start: number;
  end: number | null;
}

/** Seconds from `start` to `end`; null when the end is not known. Never negative (clock skew). */
export function seconds(start: number, end: number | null): number | null {
  return end === null ? null : Math.max(0, end - start) / 1000;
}

/** Σ of intervals in seconds; open ones run to `now`, or make the sum unknown. */
export function sumSeconds(intervals: readonly Interval[], now: number | null): number | null {
  let ms = 0;
  for (const { start, end } of intervals) {
    const stop = end ?? now;
    if (stop === null) return null;
    ms += Math.max(0, stop - start);
  }
  return ms / 1000;
}

/** Length in ms of the union of intervals (overlaps count once); null if one is open and there is no `now`. */
export function unionMs(intervals: readonly Interval[], now: number | null): number | null {
  const closed: { start: number; end: number }[] = [];
  for (const { start, end } of intervals) {
    const stop = end ?? now;
    if (stop === null) return null;
    closed.push({ start, end: Math.max(start, stop) });
  }
  closed.sort((a, b) => a.start - b.start);
  let total = 0;
  let run: { start: number; end: number } | null = null;
  for (const interval of closed) {
    if (run && interval.start <= run.end) run.end = Math.max(run.end, interval.end);
    else {
      if (run) total += run.end - run.start;
      run = { ...interval };
    }
  }
  return run ? total + (run.end - run.start) : total;
}
