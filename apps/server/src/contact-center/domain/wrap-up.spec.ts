import { type CallEventBody, CallControlErrorCode, ErrorCode } from '@ccx/contracts';
import { describe, expect, it } from 'vitest';
import { ids, timeline } from '../../calls/domain/call-timeline.fixture.js';
import { refusal } from './session-test-kit.js';
import { decideWrapUp, LATE_WRAP_UP_MS, type WrapUpInput } from './wrap-up.js';

const { agentA, agentB, agentC, call } = ids;
const NOW = Date.parse('2025-03-03T10:00:00.000Z');

/** A call agent A answered and B took over by a blind transfer; the customer hung up. */
const events = (): CallEventBody[] =>
  timeline()
    .started()
    .enqueued()
    .answered(agentA)
    .add('transfer.initiated', { transferId: 't1', kind: 'blind', fromAgentId: agentA, target: { kind: 'agent', agentId: agentB } })
    .add('transfer.completed', { transferId: 't1', toAgentId: agentB })
    .ended('customer')
    .events.map(({ type, data }) => ({ type, data }) as CallEventBody);

function input(overrides: Partial<WrapUpInput> = {}): WrapUpInput {
  return {
    agentId: agentA,
    request: { callId: call, disposition: 'resolved', notes: 'sorted', ticketId: null },
    wrappingUpCallId: call,
    lastCall: { callId: call, leftAt: NOW - 5000 },
    timeline: events(),
    dispositions: ['resolved', 'sale'],
    now: NOW,
    ...overrides,
  };
}

describe(decideWrapUp.name, () => {
  it('files the disposition (and the ticket) of the call the agent is in after-call work for, and ends that work', () => {
    expect(decideWrapUp(input({ request: { callId: call, disposition: 'sale', notes: 'two lines', ticketId: 'T-42' } }))).toEqual({
      events: [
        { type: 'disposition.set', data: { agentId: agentA, code: 'sale', notes: 'two lines' } },
        { type: 'ticket.linked', data: { agentId: agentA, ticketId: 'T-42' } },
      ],
      endsAfterCallWork: true,
    });
  });

  it('takes a late wrap-up of the agent\'s last call for an hour after they left it, with no after-call work to end', () => {
    const late = input({ wrappingUpCallId: null, lastCall: { callId: call, leftAt: NOW - LATE_WRAP_UP_MS } });
    expect(decideWrapUp(late)).toMatchObject({ endsAfterCallWork: false, events: [{ type: 'disposition.set' }] });
    const tooLate = input({ wrappingUpCallId: null, lastCall: { callId: call, leftAt: NOW - LATE_WRAP_UP_MS - 1 } });
    expect(refusal(() => decideWrapUp(tooLate)).code).toBe(CallControlErrorCode.WrapUpExpired);
    // An older call than the last one: no longer.
    const older = input({ wrappingUpCallId: null, lastCall: { callId: ids.customer, leftAt: NOW - 1000 } });
    expect(refusal(() => decideWrapUp(older)).code).toBe(CallControlErrorCode.WrapUpExpired);
  });

  it('lets the agent a call was transferred to wrap it up too, each their own disposition', () => {
    expect(decideWrapUp(input({ agentId: agentB })).events[0]).toEqual({ type: 'disposition.set', data: { agentId: agentB, code: 'resolved', notes: 'sorted' } });
  });

  it('refuses an agent who took no part, a call that does not exist, and an agent still on the call', () => {
    expect(refusal(() => decideWrapUp(input({ agentId: agentC }))).code).toBe(CallControlErrorCode.NotYourCall);
    expect(refusal(() => decideWrapUp(input({ timeline: null }))).code).toBe(CallControlErrorCode.NotYourCall);
    const onCall = input({ wrappingUpCallId: null, lastCall: { callId: call, leftAt: null } });
    expect(refusal(() => decideWrapUp(onCall))).toMatchObject({ code: CallControlErrorCode.NotNow, message: 'you are still on this call: its wrap-up follows the hang-up' });
  });

  it('refuses a disposition that is not an active code, naming the field', () => {
    const error = refusal(() => decideWrapUp(input({ request: { callId: call, disposition: 'retired-code', notes: '', ticketId: null } })));
    expect(error).toMatchObject({ code: ErrorCode.Validation, issues: [{ path: 'disposition', message: '"retired-code" is not an active disposition code (GET /api/dispositions lists them)' }] });
  });

  it('refuses a second wrap-up of the same call by the same agent as a conflict (the first disposition stands)', () => {
    const filed = [...events(), { type: 'disposition.set', data: { agentId: agentA, code: 'resolved', notes: '' } } as CallEventBody];
    expect(refusal(() => decideWrapUp(input({ timeline: filed })))).toMatchObject({ code: CallControlErrorCode.AlreadyWrappedUp, message: `you have wrapped up call ${call} already` });
    // Another agent of the same call still may.
    expect(decideWrapUp(input({ agentId: agentB, timeline: filed })).events).toHaveLength(1);
  });
});
