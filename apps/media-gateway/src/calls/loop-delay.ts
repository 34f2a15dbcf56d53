/**
 * How long a media worker's event loop kept work waiting, per window: what a received
 * packet waits in its socket before the worker reads it. A frame a direct bridge relays is
 * measured from its decoding (SendJitterStats), so this wait is the part of the jitter the
 * gateway adds to relayed audio that the relay's own figure cannot see; bench:media adds the
 * two. (Frames the engine re-times wait in a playout buffer anyway: there the wait is
 * absorbed, or is loss.)
 *
 * Node's event-loop delay histogram samples with a timer every RESOLUTION_MS and records the
 * whole interval between samples, so the lateness is the recorded value less the resolution.
 */
import { type IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';

const RESOLUTION_MS = 5;

export interface LoopDelaySummary {
  /** Lateness of the loop, ms (null: no sample yet). */
  p99Ms: number | null;
  maxMs: number | null;
}

export class LoopDelay {
  private readonly histogram: IntervalHistogram;

  constructor() {
    this.histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
    this.histogram.enable();
  }

  /** This window's lateness; `reset` starts the next window. */
  summary(reset = false): LoopDelaySummary {
    const summary = this.histogram.count === 0 ? emptyLoopDelay() : { p99Ms: lateness(this.histogram.percentile(99)), maxMs: lateness(this.histogram.max) };
    if (reset) this.histogram.reset();
    return summary;
  }
}

function lateness(intervalNs: number): number {
  return Math.max(0, intervalNs / 1e6 - RESOLUTION_MS);
}

export function emptyLoopDelay(): LoopDelaySummary {
  return { p99Ms: null, maxMs: null };
}

/** The workers' figures together: the worst of them (a stream waits in one worker's loop). */
export function mergeLoopDelays(summaries: readonly LoopDelaySummary[]): LoopDelaySummary {
  const worst = (values: (number | null)[]) => {
    const known = values.filter((v): v is number => v !== null);
    return known.length ? Math.max(...known) : null;
  };
  return { p99Ms: worst(summaries.map((s) => s.p99Ms)), maxMs: worst(summaries.map((s) => s.maxMs)) };
}
