import { describe, expect, it } from 'vitest';
import { type CallRecord } from './call-record.js';
import { ids, queuedCall, T0, timeline } from './call-timeline.fixture.js';
import {
  type AgentStateInterval,
  computeEwtError,
  computeOccupancy,
  computeQueueMetrics,
  estimateWaitSeconds,
  recentAverageHandleSeconds,
} from './metrics.js';

const { sales, support, agentA, agentB } = ids;
const at = (seconds: number) => T0 + seconds * 1000;
const hour = { from: at(0), to: at(3600) };

describe(computeQueueMetrics.name, () => {
  it('computes SL, ASA, AHT and abandon rate for a hand-worked hour', () => {
    // Ten calls offered to Sales, one every 100 s:
    //   answered after  4, 8, 10, 12, 16, 20 s   → six within T = 20 s (20 s itself counts)
    //   answered after 35 s                      → one outside T
    //   abandoned after 3 s and 5 s              → two short abandons (5 s itself counts)
    //   abandoned after 40 s                     → one abandon
    // SL           = 6 ÷ (10 − 2)                              = 0.75
    // ASA          = (4+8+10+12+16+20+35) ÷ 7 = 105 ÷ 7         = 15 s
    // AHT          = six × (talk 100 + wrap 20) = 720, one × (talk 200 + hold 30 + wrap 30) = 260
    //              = 980 ÷ 7                                   = 140 s
    // abandon rate = 3 ÷ 10                                    = 0.3
    let n = 0;
    const next = () => 100 * n++;
    const records: CallRecord[] = [
      ...[4, 8, 10, 12, 16, 20].map((wait) => queuedCall({ enqueueAt: next(), wait, outcome: 'answered', talk: 100, wrapUp: 20 })),
      queuedCall({ enqueueAt: next(), wait: 35, outcome: 'answered', talk: 200, hold: 30, wrapUp: 30 }),
      ...[3, 5, 40].map((wait) => queuedCall({ enqueueAt: next(), wait, outcome: 'abandoned' })),
    ];
    expect(computeQueueMetrics(records, { interval: hour, queueId: sales })).toEqual({
      offered: 10,
      answered: 7,
      answeredWithinThreshold: 6,
      abandoned: 3,
      shortAbandoned: 2,
      leftOtherwise: 0,
      waiting: 0,
      serviceLevelBase: 8,
      serviceLevel: 0.75,
      asaSeconds: 15,
      ahtSeconds: 140,
      abandonRate: 0.3,
    });
  });

  it('gives nulls, not NaN, when there are no calls', () => {
    expect(computeQueueMetrics([], { interval: hour })).toEqual({
      offered: 0,
      answered: 0,
      answeredWithinThreshold: 0,
      abandoned: 0,
      shortAbandoned: 0,
      leftOtherwise: 0,
      waiting: 0,
      serviceLevelBase: 0,
      serviceLevel: null,
      asaSeconds: null,
      ahtSeconds: null,
      abandonRate: null,
    });
  });

  it('handles an hour in which every caller abandoned', () => {
    // Waits 2, 6, 10, 30 s: one short abandon. SL = 0 ÷ (4 − 1) = 0; abandon rate = 4 ÷ 4 = 1.
    const records = [2, 6, 10, 30].map((wait, i) => queuedCall({ enqueueAt: i * 60, wait, outcome: 'abandoned' }));
    expect(computeQueueMetrics(records, { interval: hour })).toMatchObject({
      offered: 4,
      shortAbandoned: 1,
      serviceLevel: 0,
      asaSeconds: null,
      ahtSeconds: null,
      abandonRate: 1,
    });
    // Only short abandons: SL = 0 ÷ (2 − 2) has no value.
    const short = [1, 4].map((wait, i) => queuedCall({ enqueueAt: i * 60, wait, outcome: 'abandoned' }));
    expect(computeQueueMetrics(short, { interval: hour }).serviceLevel).toBeNull();
  });

  it('measures each call against its own queue’s threshold T', () => {
    // Sales T = 20 s, Support T = 60 s. Waits: Sales 15 (in), Sales 45 (out), Support 45 (in).
    const records = [
      queuedCall({ enqueueAt: 0, wait: 15, outcome: 'answered', queueId: sales }),
      queuedCall({ enqueueAt: 100, wait: 45, outcome: 'answered', queueId: sales }),
      queuedCall({ enqueueAt: 200, wait: 45, outcome: 'answered', queueId: support }),
    ];
    const serviceLevelSeconds = { [support]: 60 };
    expect(computeQueueMetrics(records, { interval: hour, queueId: sales, serviceLevelSeconds }).serviceLevel).toBe(0.5);
    expect(computeQueueMetrics(records, { interval: hour, queueId: support, serviceLevelSeconds }).serviceLevel).toBe(1);
    // All queues: 2 in time ÷ 3.
    expect(computeQueueMetrics(records, { interval: hour, serviceLevelSeconds }).serviceLevel).toBeCloseTo(2 / 3, 10);
  });

  it('counts a call in the interval where it first queued: from included, to excluded', () => {
    const records = [
      queuedCall({ enqueueAt: -1, wait: 5, outcome: 'answered' }),
      queuedCall({ enqueueAt: 0, wait: 5, outcome: 'answered' }),
      queuedCall({ enqueueAt: 3599, wait: 30, outcome: 'answered' }), // answered in the next hour, counted in this one
      queuedCall({ enqueueAt: 3600, wait: 5, outcome: 'answered' }),
      timeline(10).started({ direction: 'outbound', agentId: agentA }).answered(agentA).at(60).ended('agent', 'hangup', agentA).record(),
    ];
    expect(computeQueueMetrics(records, { interval: hour })).toMatchObject({ offered: 2, answered: 2, asaSeconds: 17.5 });
  });

  it('leaves a waiting call out of SL until it has waited past T', () => {
    // At 1000 s: one call waited 10 s so far (may still make it), one 30 s (missed already),
    // one answered after 12 s. SL = 1 ÷ (3 − 0 short − 1 undecided) = 0.5.
    const now = at(1000);
    const records = [
      queuedCall({ enqueueAt: 990, wait: 0, outcome: 'waiting', now }),
      queuedCall({ enqueueAt: 970, wait: 0, outcome: 'waiting', now }),
      queuedCall({ enqueueAt: 900, wait: 12, outcome: 'answered' }),
    ];
    expect(computeQueueMetrics(records, { interval: hour })).toMatchObject({
      offered: 3,
      waiting: 2,
      serviceLevelBase: 2,
      serviceLevel: 0.5,
      abandonRate: 0,
    });
  });

  it('leaves calls still being handled out of AHT', () => {
    // Answered and still talking (no end recorded): counted as answered, not in AHT.
    const talking = timeline(0).started().enqueued().at(5).answered(agentA).record(at(60));
    // Ended, but the agent is still in wrap-up (live view at 400 s): its handle time is not final.
    const wrappingUp = timeline(200).started().enqueued().at(5).answered(agentB).at(65).ended('customer').at(65).add('wrap-up.started', { agentId: agentB }).record(at(400));
    expect(wrappingUp.handleSeconds).not.toBeNull();
    const done = queuedCall({ enqueueAt: 100, wait: 5, outcome: 'answered', talk: 90, wrapUp: 30 });
    expect(computeQueueMetrics([talking, wrappingUp, done], { interval: hour })).toMatchObject({ answered: 3, ahtSeconds: 120, asaSeconds: 5 });
  });

  it('counts calls that left the queue for voicemail or a callback as offered, neither answered nor abandoned', () => {
    const exited = timeline(0).started().enqueued().at(30).add('queue.exited', { queueId: sales, reason: 'voicemail' }).at(60).ended('customer').record();
    // SL = 0 ÷ (1 − 0) = 0; abandon rate 0 ÷ 1 = 0.
    expect(computeQueueMetrics([exited], { interval: hour })).toMatchObject({ offered: 1, leftOtherwise: 1, serviceLevel: 0, abandonRate: 0 });
  });
});

