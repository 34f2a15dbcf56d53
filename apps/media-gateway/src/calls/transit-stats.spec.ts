import { describe, expect, it } from 'vitest';
import { histogramQuantile, mergeSummaries, TransitStats } from './transit-stats.js';

describe(TransitStats.name, () => {
  it('measures each stream against its own median, so streams with different delays merge fairly', () => {
    const sut = new TransitStats();
    // Stream 1 sits at 40 ms with one 25 ms spike; stream 2 at 80 ms, steady.
    for (let i = 0; i < 99; i++) sut.record(1, 40);
    sut.record(1, 65);
    for (let i = 0; i < 100; i++) sut.record(2, 80);
    const summary = sut.summary();
    expect(summary).toMatchObject({ streams: 2, frames: 200 });
    expect(histogramQuantile(summary.deviation, 0.99)).toBe(0.1); // 198 of 200 frames on their median
    expect(histogramQuantile(summary.deviation, 1)).toBe(25.1);
    expect(histogramQuantile(summary.delay, 0.25)).toBe(40.1);
    expect(histogramQuantile(summary.delay, 0.75)).toBe(80.1);
  });

  it('merges workers by adding histograms, and starts a new window on reset', () => {
    const a = new TransitStats();
    const b = new TransitStats();
    for (let i = 0; i < 50; i++) a.record(1, 30 + (i % 2) * 12); // 30 and 42 by turns: median 42, half the frames 12 ms off it
    for (let i = 0; i < 50; i++) b.record(7, 50);
    const merged = mergeSummaries([a.summary(true), b.summary()]);
    expect(merged).toMatchObject({ streams: 2, frames: 100 });
    expect(histogramQuantile(merged.deviation, 0.99)).toBe(12.1);
    expect(a.summary()).toMatchObject({ streams: 0, frames: 0 });
    expect(histogramQuantile(a.summary().deviation, 0.99)).toBeNull();
  });

  it('ignores frames without a stamp', () => {
    const sut = new TransitStats();
    sut.record(1, Number.NaN);
    expect(sut.summary().frames).toBe(0);
  });
});
