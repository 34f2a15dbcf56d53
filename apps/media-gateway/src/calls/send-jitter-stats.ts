/**
 * The jitter the gateway adds to the audio it sends: how irregular each outgoing stream's
 * send instants are. The gateway re-times audio (playout buffer, one frame per leg per 20 ms
 * tick), so whatever irregularity its input had is absorbed by the buffer or becomes loss;
 * what it adds is its output's irregularity. (TransitStats' decode→send delay mixes in the
 * input's own irregularity: a frame the far end sent late waits less in the buffer.)
 *
 * Per stream (the frames a worker hands one leg while it is bridged), frame k is the k-th
 * frame the leg was handed, which is its RTP timestamp / 160 since the stream began: what
 * the far end's jitter buffer plays it against. offset_k = sentAt_k − k × 20 ms, and the
 * deviation is |offset_k − the stream's median offset|. A frame the gateway did not send
 * (its input came too late and silence went instead) only leaves a gap in k; a tick the
 * gateway skipped or a batch it dropped as stale shifts every later offset, since the
 * RTP timestamps do not skip either: a lasting step, which the far end hears as one.
 *
 * A frame a direct bridge relayed (MediaEndpoint.relayTo) is sent as soon as it arrived, not
 * on a tick: what the gateway adds to it is only the time it took to pass it on, so its
 * offset is sentAt − the instant its source frame was decoded, in a series of its own with
 * its own median. (Its input's irregularity passes through untouched, as through any relay.)
 *
 * Summaries are histograms in TransitStats' buckets, so the workers' summaries merge.
 */
import { FRAME_MS } from '../media/frame.js';
import { HISTOGRAM_BUCKETS, histogramBucket, medianOf } from './transit-stats.js';

export interface SentFrame {
  /** The frame's index in its stream (RTP timestamp / samples per frame). */
  index: number;
  /** When it was handed to the socket, ms on a high-resolution clock. */
  sentAtMs: number;
}

export interface SendJitterSummary {
  streams: number;
  frames: number;
  /** Counts of |offset − the stream's median offset| in HISTOGRAM_STEP_MS buckets. */
  deviation: number[];
  /** Outgoing frames the worker dropped rather than send late (a batch older than its limit). */
  staleDropped: number;
}

/** |offset_k − median(offset)| of every frame of one stream, in the frames' order. */
export function sendDeviations(frames: readonly SentFrame[], frameMs = FRAME_MS): number[] {
  if (frames.length === 0) return [];
  const offsets = frames.map((f) => f.sentAtMs - f.index * frameMs);
  const median = [...offsets].sort((a, b) => a - b)[Math.floor(offsets.length / 2)]!;
  return offsets.map((offset) => Math.abs(offset - median));
}

/** The `fraction` quantile of some deviations (nearest rank), or null without any. */
export function quantile(values: readonly number[], fraction: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))]!;
}

export class SendJitterStats {
  /** Per stream: offsets of this window's frames. */
  private readonly offsets = new Map<number, number[]>();
  /** Per stream: offsets of this window's relayed frames (send − decode of their source). */
  private readonly relayOffsets = new Map<number, number[]>();
  /** Per stream: frames handed to the leg so far (k of the next one); outlives windows. */
  private readonly counters = new Map<number, number>();
  private staleDropped = 0;

  constructor(private readonly maxPerStream = 30_000) {}

  /**
   * A frame was handed to `stream`'s leg at `sentAtMs`; `measured` false keeps it out of the
   * figure (not bridged audio) while still counting it as a step of k.
   */
  sent(stream: number, sentAtMs: number, measured: boolean): void {
    const index = this.counters.get(stream) ?? 0;
    this.counters.set(stream, index + 1);
    if (!measured || !Number.isFinite(sentAtMs)) return;
    let offsets = this.offsets.get(stream);
    if (!offsets) this.offsets.set(stream, (offsets = []));
    if (offsets.length < this.maxPerStream) offsets.push(sentAtMs - index * FRAME_MS);
  }

  /** A frame relayed to `stream`'s leg at `sentAtMs`, made from one decoded at `decodedAtMs`. */
  relayed(stream: number, sentAtMs: number, decodedAtMs: number): void {
    this.counters.set(stream, (this.counters.get(stream) ?? 0) + 1);
    if (!Number.isFinite(sentAtMs) || !Number.isFinite(decodedAtMs)) return;
    let offsets = this.relayOffsets.get(stream);
    if (!offsets) this.relayOffsets.set(stream, (offsets = []));
    if (offsets.length < this.maxPerStream) offsets.push(sentAtMs - decodedAtMs);
  }

  dropped(frames: number): void {
    this.staleDropped += frames;
  }

  forget(stream: number): void {
    this.offsets.delete(stream);
    this.relayOffsets.delete(stream);
    this.counters.delete(stream);
  }

  /** This window's summary; `reset` starts the next window. */
  summary(reset = false): SendJitterSummary {
    const summary = emptySendSummary();
    summary.staleDropped = this.staleDropped;
    for (const series of [this.offsets, this.relayOffsets]) {
      for (const offsets of series.values()) {
        if (offsets.length === 0) continue;
        summary.streams++;
        // sendDeviations' figures, without an object per frame: this runs in the media worker,
        // and at 150 streams the object version held every stream's sends for over 100 ms.
        const median = medianOf(offsets);
        for (const offset of offsets) {
          summary.frames++;
          summary.deviation[histogramBucket(Math.abs(offset - median))]!++;
        }
      }
    }
    if (reset) {
      for (const offsets of this.offsets.values()) offsets.length = 0;
      for (const offsets of this.relayOffsets.values()) offsets.length = 0;
      this.staleDropped = 0;
    }
    return summary;
  }
}

export function emptySendSummary(): SendJitterSummary {
  return { streams: 0, frames: 0, deviation: new Array<number>(HISTOGRAM_BUCKETS).fill(0), staleDropped: 0 };
}

export function mergeSendSummaries(summaries: readonly SendJitterSummary[]): SendJitterSummary {
  const merged = emptySendSummary();
  for (const s of summaries) {
    merged.streams += s.streams;
    merged.frames += s.frames;
    merged.staleDropped += s.staleDropped;
    s.deviation.forEach((count, i) => (merged.deviation[i]! += count));
  }
  return merged;
}
