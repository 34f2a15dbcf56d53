import { describe, expect, it } from 'vitest';
import { AcdError, AcdErrorCode } from './acd-error.js';
import { type AgentEvent, type AgentState, type AgentStateName, accepts, transition } from './agent-state.js';

const states: Record<AgentStateName, AgentState> = {
  offline: { name: 'offline', since: 0 },
  available: { name: 'available', since: 0 },
  'not-ready': { name: 'not-ready', since: 0, reasonId: 'break' },
  reserved: { name: 'reserved', since: 0, contactId: 'c1', offerId: 'c1#1' },
  'on-call': { name: 'on-call', since: 0, contactId: 'c1', queueId: 'q1' },
  'after-call-work': { name: 'after-call-work', since: 0, until: 30_000 },
};

const events: AgentEvent[] = [
  { type: 'login' },
  { type: 'logout' },
  { type: 'ready', by: 'agent' },
  { type: 'not-ready', reasonId: 'lunch', by: 'agent' },
  { type: 'offer', contactId: 'c2', offerId: 'c2#1' },
  { type: 'offer-accepted', contactId: 'c1', queueId: 'q1' },
  { type: 'offer-rejected' },
  { type: 'offer-missed', setNotReady: true },
  { type: 'offer-withdrawn' },
  { type: 'answered-elsewhere' },
  { type: 'call-ended', wrapUpUntil: 40_000 },
  { type: 'wrap-up-timeout' },
  { type: 'dial-out', callId: 'out-1' },
  { type: 'direct-call', callId: 'in-1' },
];

function walk(start: AgentState, steps: AgentEvent[]) {
  let state = start;
  return steps.map((event, i) => {
    const result = transition('a1', state, event, (i + 1) * 1000);
    state = result.state;
    return result.record;
  });
}

describe(transition.name, () => {
  it('walks a shift and returns one record per move, with its cause and time', () => {
    const records = walk(states.offline, [
      { type: 'login', notReadyReasonId: 'break' },
      { type: 'ready', by: 'agent' },
      { type: 'offer', contactId: 'c1', offerId: 'c1#1' },
      { type: 'offer-accepted', contactId: 'c1', queueId: 'q1' },
      { type: 'call-ended', wrapUpUntil: 60_000 },
      { type: 'ready', by: 'agent' },
      { type: 'not-ready', reasonId: 'lunch', by: 'supervisor' },
      { type: 'logout' },
    ]);
    expect(records.map(({ from, to, reason, cause, at }) => [from, to, reason, cause, at])).toEqual([
      ['offline', 'not-ready', 'break', 'login', 1000],
      ['not-ready', 'available', null, 'agent-request', 2000],
      ['available', 'reserved', null, 'offer', 3000],
      ['reserved', 'on-call', null, 'offer-accepted', 4000],
      ['on-call', 'after-call-work', null, 'call-ended', 5000],
      ['after-call-work', 'available', null, 'wrap-up-ended', 6000],
      ['available', 'not-ready', 'lunch', 'supervisor-request', 7000],
      ['not-ready', 'offline', null, 'logout', 8000],
    ]);
    expect(records.every((r) => r.agentId === 'a1')).toBe(true);
  });

  it("sets the agent not ready with 'missed-offer' when an offer rings out and the queue says so, else back to available", () => {
    expect(transition('a1', states.reserved, { type: 'offer-missed', setNotReady: true }, 5).state).toEqual({
      name: 'not-ready',
      since: 5,
      reasonId: 'missed-offer',
    });
    expect(transition('a1', states.reserved, { type: 'offer-missed', setNotReady: false }, 5).state).toEqual({
      name: 'available',
      since: 5,
    });
  });

  it('ends a call in after-call work with its timer, or straight in available without wrap-up', () => {
    expect(transition('a1', states['on-call'], { type: 'call-ended', wrapUpUntil: 9000 }, 4000).state).toEqual({
      name: 'after-call-work',
      since: 4000,
      until: 9000,
    });
    expect(transition('a1', states['on-call'], { type: 'call-ended', wrapUpUntil: null }, 4000).state.name).toBe('available');
    expect(transition('a1', states['after-call-work'], { type: 'wrap-up-timeout' }, 9000).record.cause).toBe('wrap-up-timeout');
  });

  it.each([
    ['offline', 'offer'],
    ['offline', 'ready'],
    ['available', 'ready'],
    ['available', 'login'],
    ['reserved', 'dial-out'],
    ['on-call', 'logout'],
    ['on-call', 'not-ready'],
    ['on-call', 'offer'],
    ['after-call-work', 'offer'],
    ['not-ready', 'offer'],
    ['not-ready', 'call-ended'],
  ] as const)('refuses %s → %s with acd/illegal-transition', (stateName, eventType) => {
    const event = events.find((e) => e.type === eventType)!;
    const before = structuredClone(states[stateName]);
    const attempt = () => transition('a1', states[stateName], event, 1);
    expect(attempt).toThrow(AcdError);
    expect(attempt).toThrow(expect.objectContaining({ code: AcdErrorCode.IllegalTransition }));
    expect(states[stateName]).toEqual(before);
  });

  it('allows exactly the arrows of the diagram', () => {
    const table = Object.fromEntries(
      events.map((event) => [
        event.type,
        (Object.keys(states) as AgentStateName[]).filter((name) => {
          try {
            transition('a1', states[name], event, 1);
            return true;
          } catch {
            return false;
          }
        }),
      ]),
    );
    expect(table).toEqual({
      login: ['offline'],
      logout: ['available', 'not-ready', 'reserved', 'after-call-work'],
      ready: ['not-ready', 'after-call-work'],
      'not-ready': ['available', 'not-ready', 'reserved', 'after-call-work'],
      offer: ['available'],
      'offer-accepted': ['reserved'],
      'offer-rejected': ['reserved'],
      'offer-missed': ['reserved'],
      'offer-withdrawn': ['reserved'],
      'answered-elsewhere': ['reserved'],
      'call-ended': ['on-call'],
      'wrap-up-timeout': ['after-call-work'],
      'dial-out': ['available', 'not-ready', 'after-call-work'],
      'direct-call': ['available'],
    });
    expect(accepts('on-call', 'call-ended')).toBe(true);
  });
});
