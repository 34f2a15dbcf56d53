import { describe, expect, it } from 'vitest';
import { TimerQueue } from './timer-queue.js';

describe(TimerQueue.name, () => {
  it('runs due timers in time order, then scheduling order, with their own due time', () => {
    const sut = new TimerQueue();
    const ran: string[] = [];
    sut.schedule(30, (t) => ran.push(`c@${t}`));
    sut.schedule(10, (t) => ran.push(`a@${t}`));
    sut.schedule(10, (t) => ran.push(`b@${t}`));
    sut.schedule(40, (t) => ran.push(`d@${t}`));
    sut.runDue(35);
    expect(ran).toEqual(['a@10', 'b@10', 'c@30']);
  });

  it('skips cancelled timers and runs timers that actions schedule within the window', () => {
    const sut = new TimerQueue();
    const ran: number[] = [];
    const cancelled = sut.schedule(5, () => ran.push(-1));
    sut.schedule(10, (t) => {
      ran.push(t);
      sut.schedule(t + 5, (u) => ran.push(u));
      sut.schedule(t + 50, (u) => ran.push(u));
    });
    sut.cancel(cancelled);
    sut.runDue(20);
    expect(ran).toEqual([10, 15]);
    expect(sut.pending).toBe(1);
  });

  it('drops cancelled timers in bulk and keeps the others in order', () => {
    const sut = new TimerQueue();
    const ran: number[] = [];
    const timers = Array.from({ length: 5000 }, (_, i) => sut.schedule(5000 - i, (t) => ran.push(t)));
    timers.forEach((timer, i) => {
      if (i % 5 !== 0) sut.cancel(timer);
    });
    expect(sut.pending).toBeLessThan(5000);
    sut.cancel(timers[0]!);
    sut.runDue(10_000);
    expect(ran).toEqual(timers.filter((_, i) => i % 5 === 0 && i > 0).map((t) => t.at).sort((a, b) => a - b));
    sut.cancel(timers[5]!); // already ran: nothing to do
    expect(sut.pending).toBe(0);
  });
});
