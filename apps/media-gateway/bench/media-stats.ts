/**
 * What one direction of the benchmark's calls looked like over a measurement window: loss
 * from the probes' sequence numbers, and the jitter the gateway added from their transit
 * times. Transit is arrival minus the moment the sender handed the packet over, both on the
 * load process's clock, so the sender's own timer lateness is already out of it; what is left
 * is the gateway (its receive path, its 20 ms tick, its send path), the loopback network and
 * the receiving load process's own event-loop delay (reported beside it).
 *
 * Pure: the load processes fill it, the controller merges it.
 */

/** One received probe of the window, in arrival order. */
export interface Arrival {
  seq: number;
  transitMs: number;
}

/** A histogram of non-negative ms values in fixed bins, mergeable across processes. */
export class Histogram {
  static readonly BIN_MS = 0.1;
  static readonly BINS = 5000; // 0–500 ms; anything above lands in the last bin
  private readonly counts = new Map<number, number>();
  count = 0;
  max = 0;

  add(valueMs: number): void {
    const bin = Math.min(Histogram.BINS - 1, Math.floor(valueMs / Histogram.BIN_MS));
    this.counts.set(bin, (this.counts.get(bin) ?? 0) + 1);
    this.count++;
    if (valueMs > this.max) this.max = valueMs;
  }

  merge(other: SerializedHistogram): void {
    for (const [bin, count] of other.bins) this.counts.set(bin, (this.counts.get(bin) ?? 0) + count);
    this.count += other.bins.reduce((sum, [, count]) => sum + count, 0);
    this.max = Math.max(this.max, other.max);
  }

  /** The upper edge of the bin holding the q-quantile (0 < q ≤ 1); null when empty. */
  quantile(q: number): number | null {
    if (this.count === 0) return null;
    const rank = Math.ceil(q * this.count);
    let seen = 0;
    for (const bin of [...this.counts.keys()].sort((a, b) => a - b)) {
      seen += this.counts.get(bin)!;
      if (seen >= rank) return Math.min(this.max, (bin + 1) * Histogram.BIN_MS);
    }
    return this.max;
  }

  toJSON(): SerializedHistogram {
    return { bins: [...this.counts.entries()], max: this.max };
  }

  static from(serialized: SerializedHistogram): Histogram {
    const histogram = new Histogram();
    histogram.merge(serialized);
    return histogram;
  }
}

export interface SerializedHistogram {
  bins: [number, number][];
  max: number;
}

/** One direction over the window, for one or many calls (sums and pooled histograms). */
export interface DirectionSummary {
  calls: number;
  /** Probes the senders sent in the window. */
  expected: number;
  /** Of those, how many arrived (each counted once). */
  received: number;
  duplicates: number;
  /** Gateway frames of μ-law silence: ticks at which it had nothing from the far end. */
  silentFrames: number;
  /** Payloads that were neither a probe nor silence, or a probe of another call: must stay 0. */
  foreign: number;
  /** |transit − the call's median transit| of every received probe, pooled over calls. */
  deviation: SerializedHistogram;
  /**
   * |transit − the previous packet's transit| (RFC 3550's D): a lasting 20 ms step of latency
   * (a frame more or less queued in the gateway) counts once here but for every later packet
   * in `deviation`, so the two together tell per-packet jitter from latency that shifted.
   */
  transitDelta: SerializedHistogram;
  /** RFC 3550 interarrival jitter (of transit) at the end of the window, one per call. */
  rfc3550JitterMs: number[];
  /** Each call's median one-way transit through the gateway. */
  medianTransitMs: number[];
}

export function emptySummary(): DirectionSummary {
  return {
    calls: 0,
    expected: 0,
    received: 0,
    duplicates: 0,
    silentFrames: 0,
    foreign: 0,
    deviation: { bins: [], max: 0 },
    transitDelta: { bins: [], max: 0 },
    rfc3550JitterMs: [],
    medianTransitMs: [],
  };
}

/**
 * One call's direction: `arrivals` in arrival order, the sender's window [firstSeq, lastSeq]
 * (null when it sent nothing in the window), and the counters of non-probe frames.
 */
