import { describe, expect, it } from 'vitest';
import { emptyLoopDelay, LoopDelay, mergeLoopDelays } from './loop-delay.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe(LoopDelay.name, () => {
  it('sees the event loop held up by work, and starts afresh on reset', async () => {
    const delay = new LoopDelay();
    await sleep(50);
    const busyUntil = performance.now() + 40;
    while (performance.now() < busyUntil) {
      // The loop is held: whatever was due waits.
    }
    await sleep(30);
    const held = delay.summary(true);
    expect(held.maxMs).toBeGreaterThanOrEqual(25);
    expect(held.p99Ms).not.toBeNull();
    await sleep(60);
    expect(delay.summary().maxMs).toBeLessThan(held.maxMs!);
  });

  it('merges workers by their worst figures, ignoring a worker with no sample', () => {
    expect(mergeLoopDelays([{ p99Ms: 1.5, maxMs: 9 }, emptyLoopDelay(), { p99Ms: 3, maxMs: 4 }])).toEqual({ p99Ms: 3, maxMs: 9 });
    expect(mergeLoopDelays([emptyLoopDelay()])).toEqual(emptyLoopDelay());
  });
});