describe(computeOccupancy.name, () => {
  it('divides time on calls and wrap-up by time logged in and not in not-ready (hand-worked)', () => {
    // Agent A over one hour:
    //   available 0–600, on call 600–1500, wrap-up 1500–1800, not ready 1800–2400, available 2400–3600
    //   busy    = 900 + 300                         = 1200 s
    //   staffed = 3600 − 600 not ready              = 3000 s  → occupancy 1200 ÷ 3000 = 0.4
    // Agent B: not ready all hour → staffed 0 → occupancy null.
    const intervals: AgentStateInterval[] = [
      { agentId: agentA, state: 'available', start: at(0), end: at(600) },
      { agentId: agentA, state: 'on-call', start: at(600), end: at(1500) },
      { agentId: agentA, state: 'wrap-up', start: at(1500), end: at(1800) },
      { agentId: agentA, state: 'not-ready', start: at(1800), end: at(2400) },
      { agentId: agentA, state: 'available', start: at(2400), end: null },
      { agentId: agentB, state: 'not-ready', start: at(-600), end: null },
    ];
    const result = computeOccupancy(intervals, hour);
    expect(result.byAgent[agentA]).toEqual({ busySeconds: 1200, staffedSeconds: 3000, occupancy: 0.4 });
    expect(result.byAgent[agentB]).toEqual({ busySeconds: 0, staffedSeconds: 0, occupancy: null });
    expect(result).toMatchObject({ busySeconds: 1200, staffedSeconds: 3000, occupancy: 0.4 });
  });

  it('clips stretches to the interval', () => {
    // On call 3000–4200 inside the hour 0–3600: 600 s busy; available 0–3000: staffed 3600 s.
    const result = computeOccupancy(
      [
        { agentId: agentA, state: 'available', start: at(-100), end: at(3000) },
        { agentId: agentA, state: 'on-call', start: at(3000), end: at(4200) },
      ],
      hour,
    );
    expect(result).toMatchObject({ busySeconds: 600, staffedSeconds: 3600, occupancy: 1 / 6 });
    expect(computeOccupancy([], hour).occupancy).toBeNull();
  });
});

