import { WallboardSchema } from '@ccx/contracts';
import { describe, expect, it } from 'vitest';
import { ids, queuedCall, T0, timeline } from './call-timeline.fixture.js';
import { buildWallboard } from './wallboard.js';

const { sales, support, agentA, agentB, agentC } = ids;
const at = (seconds: number) => T0 + seconds * 1000;

describe(buildWallboard.name, () => {
  it('joins the live snapshot and today’s figures per queue and in total (hand-worked)', () => {
    const now = at(1000);
    // Sales today: answered after 10 s (handle 60 + 20 = 80 s) and after 30 s (handle 100 s),
    // one abandoned after 8 s. SL = 1 ÷ (3 − 0) = 1/3; ASA = (10 + 30) ÷ 2 = 20 s;
    // AHT = (80 + 100) ÷ 2 = 90 s; abandon rate = 1/3.
    // Support today: answered after 50 s with T = 60 s → SL = 1; ASA 50 s; AHT 60 s.
    const records = [
      queuedCall({ enqueueAt: 100, wait: 10, outcome: 'answered', talk: 60, wrapUp: 20 }),
      queuedCall({ enqueueAt: 200, wait: 30, outcome: 'answered', talk: 100 }),
      queuedCall({ enqueueAt: 300, wait: 8, outcome: 'abandoned' }),
      queuedCall({ enqueueAt: 400, wait: 50, outcome: 'answered', talk: 60, queueId: support }),
      queuedCall({ enqueueAt: -100, wait: 5, outcome: 'answered' }), // yesterday
    ];
    const board = buildWallboard({
      now,
      since: at(0),
      queues: [{ queueId: sales, serviceLevelSeconds: 20 }, { queueId: support, serviceLevelSeconds: 60 }],
      // Two wait in Sales since 940 s and 985 s: the longest has waited 1000 − 940 = 60 s.
      waiting: [
        { queueId: sales, waitingSince: at(985) },
        { queueId: sales, waitingSince: at(940) },
      ],
      agents: [
        { agentId: agentA, state: 'on-call', queueIds: [sales] },
        { agentId: agentB, state: 'available', queueIds: [sales, support] },
        { agentId: agentC, state: 'not-ready', queueIds: [support] },
      ],
      records,
    });
    expect(WallboardSchema.parse(board)).toEqual(board);
    const [salesFigures, supportFigures] = board.queues;
    expect(salesFigures).toMatchObject({
      queueId: sales,
      waiting: 2,
      longestWaitSeconds: 60,
      offered: 3,
      answered: 2,
      abandoned: 1,
      asaSeconds: 20,
      ahtSeconds: 90,
      agentsByState: { available: 1, ringing: 0, 'on-call': 1, 'wrap-up': 0, 'not-ready': 0 },
    });
    expect(salesFigures?.serviceLevel).toBeCloseTo(1 / 3, 10);
    expect(salesFigures?.abandonRate).toBeCloseTo(1 / 3, 10);
    expect(supportFigures).toMatchObject({
      waiting: 0,
      longestWaitSeconds: null,
      serviceLevelSeconds: 60,
      serviceLevel: 1,
      asaSeconds: 50,
      ahtSeconds: 60,
      agentsByState: { available: 1, 'not-ready': 1 },
    });
    // Totals: 4 offered; in time: Sales 10 s, Support 50 s (T 60) → SL = 2 ÷ 4 = 0.5;
    // ASA = (10 + 30 + 50) ÷ 3 = 30 s; AHT = (80 + 100 + 60) ÷ 3 = 80 s; 3 agents.
    expect(board.totals).toMatchObject({
      waiting: 2,
      longestWaitSeconds: 60,
      offered: 4,
      serviceLevel: 0.5,
      asaSeconds: 30,
      ahtSeconds: 80,
      abandonRate: 0.25,
      agentsByState: { available: 1, 'on-call': 1, 'not-ready': 1 },
    });
    expect(board).toMatchObject({ at: new Date(now).toISOString(), since: new Date(at(0)).toISOString() });
  });

  it('shows an empty day as zeros and nulls', () => {
    const board = buildWallboard({ now: at(10), since: at(0), queues: [{ queueId: sales }], waiting: [], agents: [], records: [] });
    expect(WallboardSchema.parse(board)).toEqual(board);
    expect(board.queues[0]).toEqual({
      queueId: sales,
      serviceLevelSeconds: 20,
      waiting: 0,
      longestWaitSeconds: null,
      offered: 0,
      answered: 0,
      abandoned: 0,
      serviceLevel: null,
      asaSeconds: null,
      ahtSeconds: null,
      abandonRate: null,
      agentsByState: { available: 0, ringing: 0, 'on-call': 0, 'wrap-up': 0, 'not-ready': 0 },
      ewtSeconds: null,
      ewtError: { samples: 0, meanAbsoluteErrorSeconds: null, meanSignedErrorSeconds: null },
    });
    expect(board.agents).toEqual([]);
    expect(board.agentTotals).toEqual({ handled: 0, ahtSeconds: null, occupancy: null });
    expect(board.intraday.totals).toEqual([{ start: new Date(at(0)).toISOString(), offered: 0, answered: 0, answeredWithinThreshold: 0, serviceLevel: null }]);
  });

  it('estimates the wait of the next caller per queue as callers hear it, and the longest in total', () => {
    // Sales: 2 waiting → the next is 3rd; 1 reachable available agent, 3 staffed (the not-ready
    // one is not), recent AHT 120 s → (3 − 1) × 120 ÷ 3 = 80 s. Support: no recent AHT → null.
    const board = buildWallboard({
      now: at(100),
      since: at(0),
      queues: [{ queueId: sales }, { queueId: support }],
      waiting: [
        { queueId: sales, waitingSince: at(90) },
        { queueId: sales, waitingSince: at(95) },
      ],
      agents: [
        { agentId: agentA, state: 'available', queueIds: [sales], reachable: true },
        { agentId: agentB, state: 'available', queueIds: [sales, support], reachable: false },
        { agentId: agentC, state: 'on-call', queueIds: [sales] },
        { agentId: ids.customer, state: 'not-ready', queueIds: [sales] },
      ],
      records: [],
      recentHandleSeconds: { [sales]: 120 },
    });
    expect(board.queues.map((q) => q.ewtSeconds)).toEqual([80, null]);
    expect(board.totals.ewtSeconds).toBe(80);
    expect(board.agents.map((a) => a.agentId)).toEqual([agentA, agentB, agentC, ids.customer]);
  });

  it('reports how far the announced waits were off today, per queue and in total', () => {
    // Sales: queued at 100, told 60 s at 110, answered at 150 → 40 s were left: +20 s.
    // Support: queued at 200, told 10 s at 205, answered at 235 → 30 s were left: −20 s.
    const told = (queueId: string, seconds: number) => ({ queueId, position: 1, ewtSeconds: seconds });
    const records = [
      timeline(100).started().enqueued(sales).at(10).add('queue.announcement', told(sales, 60)).at(50).answered(agentA).at(100).ended('customer').record(),
      timeline(200).started().enqueued(support).at(5).add('queue.announcement', told(support, 10)).at(35).answered(agentB).at(90).ended('customer').record(),
    ];
    const board = buildWallboard({ now: at(1000), since: at(0), queues: [{ queueId: sales }, { queueId: support }], waiting: [], agents: [], records });
    expect(board.queues.map((q) => q.ewtError)).toEqual([
      { samples: 1, meanAbsoluteErrorSeconds: 20, meanSignedErrorSeconds: 20 },
      { samples: 1, meanAbsoluteErrorSeconds: 20, meanSignedErrorSeconds: -20 },
    ]);
    expect(board.totals.ewtError).toEqual({ samples: 2, meanAbsoluteErrorSeconds: 20, meanSignedErrorSeconds: 0 });
  });
});
