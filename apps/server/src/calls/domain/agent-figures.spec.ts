import { AgentFiguresSchema } from '@ccx/contracts';
import { describe, expect, it } from 'vitest';
import { agentStretches, buildAgentFigures } from './agent-figures.js';
import { ids, queuedCall, T0, timeline } from './call-timeline.fixture.js';

const { agentA, agentB, agentC } = ids;
const at = (seconds: number) => T0 + seconds * 1000;

describe(agentStretches.name, () => {
  it('fills the day from midnight with the state before the first change and after the last', () => {
    // A: logged in before midnight (available), on a call 600–1500, wrap-up 1500–1800, not ready from 1800.
    // B: logged in at 100, logged out at 400 (offline: no stretch after).
    // C: no change today: on the ACD's current state (available since yesterday) from midnight.
    const stretches = agentStretches(
      [
        { agentId: agentA, from: 'on-call', to: 'after-call-work', at: at(1500) },
        { agentId: agentA, from: 'available', to: 'on-call', at: at(600) },
        { agentId: agentA, from: 'after-call-work', to: 'not-ready', at: at(1800) },
        { agentId: agentB, from: 'offline', to: 'available', at: at(100) },
        { agentId: agentB, from: 'available', to: 'offline', at: at(400) },
        { agentId: agentB, from: 'offline', to: 'available', at: at(-50) }, // yesterday: ignored
      ],
      { since: at(0), now: at(2000), current: [{ agentId: agentC, state: 'available', since: at(-3600) }] },
    );
    expect(stretches).toEqual([
      { agentId: agentA, state: 'available', start: at(0), end: at(600) },
      { agentId: agentA, state: 'on-call', start: at(600), end: at(1500) },
      { agentId: agentA, state: 'wrap-up', start: at(1500), end: at(1800) },
      { agentId: agentA, state: 'not-ready', start: at(1800), end: null },
      { agentId: agentB, state: 'available', start: at(100), end: at(400) },
      { agentId: agentC, state: 'available', start: at(0), end: null },
    ]);
  });
});

describe(buildAgentFigures.name, () => {
  it('gives each agent calls handled, AHT, occupancy and the call they are on (hand-worked)', () => {
    // A answered two Sales calls: handle 60 + 20 = 80 s and 100 s → AHT 90 s. B answered one
    // whose wrap-up still runs (not handled yet) and is on another call since 1900 s.
    const onCall = timeline(1880).started({ ani: '+15555550199' }).enqueued().at(20).answered(agentB).record(at(2000));
    const records = [
      queuedCall({ enqueueAt: 100, wait: 10, outcome: 'answered', talk: 60, wrapUp: 20, agentId: agentA }),
      queuedCall({ enqueueAt: 300, wait: 10, outcome: 'answered', talk: 100, agentId: agentA }),
      timeline(400).started().enqueued().at(5).answered(agentB).at(65).ended('customer').at(65).add('wrap-up.started', { agentId: agentB }).record(at(2000)),
      onCall,
    ];
    // Occupancy: A busy 900 + 300 = 1200 of 1800 staffed (not ready from 1800) → 2/3.
    // B: available 0–1000, on call 1000–2000 → 1000 ÷ 2000 = 0.5. Totals: 2200 ÷ 3800.
    const stretches = [
      { agentId: agentA, state: 'available', start: at(0), end: at(600) },
      { agentId: agentA, state: 'on-call', start: at(600), end: at(1500) },
      { agentId: agentA, state: 'wrap-up', start: at(1500), end: at(1800) },
      { agentId: agentA, state: 'not-ready', start: at(1800), end: null },
      { agentId: agentB, state: 'available', start: at(0), end: at(1000) },
      { agentId: agentB, state: 'on-call', start: at(1000), end: null },
    ] as const;
    const { agents, totals } = buildAgentFigures({ now: at(2000), since: at(0), agentIds: [agentA, agentB, agentC], records, stretches: [...stretches] });
    for (const figures of agents) expect(AgentFiguresSchema.parse(figures)).toEqual(figures);
    const [a, b, c] = agents;
    expect(a).toMatchObject({ handled: 2, ahtSeconds: 90, busySeconds: 1200, staffedSeconds: 1800, currentCall: null });
    expect(a?.occupancy).toBeCloseTo(2 / 3, 10);
    expect(b).toMatchObject({ handled: 0, ahtSeconds: null, occupancy: 0.5 });
    expect(b?.currentCall).toEqual({ callId: onCall.id, callerNumber: '+15555550199', queueId: ids.sales, direction: 'inbound', since: new Date(at(1900)).toISOString() });
    expect(c).toEqual({ agentId: agentC, handled: 0, ahtSeconds: null, occupancy: null, busySeconds: 0, staffedSeconds: 0, currentCall: null });
    expect(totals.handled).toBe(2);
    expect(totals.ahtSeconds).toBe(90);
    expect(totals.occupancy).toBeCloseTo(2200 / 3800, 10);
  });
});