export function summarizeStream(
  arrivals: readonly Arrival[],
  window: { firstSeq: number; lastSeq: number } | null,
  counters: { silentFrames: number; foreign: number },
): DirectionSummary {
  const summary = emptySummary();
  summary.calls = 1;
  summary.silentFrames = counters.silentFrames;
  summary.foreign = counters.foreign;
  if (!window) return summary;
  summary.expected = window.lastSeq - window.firstSeq + 1;
  const seen = new Set<number>();
  const inWindow: Arrival[] = [];
  for (const arrival of arrivals) {
    if (arrival.seq < window.firstSeq || arrival.seq > window.lastSeq) continue;
    if (seen.has(arrival.seq)) {
      summary.duplicates++;
      continue;
    }
    seen.add(arrival.seq);
    inWindow.push(arrival);
  }
  summary.received = inWindow.length;
  if (inWindow.length === 0) return summary;
  const sorted = inWindow.map((a) => a.transitMs).sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  const deviation = new Histogram();
  const delta = new Histogram();
  let jitter = 0;
  let previous: number | null = null;
  for (const { transitMs } of inWindow) {
    deviation.add(Math.abs(transitMs - median));
    if (previous !== null) {
      // RFC 3550 §6.4.1 with S the sender's hand-over time: J += (|D| − J) / 16.
      const d = Math.abs(transitMs - previous);
      delta.add(d);
      jitter += (d - jitter) / 16;
    }
    previous = transitMs;
  }
  summary.deviation = deviation.toJSON();
  summary.transitDelta = delta.toJSON();
  summary.rfc3550JitterMs = [jitter];
  summary.medianTransitMs = [median];
  return summary;
}

export function mergeSummaries(parts: readonly DirectionSummary[]): DirectionSummary {
  const merged = emptySummary();
  const deviation = new Histogram();
  const delta = new Histogram();
  for (const part of parts) {
    merged.calls += part.calls;
    merged.expected += part.expected;
    merged.received += part.received;
    merged.duplicates += part.duplicates;
    merged.silentFrames += part.silentFrames;
    merged.foreign += part.foreign;
    deviation.merge(part.deviation);
    delta.merge(part.transitDelta);
    merged.rfc3550JitterMs.push(...part.rfc3550JitterMs);
    merged.medianTransitMs.push(...part.medianTransitMs);
  }
  merged.deviation = deviation.toJSON();
  merged.transitDelta = delta.toJSON();
  return merged;
}

/** The figures the report shows for one direction. */
export interface DirectionFigures {
  lossPercent: number | null;
  /**
   * Silent frames per 100 probes sent: ticks the gateway had nothing of the far end in time
   * and sent silence. The probe itself may still arrive later, so loss does not count these,
   * but a listener hears each as a 20 ms gap.
   */
  gapPercent: number | null;
  p99DeviationMs: number | null;
  maxDeviationMs: number;
  p99TransitDeltaMs: number | null;
  meanRfc3550JitterMs: number | null;
  maxRfc3550JitterMs: number | null;
  medianTransitMs: number | null;
}

export function figuresOf(summary: DirectionSummary): DirectionFigures {
  const deviation = Histogram.from(summary.deviation);
  const jitters = summary.rfc3550JitterMs;
  const transits = [...summary.medianTransitMs].sort((a, b) => a - b);
  return {
    lossPercent: summary.expected === 0 ? null : (100 * (summary.expected - summary.received)) / summary.expected,
    gapPercent: summary.expected === 0 ? null : (100 * summary.silentFrames) / summary.expected,
    p99DeviationMs: deviation.quantile(0.99),
    maxDeviationMs: deviation.max,
    p99TransitDeltaMs: Histogram.from(summary.transitDelta).quantile(0.99),
    meanRfc3550JitterMs: jitters.length === 0 ? null : jitters.reduce((a, b) => a + b, 0) / jitters.length,
    maxRfc3550JitterMs: jitters.length === 0 ? null : Math.max(...jitters),
    medianTransitMs: transits.length === 0 ? null : transits[Math.floor(transits.length / 2)]!,
  };
}
