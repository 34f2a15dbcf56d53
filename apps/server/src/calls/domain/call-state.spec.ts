import { type CallEventBody, CallErrorCode } from '@ccx/contracts';
import { describe, expect, it } from 'vitest';
import { ids, timeline } from './call-timeline.fixture.js';
import {
  applyCallEvent,
  type CallState,
  CallStateError,
  canApplyCallEvent,
  initialCallState,
  legalNextEventTypes,
  replayCallEvents,
} from './call-state.js';

const { agentA, agentB, agentC, sales, support } = ids;

/** The error `applyCallEvent` throws, or fails the test. */
function refusal(state: CallState, event: CallEventBody): CallStateError {
  try {
    applyCallEvent(state, event);
  } catch (error) {
    if (error instanceof CallStateError) return error;
    throw error;
  }
  throw new Error(`${event.type} was accepted in ${state.phase}`);
}

describe('call state', () => {
  it('follows a whole inbound journey through IVR, queue, hold, consult transfer, survey and wrap-up', () => {
    const b = timeline().started();
    expect(b.state.phase).toBe('routing');
    b.add('ivr.node-entered', { flowId: 'main', nodeId: 'menu', nodeType: 'menu' }).add('digit.pressed', { nodeId: 'menu', digit: '1', masked: false });
    b.enqueued(sales).offered('o1', agentA);
    expect(b.state).toMatchObject({ phase: 'queued', queueId: sales });
    b.answered(agentA, 'o1');
    expect(b.state).toMatchObject({ phase: 'connected', queueId: null, connectedAgentIds: [agentA] });
    b.add('call.held', { agentId: agentA });
    expect(b.state.phase).toBe('held');
    b.add('transfer.initiated', { transferId: 't1', kind: 'consult', fromAgentId: agentA, target: { kind: 'agent', agentId: agentB } });
    b.add('transfer.completed', { transferId: 't1', toAgentId: agentB });
    expect(b.state).toMatchObject({ phase: 'connected', connectedAgentIds: [agentB], participantIds: [agentA, agentB] });
    b.add('wrap-up.started', { agentId: agentA });
    b.add('agent.hung-up', { agentId: agentB });
    expect(b.state.phase).toBe('routing');
    b.add('survey.scored', { survey: 'csat', question: 'q1', score: 5, maxScore: 5 });
    b.ended('system', 'survey-complete');
    expect(b.state.phase).toBe('ended');
    b.add('wrap-up.ended', { agentId: agentA }).add('wrap-up.started', { agentId: agentB }).add('wrap-up.ended', { agentId: agentB });
    b.add('disposition.set', { agentId: agentB, code: 'resolved', notes: '' });
    expect(replayCallEvents(b.events)).toEqual(b.state);
  });

  it('refuses an event the phase does not allow, naming the event and the phase', () => {
    const b = timeline().started().enqueued().offered('o1', agentA).answered(agentA, 'o1');
    const error = refusal(b.state, { type: 'call.resumed', data: { agentId: agentA } });
    expect(error.code).toBe(CallErrorCode.IllegalEvent);
    expect(error.message).toBe('call.resumed is not allowed while the call is connected');
    expect(refusal(initialCallState, { type: 'queue.entered', data: { queueId: sales, priority: 0, skills: [], position: null } }).code).toBe(
      CallErrorCode.IllegalEvent,
    );
  });

  it('after the end accepts only after-call events', () => {
    const b = timeline().started().enqueued().answered(agentA).ended('customer');
    expect(refusal(b.state, { type: 'call.held', data: { agentId: agentA } }).code).toBe(CallErrorCode.CallEnded);
    expect(refusal(b.state, { type: 'digit.pressed', data: { nodeId: null, digit: '5', masked: false } }).code).toBe(CallErrorCode.CallEnded);
    b.add('wrap-up.started', { agentId: agentA })
      .add('disposition.set', { agentId: agentA, code: 'sale', notes: 'two seats' })
      .add('ticket.linked', { agentId: agentA, ticketId: 'T-1' })
      .add('survey.scored', { survey: 'csat', question: 'q1', score: 4, maxScore: 5 })
      .add('wrap-up.ended', { agentId: agentA });
    expect(b.state.phase).toBe('ended');
  });

  it('makes a caller hanging up in the queue an abandon, not a plain end', () => {
    const b = timeline().started().enqueued();
    const error = refusal(b.state, { type: 'call.ended', data: { by: 'customer', agentId: null, cause: 'hangup', detail: null } });
    expect(error.code).toBe(CallErrorCode.IllegalEvent);
    b.abandoned();
    expect(b.state.phase).toBe('ended');
    // The system may still end a queued call (closing time, maximum wait).
    expect(canApplyCallEvent(timeline().started().enqueued().state, { type: 'call.ended', data: { by: 'system', agentId: null, cause: 'closed', detail: null } })).toBe(true);
  });

  it('refuses offers, answers and queue events that name what the call does not have', () => {
    const b = timeline().started().enqueued(sales).offered('o1', agentA);
    expect(refusal(b.state, { type: 'call.answered', data: { agentId: agentA, offerId: 'o2' } }).code).toBe(CallErrorCode.UnknownReference);
    expect(refusal(b.state, { type: 'call.answered', data: { agentId: agentB, offerId: 'o1' } }).code).toBe(CallErrorCode.UnknownReference);
    expect(refusal(b.state, { type: 'offer.made', data: { offerId: 'o1', agentId: agentB, queueId: sales, ringUntil: new Date().toISOString() } }).code).toBe(
      CallErrorCode.IllegalEvent,
    );
    expect(refusal(b.state, { type: 'queue.abandoned', data: { queueId: support, position: null } }).code).toBe(CallErrorCode.UnknownReference);
    b.add('offer.ended', { offerId: 'o1', agentId: agentA, result: 'timed-out' });
    expect(refusal(b.state, { type: 'offer.ended', data: { offerId: 'o1', agentId: agentA, result: 'withdrawn' } }).code).toBe(CallErrorCode.UnknownReference);
    b.add('queue.overflowed', { fromQueueId: sales, toQueueId: support, reason: 'max-wait' });
    expect(b.state.queueId).toBe(support);
    expect(canApplyCallEvent(b.state, { type: 'offer.made', data: { offerId: 'o2', agentId: agentB, queueId: sales, ringUntil: new Date().toISOString() } })).toBe(false);
  });

  it('lets a late withdrawal of a ring-all offer follow the answer', () => {
    const b = timeline().started().enqueued().offered('o1', agentA).offered('o2', agentB).answered(agentB, 'o2');
    b.add('offer.ended', { offerId: 'o1', agentId: agentA, result: 'withdrawn' });
    expect(b.state.offers.every((o) => !o.open)).toBe(true);
  });

  it('refuses wrap-up while the agent is still on the call, or for an agent who took no part', () => {
    const b = timeline().started().enqueued().answered(agentA);
    expect(refusal(b.state, { type: 'wrap-up.started', data: { agentId: agentA } }).code).toBe(CallErrorCode.IllegalEvent);
    expect(refusal(b.state, { type: 'disposition.set', data: { agentId: agentC, code: 'x', notes: '' } }).code).toBe(CallErrorCode.UnknownReference);
    expect(refusal(b.state, { type: 'wrap-up.ended', data: { agentId: agentA } }).code).toBe(CallErrorCode.UnknownReference);
  });

  it('keeps a conference connected until its last agent leaves', () => {
    const b = timeline().started().enqueued().answered(agentA);
    b.add('conference.joined', { byAgentId: agentA, party: { kind: 'agent', agentId: agentB } });
    b.add('conference.joined', { byAgentId: agentB, party: { kind: 'number', number: '+4930123456' } });
    expect(b.state.connectedAgentIds).toEqual([agentA, agentB]);
    expect(refusal(b.state, { type: 'conference.joined', data: { byAgentId: agentA, party: { kind: 'agent', agentId: agentB } } }).code).toBe(
      CallErrorCode.IllegalEvent,
    );
    b.add('agent.hung-up', { agentId: agentA });
    expect(b.state.phase).toBe('connected');
    b.add('conference.left', { party: { kind: 'number', number: '+4930123456' } });
    b.add('agent.hung-up', { agentId: agentB });
    expect(b.state).toMatchObject({ phase: 'routing', connectedAgentIds: [] });
  });

  it('takes a blind transfer to a queue back through routing into the queue', () => {
    const b = timeline().started().enqueued(sales).answered(agentA);
    b.add('transfer.initiated', { transferId: 't1', kind: 'blind', fromAgentId: agentA, target: { kind: 'queue', queueId: support } });
    b.add('transfer.completed', { transferId: 't1', toAgentId: null });
    expect(b.state.phase).toBe('routing');
    b.enqueued(support).answered(agentB);
    expect(b.state).toMatchObject({ phase: 'connected', connectedAgentIds: [agentB] });
  });

  it('lets a blind transfer\'s agent leave at once: wrap-up while the target rings, the caller with the system', () => {
    const b = timeline().started().enqueued(sales).answered(agentA).add('call.held', { agentId: agentA });
    b.add('transfer.initiated', { transferId: 't1', kind: 'blind', fromAgentId: agentA, target: { kind: 'agent', agentId: agentB } });
    expect(b.state).toMatchObject({ phase: 'routing', connectedAgentIds: [] });
    b.add('wrap-up.started', { agentId: agentA });
    b.add('transfer.completed', { transferId: 't1', toAgentId: agentB });
    expect(b.state).toMatchObject({ phase: 'connected', connectedAgentIds: [agentB], participantIds: [agentA, agentB] });

    // A target who does not answer: the caller goes back to the queue.
    const failed = timeline().started().enqueued(sales).answered(agentA);
    failed.add('transfer.initiated', { transferId: 't1', kind: 'blind', fromAgentId: agentA, target: { kind: 'number', number: '+4930123' } });
    failed.add('transfer.failed', { transferId: 't1', reason: 'no-answer' }).enqueued(sales);
    expect(failed.state).toMatchObject({ phase: 'queued', queueId: sales });

    // A consult keeps its agent on the call until it completes.
    const consult = timeline().started().enqueued(sales).answered(agentA).add('call.held', { agentId: agentA });
    consult.add('transfer.initiated', { transferId: 't1', kind: 'consult', fromAgentId: agentA, target: { kind: 'agent', agentId: agentB } });
    expect(consult.state).toMatchObject({ phase: 'held', connectedAgentIds: [agentA] });
    expect(refusal(consult.state, { type: 'wrap-up.started', data: { agentId: agentA } }).code).toBe(CallErrorCode.IllegalEvent);
  });

  it('needs the agent ending a call to be on it', () => {
    const b = timeline().started().enqueued().answered(agentA);
    expect(refusal(b.state, { type: 'call.ended', data: { by: 'agent', agentId: null, cause: 'hangup', detail: null } }).code).toBe(CallErrorCode.IllegalEvent);
    expect(refusal(b.state, { type: 'call.ended', data: { by: 'agent', agentId: agentB, cause: 'hangup', detail: null } }).code).toBe(
      CallErrorCode.UnknownReference,
    );
    b.ended('agent', 'hangup', agentA);
  });

  it('lets the agent who dialed an outbound call wrap it up even when nobody answered', () => {
    const b = timeline().started({ direction: 'outbound', agentId: agentA, ani: '1000', dnis: '+15555550123' });
    b.ended('system', 'no-answer').add('wrap-up.started', { agentId: agentA }).add('disposition.set', { agentId: agentA, code: 'no-answer', notes: '' });
    expect(b.state.participantIds).toEqual([agentA]);
  });

  it('lists the event types each phase allows next', () => {
    expect(legalNextEventTypes(initialCallState)).toEqual(['call.started']);
    const queued = legalNextEventTypes(timeline().started().enqueued().state);
    expect(queued).toEqual(expect.arrayContaining(['offer.made', 'call.answered', 'queue.abandoned', 'digit.pressed']));
    expect(queued).not.toContain('call.held');
    expect(legalNextEventTypes(timeline().started().enqueued().abandoned().state)).not.toContain('call.answered');
  });
});
