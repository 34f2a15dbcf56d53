import { IntradaySchema } from '@ccx/contracts';
import { describe, expect, it } from 'vitest';
import { ids, queuedCall, T0 } from './call-timeline.fixture.js';
import { buildIntraday } from './intraday.js';

const { sales, support } = ids;
const at = (seconds: number) => T0 + seconds * 1000;
const MIN = 60;

describe(buildIntraday.name, () => {
  it('counts each call in the 15-minute interval it was offered in, per queue and in total (hand-worked)', () => {
    // 00:00–00:15: Sales answered after 10 s (in T 20) and after 30 s (missed); Support
    // answered after 50 s (T 60, in time). 00:15–00:30: nothing. 00:30–00:45 (holds now):
    // a Sales caller abandoned after 3 s (short: out of the SL base) and one answered after 5 s.
    const records = [
      queuedCall({ enqueueAt: 1 * MIN, wait: 10, outcome: 'answered' }),
      queuedCall({ enqueueAt: 14 * MIN + 59, wait: 30, outcome: 'answered' }),
      queuedCall({ enqueueAt: 5 * MIN, wait: 50, outcome: 'answered', queueId: support }),
      queuedCall({ enqueueAt: 31 * MIN, wait: 3, outcome: 'abandoned' }),
      queuedCall({ enqueueAt: 32 * MIN, wait: 5, outcome: 'answered' }),
      queuedCall({ enqueueAt: -5 * MIN, wait: 5, outcome: 'answered' }), // yesterday
    ];
    const intraday = buildIntraday({
      now: at(40 * MIN),
      since: at(0),
      queueIds: [sales, support],
      serviceLevelSeconds: { [sales]: 20, [support]: 60 },
      records,
    });
    expect(IntradaySchema.parse(intraday)).toEqual(intraday);
    expect(intraday.intervalMinutes).toBe(15);
    const salesSeries = intraday.queues.find((q) => q.queueId === sales)?.intervals;
    expect(salesSeries?.map((i) => i.start)).toEqual([at(0), at(15 * MIN), at(30 * MIN)].map((t) => new Date(t).toISOString()));
    expect(salesSeries?.map((i) => [i.offered, i.serviceLevel])).toEqual([
      [2, 0.5],
      [0, null],
      [2, 1],
    ]);
    expect(intraday.queues.find((q) => q.queueId === support)?.intervals.map((i) => [i.offered, i.serviceLevel])).toEqual([
      [1, 1],
      [0, null],
      [0, null],
    ]);
    // Totals, each call against its own queue's T: 00:00 → 2 of 3 in time.
    expect(intraday.totals.map((i) => i.offered)).toEqual([3, 0, 2]);
    expect(intraday.totals[0]?.serviceLevel).toBeCloseTo(2 / 3, 10);
    expect(intraday.totals[0]).toMatchObject({ answered: 3, answeredWithinThreshold: 2 });
  });

  it('starts at midnight and ends with the interval holding now; a call still waiting within T stays out of SL', () => {
    const waiting = queuedCall({ enqueueAt: 16 * MIN, wait: 0, outcome: 'waiting', now: at(16 * MIN + 10) });
    const intraday = buildIntraday({ now: at(16 * MIN + 10), since: at(0), queueIds: [], serviceLevelSeconds: {}, records: [waiting] });
    expect(intraday.queues).toEqual([]);
    expect(intraday.totals.map((i) => [i.offered, i.serviceLevel])).toEqual([
      [0, null],
      [1, null],
    ]);
  });

  it('has one interval right at midnight', () => {
    expect(buildIntraday({ now: at(0), since: at(0), queueIds: [sales], serviceLevelSeconds: {}, records: [] }).totals).toHaveLength(1);
  });
});
