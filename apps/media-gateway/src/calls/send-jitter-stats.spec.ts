import { describe, expect, it } from 'vitest';
import { mergeSendSummaries, quantile, SendJitterStats, type SentFrame, sendDeviations } from './send-jitter-stats.js';
import { histogramBucket, histogramQuantile } from './transit-stats.js';

/** Frames k = from … to sent at `sentAt(k)`. */
const stream = (from: number, to: number, sentAt: (k: number) => number): SentFrame[] =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ index: from + i, sentAtMs: sentAt(from + i) }));

describe('sendDeviations', () => {
  it('sees no jitter in a regular stream, whatever its start', () => {
    expect(quantile(sendDeviations(stream(0, 199, (k) => 1_000_123.4 + k * 20)), 0.99)).toBe(0);
  });

  it('counts one late frame as one deviation, and the catch-up frame after it as none', () => {
    const frames = stream(0, 199, (k) => 1000 + k * 20 + (k === 100 ? 15 : 0));
    const deviations = sendDeviations(frames);
    expect(deviations[100]).toBe(15);
    expect(deviations.filter((d) => d > 0)).toHaveLength(1);
    expect(quantile(deviations, 1)).toBe(15);
    expect(quantile(deviations, 0.99)).toBe(0);
  });

  it('keeps a frame the gateway did not send out of the figure: a gap in k is no jitter', () => {
    // Frame 50 came too late for its slot: silence went instead, and it is not in the stream.
    const frames = stream(0, 199, (k) => 1000 + k * 20).filter((f) => f.index !== 50);
    expect(quantile(sendDeviations(frames), 1)).toBe(0);
  });

  it('counts a skipped tick as a lasting step: every later frame is 20 ms behind its timestamp', () => {
    // The RTP timestamps do not skip, so frames 150… go out one tick later than their k says.
    const frames = stream(0, 199, (k) => 1000 + k * 20 + (k >= 150 ? 20 : 0));
    const deviations = sendDeviations(frames);
    expect(deviations.slice(0, 150).every((d) => d === 0)).toBe(true);
    expect(deviations.slice(150).every((d) => d === 20)).toBe(true);
    expect(quantile(deviations, 0.99)).toBe(20);
  });

  it('measures a lasting step against the median: the minority side deviates', () => {
    // 12 ms later from frame 190 on: 10 frames of 200, 5% of the stream, past the 99th percentile.
    const deviations = sendDeviations(stream(0, 199, (k) => 1000 + k * 20 + (k >= 190 ? 12 : 0)));
    expect(quantile(deviations, 0.95)).toBe(0);
    expect(quantile(deviations, 0.99)).toBeCloseTo(12, 9);
  });

  it('gives nothing for an empty stream', () => {
    expect(sendDeviations([])).toEqual([]);
    expect(quantile([], 0.99)).toBeNull();
  });
});

describe(SendJitterStats.name, () => {
  it('numbers each stream by the frames it was handed, bridged or not, and measures only the bridged', () => {
    const sut = new SendJitterStats();
    // Stream 1: 10 unmeasured frames (a prompt), then 100 bridged, one of them 7 ms late.
    for (let k = 0; k < 110; k++) sut.sent(1, 5000 + k * 20 + (k === 60 ? 7 : 0), k >= 10);
    // Stream 2: regular, on another phase.
    for (let k = 0; k < 100; k++) sut.sent(2, 5003 + k * 20, true);
    const summary = sut.summary();
    expect(summary).toMatchObject({ streams: 2, frames: 200, staleDropped: 0 });
    expect(histogramQuantile(summary.deviation, 0.99)).toBe(0.1); // 199 of 200 frames on their median
    expect(histogramQuantile(summary.deviation, 1)).toBe(7.1);
  });

  it('merges workers, counts stale drops, and starts a new window on reset without renumbering', () => {
    const a = new SendJitterStats();
    const b = new SendJitterStats();
    for (let k = 0; k < 50; k++) a.sent(1, 100 + k * 20, true);
    a.dropped(3);
    for (let k = 0; k < 50; k++) b.sent(4, 100 + k * 20 + (k % 2) * 9, true); // half the frames 9 ms late
    const merged = mergeSendSummaries([a.summary(true), b.summary()]);
    expect(merged).toMatchObject({ streams: 2, frames: 100, staleDropped: 3 });
    expect(histogramQuantile(merged.deviation, 0.99)).toBe(9.1);
    expect(a.summary()).toMatchObject({ streams: 0, frames: 0, staleDropped: 0 });
    // Frame 50 of stream 1 follows on in the next window: a regular stream stays regular.
    for (let k = 50; k < 60; k++) a.sent(1, 100 + k * 20, true);
    expect(histogramQuantile(a.summary().deviation, 1)).toBe(0.1);
  });

  it('summarizes a window as sendDeviations does, frame for frame', () => {
    const sut = new SendJitterStats();
    const frames: SentFrame[] = [];
    let at = 5_000;
    for (let k = 0; k < 300; k++) {
      at += 20 + ((k * 7919) % 13) - 6 + (k % 97 === 0 ? 35 : 0);
      sut.sent(3, at, true);
      frames.push({ index: k, sentAtMs: at });
    }
    const expected = new Array<number>(sut.summary().deviation.length).fill(0);
    for (const deviation of sendDeviations(frames)) expected[histogramBucket(deviation)]!++;
    expect(sut.summary().deviation).toEqual(expected);
  });

  it('measures a relayed frame by the time it took to pass on, not by its place on the 20 ms grid', () => {
    const sut = new SendJitterStats();
    // Relayed frames arrive irregularly (the far end's jitter passes through) and each goes out
    // 0.2 ms after it was decoded, one of them 6 ms after (the relay was held up).
    for (let k = 0; k < 100; k++) {
      const decodedAt = 9_000 + k * 20 + ((k * 37) % 11);
      sut.relayed(5, decodedAt + (k === 40 ? 6 : 0.2), decodedAt);
    }
    const summary = sut.summary();
    expect(summary).toMatchObject({ streams: 1, frames: 100 });
    expect(histogramQuantile(summary.deviation, 0.99)).toBe(0.1);
    expect(histogramQuantile(summary.deviation, 1)).toBe(5.8); // 6 − 0.2, the bucket's upper bound
  });

  it('keeps a stream\'s relayed and ticked frames apart, and numbers them as one stream', () => {
    const sut = new SendJitterStats();
    for (let k = 0; k < 50; k++) sut.sent(1, 100 + k * 20, true);
    for (let k = 50; k < 100; k++) sut.relayed(1, 100 + k * 20 + 13.3, 100 + k * 20 + 13);
    // Back to ticks: frame 100 is due at 100 + 100 × 20, on the old grid.
    sut.sent(1, 100 + 100 * 20, true);
    const summary = sut.summary();
    expect(summary).toMatchObject({ streams: 2, frames: 101 });
    expect(histogramQuantile(summary.deviation, 1)).toBe(0.1);
  });
});
