import { describe, expect, it } from 'vitest';
import { type Arrival, figuresOf, Histogram, mergeSummaries, summarizeStream } from './media-stats.js';

const none = { silentFrames: 0, foreign: 0 };
const steady = (from: number, to: number, transitMs: (seq: number) => number): Arrival[] =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ seq: from + i, transitMs: transitMs(from + i) }));

describe(summarizeStream.name, () => {
  it('counts loss within the sender window only, and each probe once', () => {
    const arrivals = [...steady(0, 120, () => 30).filter((a) => a.seq !== 50 && a.seq !== 60), { seq: 70, transitMs: 31 }];
    const summary = summarizeStream(arrivals, { firstSeq: 10, lastSeq: 109 }, none);
    expect(summary).toMatchObject({ expected: 100, received: 98, duplicates: 1 });
    expect(figuresOf(summary).lossPercent).toBeCloseTo(2);
  });

  it('sees no jitter in a constant transit, whatever its length', () => {
    const figures = figuresOf(summarizeStream(steady(0, 499, () => 37.5), { firstSeq: 0, lastSeq: 499 }, none));
    expect(figures).toMatchObject({ p99DeviationMs: 0, meanRfc3550JitterMs: 0, medianTransitMs: 37.5 });
  });

  it('tells a lasting 20 ms step of latency from per-packet jitter', () => {
    // 30 ms for 300 packets, then 50 ms (a frame more queued in the gateway).
    const figures = figuresOf(summarizeStream(steady(0, 499, (seq) => (seq < 300 ? 30 : 50)), { firstSeq: 0, lastSeq: 499 }, none));
    expect(figures.p99DeviationMs).toBeCloseTo(20, 0);
    expect(figures.p99TransitDeltaMs).toBeCloseTo(0, 0);
  });

  it('reports a spike of one packet in both measures', () => {
    const figures = figuresOf(summarizeStream(steady(0, 99, (seq) => (seq % 20 === 10 ? 42 : 30)), { firstSeq: 0, lastSeq: 99 }, none));
    expect(figures.p99DeviationMs).toBeCloseTo(12, 0);
    expect(figures.p99TransitDeltaMs).toBeCloseTo(12, 0);
    expect(figures.meanRfc3550JitterMs).toBeGreaterThan(0.5);
  });
});

describe(Histogram.name, () => {
  it('merges across processes and answers quantiles to its bin width', () => {
    const a = new Histogram();
    const b = new Histogram();
    for (let i = 0; i < 99; i++) a.add(1);
    b.add(25);
    const merged = Histogram.from(a.toJSON());
    merged.merge(b.toJSON());
    expect(merged.count).toBe(100);
    expect(merged.quantile(0.99)).toBeCloseTo(1.1);
    expect(merged.quantile(1)).toBe(25);
  });

  it('pools direction summaries of many calls', () => {
    const one = summarizeStream(steady(0, 9, () => 20), { firstSeq: 0, lastSeq: 9 }, { silentFrames: 2, foreign: 0 });
    const merged = mergeSummaries([one, one]);
    expect(merged).toMatchObject({ calls: 2, expected: 20, received: 20, silentFrames: 4 });
    expect(merged.medianTransitMs).toEqual([20, 20]);
    // Every probe arrived, but 4 ticks in 20 went out silent: heard as gaps, not counted as loss.
    expect(figuresOf(merged)).toMatchObject({ lossPercent: 0, gapPercent: 20 });
  });
});
