import { type CallEventBody } from '@ccx/contracts';
import { describe, expect, it } from 'vitest';
import { NO_CALL, nextVisitorCall, VISITOR_USER, type VisitorCall, withPosition } from './visitor-status.js';

const Q = '00000000-0000-4000-8000-00000000000a';
const A1 = '00000000-0000-4000-8000-0000000000a1';
const A2 = '00000000-0000-4000-8000-0000000000a2';

const started: CallEventBody = {
  type: 'call.started',
  data: { direction: 'inbound', channel: 'web', ani: 'widget.1000.abcdefgh', dnis: '1000', entryPoint: 'main', agentId: null, callbackOfCallId: null },
};
const queued = (position: number | null): CallEventBody => ({ type: 'queue.entered', data: { queueId: Q, priority: 0, skills: [], position } });

function fold(events: CallEventBody[], from: VisitorCall = NO_CALL): VisitorCall {
  return events.reduce(nextVisitorCall, from);
}

describe(nextVisitorCall.name, () => {
  it('follows a call from the IVR through the queue to an agent and to its end', () => {
    expect(fold([]).status).toEqual({ phase: 'waiting' });
    expect(fold([started]).status).toEqual({ phase: 'ivr' });
    expect(fold([started, queued(3)]).status).toEqual({ phase: 'queued', position: 3 });
    expect(fold([started, queued(3), { type: 'queue.announcement', data: { queueId: Q, position: 2, ewtSeconds: 40 } }]).status).toEqual({ phase: 'queued', position: 2 });
    const talking = fold([started, queued(1), { type: 'call.answered', data: { agentId: A1, offerId: 'o1' } }]);
    expect(talking.status).toEqual({ phase: 'talking' });
    expect(fold([{ type: 'call.held', data: { agentId: A1 } }], talking).status).toEqual({ phase: 'on-hold' });
    expect(fold([{ type: 'call.held', data: { agentId: A1 } }, { type: 'call.resumed', data: { agentId: A1 } }], talking).status).toEqual({ phase: 'talking' });
    const ended = fold([{ type: 'call.ended', data: { by: 'customer', agentId: null, cause: 'hangup', detail: null } }], talking);
    expect(ended.status).toEqual({ phase: 'ended' });
    // Nothing after the end brings it back.
    expect(fold([queued(1)], ended).status).toEqual({ phase: 'ended' });
  });

  it('goes back to the IVR (the survey) only when the last agent has left', () => {
    const conference = fold([
      started,
      queued(1),
      { type: 'call.answered', data: { agentId: A1, offerId: 'o1' } },
      { type: 'conference.joined', data: { byAgentId: A1, party: { kind: 'agent', agentId: A2 } } },
    ]);
    const oneLeft = fold([{ type: 'agent.hung-up', data: { agentId: A1 } }], conference);
    expect(oneLeft.status).toEqual({ phase: 'talking' });
    expect(fold([{ type: 'agent.hung-up', data: { agentId: A2 } }], oneLeft).status).toEqual({ phase: 'ivr' });
  });

  it('shows a booked callback, and a queue left for voicemail as the IVR', () => {
    const booked = fold([
      started,
      queued(4),
      { type: 'callback.requested', data: { number: '+14155550100', queueId: Q, scheduledFor: null } },
      { type: 'queue.exited', data: { queueId: Q, reason: 'callback' } },
    ]);
    expect(booked.status).toEqual({ phase: 'callback-booked', number: '+14155550100' });
    expect(fold([started, queued(4), { type: 'queue.exited', data: { queueId: Q, reason: 'voicemail' } }]).status).toEqual({ phase: 'ivr' });
    expect(fold([started, queued(4), { type: 'queue.abandoned', data: { queueId: Q, position: 4 } }]).status).toEqual({ phase: 'ended' });
  });
});

describe(withPosition.name, () => {
  it("moves a queued caller's position and leaves other phases alone", () => {
    const waiting = fold([started, queued(5)]);
    expect(withPosition(waiting, 2).status).toEqual({ phase: 'queued', position: 2 });
    expect(withPosition(waiting, null)).toBe(waiting);
    const ivr = fold([started]);
    expect(withPosition(ivr, 1)).toBe(ivr);
  });
});

describe('VISITOR_USER', () => {
  it("matches the call token's SIP users and nothing an agent or a trunk caller is", () => {
    expect(VISITOR_USER.test('widget.1000.Ab_c-12345678')).toBe(true);
    expect(VISITOR_USER.test('2001')).toBe(false);
    expect(VISITOR_USER.test('+14155550102')).toBe(false);
    expect(VISITOR_USER.test('widget.1000')).toBe(false);
  });
});
