/**
 * The delay the gateway adds to audio, measured inside it: from the moment a worker decoded
 * a received frame to the moment a worker hands the frame made from it to the other party's
 * leg to send. Its variation per stream is NOT the jitter the gateway adds: the delay includes
 * the frame's wait in the playout buffer, so a frame its sender sent late waits less and one
 * sent early waits more, and the sender's own irregularity shows in it. The gateway's added
 * jitter is the irregularity of what it sends (SendJitterStats); bench:media reports both.
 *
 * Per stream (sending leg) the delays are kept for a window; a summary takes each stream's
 * median and histograms every frame's distance from it, so the summaries of several workers
 * merge by adding histograms.
 */
export const HISTOGRAM_STEP_MS = 0.1;
export const HISTOGRAM_BUCKETS = 5000; // 0 … 500 ms; beyond goes in the last bucket

export interface TransitSummary {
  streams: number;
  frames: number;
  /** Counts of |delay − the stream's median delay| in HISTOGRAM_STEP_MS buckets. */
  deviation: number[];
  /** Counts of the delays themselves, same buckets. */
  delay: number[];
}

export class TransitStats {
  private readonly streams = new Map<number, number[]>();

  constructor(private readonly maxPerStream = 30_000) {}

  record(stream: number, delayMs: number): void {
    if (!Number.isFinite(delayMs)) return;
    let delays = this.streams.get(stream);
    if (!delays) this.streams.set(stream, (delays = []));
    if (delays.length < this.maxPerStream) delays.push(delayMs);
  }

  forget(stream: number): void {
    this.streams.delete(stream);
  }

  /** This window's summary; `reset` starts the next window. */
  summary(reset = false): TransitSummary {
    const summary = emptySummary();
    for (const delays of this.streams.values()) {
      if (delays.length === 0) continue;
      summary.streams++;
      const median = medianOf(delays);
      for (const delay of delays) {
        summary.frames++;
        summary.deviation[histogramBucket(Math.abs(delay - median))]!++;
        summary.delay[histogramBucket(delay)]!++;
      }
    }
    if (reset) for (const delays of this.streams.values()) delays.length = 0;
    return summary;
  }
}

/** The median of a stream's values as the summaries take it (the upper one of an even count), sorted as numbers in a typed array. */
export function medianOf(values: readonly number[]): number {
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.floor(sorted.length / 2)]!;
}

export function emptySummary(): TransitSummary {
  return { streams: 0, frames: 0, deviation: new Array<number>(HISTOGRAM_BUCKETS).fill(0), delay: new Array<number>(HISTOGRAM_BUCKETS).fill(0) };
}

export function mergeSummaries(summaries: readonly TransitSummary[]): TransitSummary {
  const merged = emptySummary();
  for (const s of summaries) {
    merged.streams += s.streams;
    merged.frames += s.frames;
    s.deviation.forEach((count, i) => (merged.deviation[i]! += count));
    s.delay.forEach((count, i) => (merged.delay[i]! += count));
  }
  return merged;
}

/** The value below which `fraction` of the histogram's counts lie (bucket upper edge), or null if empty. */
export function histogramQuantile(histogram: readonly number[], fraction: number): number | null {
  const total = histogram.reduce((sum, count) => sum + count, 0);
  if (total === 0) return null;
  let seen = 0;
  for (let i = 0; i < histogram.length; i++) {
    seen += histogram[i]!;
    if (seen >= fraction * total) return Math.round((i + 1) * HISTOGRAM_STEP_MS * 10) / 10;
  }
  return histogram.length * HISTOGRAM_STEP_MS;
}

/** The HISTOGRAM_STEP_MS bucket of `ms` (the last one holds everything beyond). */
export function histogramBucket(ms: number): number {
  return Math.min(HISTOGRAM_BUCKETS - 1, Math.max(0, Math.floor(ms / HISTOGRAM_STEP_MS)));
}
