import { describe, expect, it } from 'vitest';
import { closingEvents } from './call-closing.js';
import { reduceCallRecord } from './call-record.js';
import { applyCallEvent, type CallState } from './call-state.js';
import { ids, timeline } from './call-timeline.fixture.js';

const { agentA, agentB, supervisor, sales } = ids;
const RECOVERED = { cause: 'recovered', detail: 'the server restarted' } as const;

/** Applies the closing events: each must be legal, and nothing may stay open. */
function close(state: CallState, end: Parameters<typeof closingEvents>[1] = RECOVERED): CallState {
  const closed = closingEvents(state, end).reduce(applyCallEvent, state);
  expect(closed.phase).toBe('ended');
  expect(closed.offers.filter((o) => o.open)).toEqual([]);
  expect(closed.transfers.filter((t) => t.open)).toEqual([]);
  expect(closed.recordings.filter((r) => r.open)).toEqual([]);
  expect(closed.supervisorIds).toEqual([]);
  expect(closed.wrappingUpAgentIds).toEqual([]);
  return closed;
}

describe(closingEvents.name, () => {
  it('ends a call in the IVR by the system with the cause', () => {
    const b = timeline().started().add('ivr.node-entered', { flowId: 'main', nodeId: 'menu', nodeType: 'menu' });
    expect(closingEvents(b.state, RECOVERED)).toEqual([{ type: 'call.ended', data: { by: 'system', agentId: null, cause: 'recovered', detail: 'the server restarted' } }]);
    close(b.state);
  });

  it('withdraws the ringing offer of a queued call before ending it', () => {
    const b = timeline().started().enqueued(sales).offered('o1', agentA);
    expect(closingEvents(b.state, RECOVERED).map((e) => e.type)).toEqual(['offer.ended', 'call.ended']);
    close(b.state);
  });

  it('closes a connected call with a supervisor, a pending transfer and a running recording', () => {
    const b = timeline()
      .started()
      .enqueued(sales)
      .offered('o1', agentA)
      .answered(agentA, 'o1')
      .add('recording.started', { recordingId: 'r1' })
      .add('supervisor.joined', { supervisorId: supervisor, mode: 'listen' })
      .add('transfer.initiated', { transferId: 't1', kind: 'consult', fromAgentId: agentA, target: { kind: 'agent', agentId: agentB } });
    expect(closingEvents(b.state, { cause: 'gateway-lost', detail: 'the server shut down' }).map((e) => e.type)).toEqual([
      'transfer.failed',
      'supervisor.left',
      'recording.stopped',
      'call.ended',
    ]);
    const closed = close(b.state, { cause: 'gateway-lost', detail: 'the server shut down' });
    expect(closed.connectedAgentIds).toEqual([]);
  });

  it('ends the after-call work of a call that ended, and leaves a closed call alone', () => {
    const b = timeline().started().enqueued(sales).offered('o1', agentA).answered(agentA, 'o1').at(60).ended('customer').add('wrap-up.started', { agentId: agentA });
    expect(closingEvents(b.state, RECOVERED)).toEqual([{ type: 'wrap-up.ended', data: { agentId: agentA } }]);
    close(b.state);
    b.add('wrap-up.ended', { agentId: agentA });
    expect(closingEvents(b.state, RECOVERED)).toEqual([]);
  });

  it('gives a record whose end is the cause, with the talk time up to the closing', () => {
    const b = timeline().started().enqueued(sales).offered('o1', agentA).at(10).answered(agentA, 'o1').at(70);
    for (const body of closingEvents(b.state, RECOVERED)) b.add(body.type, body.data as never);
    const record = reduceCallRecord(ids.call, b.events);
    expect(record).toMatchObject({ status: 'ended', endedBy: 'system', endCause: 'recovered', talkSeconds: 60 });
  });
});