describe(estimateWaitSeconds.name, () => {
  it('estimates position × AHT ÷ staffed agents, less agents free now', () => {
    // 3 × 240 ÷ 4 = 180 s
    expect(estimateWaitSeconds({ position: 3, ahtSeconds: 240, staffedAgents: 4 })).toBe(180);
    // one agent free: (3 − 1) × 240 ÷ 4 = 120 s
    expect(estimateWaitSeconds({ position: 3, ahtSeconds: 240, staffedAgents: 4, availableAgents: 1 })).toBe(120);
    // next in line with an agent free: 0 s
    expect(estimateWaitSeconds({ position: 1, ahtSeconds: 240, staffedAgents: 4, availableAgents: 2 })).toBe(0);
    // 1 × 100 ÷ 3 = 33.3 → 33 s
    expect(estimateWaitSeconds({ position: 1, ahtSeconds: 100, staffedAgents: 3 })).toBe(33);
  });

  it('gives no estimate without staffed agents or without recent handle times', () => {
    expect(estimateWaitSeconds({ position: 2, ahtSeconds: 240, staffedAgents: 0 })).toBeNull();
    expect(estimateWaitSeconds({ position: 2, ahtSeconds: null, staffedAgents: 3 })).toBeNull();
  });
});

describe(recentAverageHandleSeconds.name, () => {
  it('averages the latest handled calls of the queue within the window', () => {
    // Now = 1000 s. Sales calls handled in 100, 200, 300 s (talk + wrap-up), ending at 90, 290
    // and 590 s; a Support call; a Sales call that ended at −4890 s, more than an hour ago.
    const records = [
      queuedCall({ enqueueAt: 0, wait: 10, outcome: 'answered', talk: 80, wrapUp: 20 }),
      queuedCall({ enqueueAt: 100, wait: 10, outcome: 'answered', talk: 180, wrapUp: 20 }),
      queuedCall({ enqueueAt: 300, wait: 10, outcome: 'answered', talk: 280, wrapUp: 20 }),
      queuedCall({ enqueueAt: 300, wait: 10, outcome: 'answered', talk: 1000, queueId: support }),
      queuedCall({ enqueueAt: -5000, wait: 10, outcome: 'answered', talk: 100 }),
    ];
    const now = at(1000);
    // (100 + 200 + 300) ÷ 3 = 200 s
    expect(recentAverageHandleSeconds(records, { queueId: sales, now })).toBe(200);
    // the latest two: (300 + 200) ÷ 2 = 250 s
    expect(recentAverageHandleSeconds(records, { queueId: sales, now, maxCalls: 2 })).toBe(250);
    // ended in the last 500 s (after 500 s): only the 300 s call
    expect(recentAverageHandleSeconds(records, { queueId: sales, now, maxAgeSeconds: 500 })).toBe(300);
    expect(recentAverageHandleSeconds(records, { queueId: sales, now, maxAgeSeconds: 100 })).toBeNull();
  });
});

describe(computeEwtError.name, () => {
  it('compares each announced wait with the wait that was still ahead (hand-worked)', () => {
    // Call 1: queued at 0, answered at 50.
    //   at 10 s announced 60 s; 40 s were left → error +20
    //   at 40 s announced 20 s; 10 s were left → error +10
    // Call 2: queued at 100, answered at 165.
    //   at 105 s announced 30 s; 60 s were left → error −30
    // Call 3: abandoned: its real wait is unknown, left out.
    // MAE = (20 + 10 + 30) ÷ 3 = 20 s; mean signed error = (20 + 10 − 30) ÷ 3 = 0 s.
    const announce = (seconds: number) => ({ queueId: sales, position: 1, ewtSeconds: seconds });
    const call1 = timeline(0)
      .started()
      .enqueued()
      .at(10).add('queue.announcement', announce(60))
      .at(40).add('queue.announcement', announce(20))
      .at(50).answered(agentA)
      .at(80).ended('customer')
      .record();
    const call2 = timeline(100)
      .started()
      .enqueued()
      .at(5).add('queue.announcement', announce(30))
      .at(30).add('queue.announcement', { queueId: sales, position: 1, ewtSeconds: null })
      .at(65).answered(agentB)
      .at(90).ended('customer')
      .record();
    const call3 = timeline(200).started().enqueued().at(5).add('queue.announcement', announce(10)).at(50).abandoned().record();
    expect(computeEwtError([call1, call2, call3], { interval: hour })).toEqual({
      samples: 3,
      meanAbsoluteErrorSeconds: 20,
      meanSignedErrorSeconds: 0,
    });
    expect(computeEwtError([call3], { interval: hour })).toEqual({ samples: 0, meanAbsoluteErrorSeconds: null, meanSignedErrorSeconds: null });
  });
});
