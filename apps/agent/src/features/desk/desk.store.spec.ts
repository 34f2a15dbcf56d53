import type { AgentCallView, AgentOffer, AgentStateView } from '@ccx/contracts';
import type { LiveSocket } from '@ccx/web-session';
import { describe, expect, it } from 'vitest';
import { createDeskStore } from './desk.store';

/** Just enough of a socket: the spec plays the server with `push`, and answers emits with `reply`. */
class FakeSocket {
  connected = true;
  reply: unknown = null;
  emitted: unknown[] = [];
  private readonly handlers = new Map<string, Set<(payload: unknown) => void>>();
  on(event: string, handler: (payload: unknown) => void) {
    if (!this.handlers.has(event)) this.handlers.set(event, new Set());
    this.handlers.get(event)?.add(handler);
    return this;
  }
  off(event: string, handler: (payload: unknown) => void) {
    this.handlers.get(event)?.delete(handler);
    return this;
  }
  push(event: string, payload: unknown) {
    for (const handler of this.handlers.get(event) ?? []) handler(payload);
  }
  timeout() {
    return this;
  }
  async emitWithAck(event: string, payload: unknown) {
    this.emitted.push({ event, payload });
    return this.reply;
  }
}

const view = (state: AgentStateView['state'], extra: Partial<AgentStateView> = {}): AgentStateView => ({
  agentId: 'a2',
  state,
  reasonId: null,
  since: '2026-01-01T00:00:00.000Z',
  wrapUpUntil: null,
  reachable: true,
  unreachable: null,
  offerId: null,
  ...extra,
});

const offer: AgentOffer = {
  offerId: 'o1',
  callId: 'c1',
  queueId: 'q-support',
  queueName: 'Support',
  ringUntil: '2026-01-01T00:00:20.000Z',
  callback: false,
  caller: { number: '+14155550102', dialed: '1001', channel: 'trunk', vip: false, language: 'en' },
  customer: null,
  customerMatchedBy: null,
  recentInteractions: [],
  customerPending: false,
  ivr: { flowId: null, path: [], inputs: {} },
};

const callView = (phase: AgentCallView['phase'], extra: Partial<AgentCallView> = {}): AgentCallView => ({
  callId: 'c1',
  phase,
  direction: 'inbound',
  customerNumber: '+14155550102',
  customerId: null,
  since: '2026-01-01T00:00:05.000Z',
  heldSince: null,
  consult: null,
  conference: [],
  ...extra,
});

function setup() {
  const socket = new FakeSocket();
  const sut = createDeskStore();
  const detach = sut.getState().attach(socket as unknown as LiveSocket);
  return { sut, socket, detach };
}

describe(createDeskStore.name, () => {
  it('shows the state the server pushes, and refuses a malformed one', () => {
    const { sut, socket } = setup();
    socket.push('agent:state', view('available'));
    expect(sut.getState().agentState?.state).toBe('available');
    socket.push('agent:state', { state: 'dancing' });
    expect(sut.getState().agentState?.state).toBe('available');
    expect(sut.getState().problem).toMatch(/cannot read/);
  });

  it('rings on an offer; the screen pop stays after an answer and goes with a timeout', () => {
    const { sut, socket } = setup();
    socket.push('agent:offer', offer);
    expect(sut.getState().offer?.offerId).toBe('o1');
    sut.getState().offerAnswered();
    expect(sut.getState()).toMatchObject({ offer: null, screenPop: { offerId: 'o1' } });

    socket.push('agent:offer', { ...offer, offerId: 'o2' });
    socket.push('agent:offerEnded', { offerId: 'other', reason: 'timeout' });
    expect(sut.getState().offer?.offerId).toBe('o2');
    socket.push('agent:offerEnded', { offerId: 'o2', reason: 'timeout' });
    expect(sut.getState()).toMatchObject({ offer: null, screenPop: null });
  });

  it('fills in the customer of an offer that rang before the CRM was read, for that offer only', () => {
    const { sut, socket } = setup();
    socket.push('agent:offer', { ...offer, customerPending: true });
    expect(sut.getState().offer).toMatchObject({ customer: null, customerPending: true });
    const bob = { id: '0b6f5d1e-0000-4000-8000-0000000000c1', displayName: 'Bob Smith', phoneNumber: '+14155550102', email: null, accountNumber: '10003', balanceCents: 0, language: 'en', notes: '' };
    socket.push('agent:offerCustomer', { offerId: 'other', customer: bob, recentInteractions: [] });
    expect(sut.getState().offer?.customer).toBeNull();
    socket.push('agent:offerCustomer', { offerId: 'o1', customer: bob, recentInteractions: [] });
    expect(sut.getState().offer).toMatchObject({ customer: { displayName: 'Bob Smith' }, customerPending: false });
    expect(sut.getState().screenPop).toMatchObject({ customer: { displayName: 'Bob Smith' } });
  });

  it('keeps how the customer was found through the late CRM part, and reads an offer without it as not found', () => {
    const { sut, socket } = setup();
    socket.push('agent:offer', { ...offer, customerPending: true, customerMatchedBy: 'web-visitor' });
    const bob = { id: '0b6f5d1e-0000-4000-8000-0000000000c1', displayName: 'Bob Smith', phoneNumber: '+14155550102', email: null, accountNumber: '10003', balanceCents: 0, language: 'en', notes: '' };
    socket.push('agent:offerCustomer', { offerId: 'o1', customer: bob, recentInteractions: [] });
    expect(sut.getState().screenPop).toMatchObject({ customer: { displayName: 'Bob Smith' }, customerMatchedBy: 'web-visitor' });
    const { customerMatchedBy: _omitted, ...older } = offer;
    socket.push('agent:offer', { ...older, offerId: 'o2' });
    expect(sut.getState().offer).toMatchObject({ offerId: 'o2', customerMatchedBy: null });
    socket.push('agent:offer', { ...offer, offerId: 'o3', customerMatchedBy: 'a-guess' });
    expect(sut.getState().offer?.offerId).toBe('o2');
    expect(sut.getState().problem).toMatch(/cannot read/);
  });

  it('asks for a state and shows the server’s answer or its refusal', async () => {
    const { sut, socket } = setup();
    socket.reply = { ok: true, data: view('not-ready', { reasonId: 'break' }) };
    await sut.getState().requestState({ state: 'not-ready', reasonId: 'break' });
    expect(socket.emitted).toEqual([{ event: 'agent:setState', payload: { state: 'not-ready', reasonId: 'break' } }]);
    expect(sut.getState().agentState?.reasonId).toBe('break');

    socket.reply = { ok: false, error: { code: 'acd/unknown-reason', message: 'No such reason.' } };
    await sut.getState().requestState({ state: 'not-ready', reasonId: 'nap' });
    expect(sut.getState().problem).toBe('No such reason.');
  });

  it('stops listening when detached', () => {
    const { sut, socket, detach } = setup();
    detach();
    socket.push('agent:offer', offer);
    expect(sut.getState().offer).toBeNull();
  });

  describe('the call (agent:call)', () => {
    it('shows the call the server pushes through its phases, and forgets it once ended', () => {
      const { sut, socket } = setup();
      socket.push('agent:call', callView('talking'));
      expect(sut.getState().call?.phase).toBe('talking');
      const consult = { transferId: 't1', target: { kind: 'agent', agentId: 'a3', name: 'Chen Agent' }, state: 'ringing' } as const;
      socket.push('agent:call', callView('consulting', { consult }));
      expect(sut.getState().call).toMatchObject({ phase: 'consulting', consult: { target: { name: 'Chen Agent' }, state: 'ringing' } });
      socket.push('agent:call', callView('wrap-up'));
      expect(sut.getState().call?.phase).toBe('wrap-up');
      socket.push('agent:call', callView('ended'));
      expect(sut.getState().call).toBeNull();
    });

    it('refuses a malformed call update and keeps the call it had', () => {
      const { sut, socket } = setup();
      socket.push('agent:call', callView('talking'));
      socket.push('agent:call', { ...callView('talking'), phase: 'dancing' });
      expect(sut.getState().call?.phase).toBe('talking');
      expect(sut.getState().problem).toMatch(/call update the desk cannot read/);
    });

    it('does not let the end of another call clear the call in hand', () => {
      const { sut, socket } = setup();
      socket.push('agent:call', callView('talking', { callId: 'c2' }));
      socket.push('agent:call', callView('ended', { callId: 'c1' }));
      expect(sut.getState().call?.callId).toBe('c2');
    });

    it('sends a transfer and hands back the server’s refusal for the dialog to show', async () => {
      const { sut, socket } = setup();
      const request = { callId: 'c1', kind: 'blind', target: { kind: 'queue', queueId: 'q1' } } as const;
      socket.reply = { ok: false, error: { code: 'common/conflict', message: 'Call control is not available yet.' } };
      expect(await sut.getState().transfer(request)).toEqual({ ok: false, error: { code: 'common/conflict', message: 'Call control is not available yet.' } });
      expect(socket.emitted).toEqual([{ event: 'call:transfer', payload: request }]);
      socket.reply = { ok: true, data: { transferId: 't1' } };
      expect(await sut.getState().transfer(request)).toEqual({ ok: true });
    });

    it('applies the call view a consult action answers with', async () => {
      const { sut, socket } = setup();
      socket.push('agent:call', callView('consulting'));
      socket.reply = { ok: true, data: callView('talking', { conference: [{ kind: 'agent', agentId: 'a3', name: 'Chen Agent' }] }) };
      expect(await sut.getState().consult({ callId: 'c1', action: 'conference' })).toEqual({ ok: true });
      expect(sut.getState().call).toMatchObject({ phase: 'talking', conference: [{ name: 'Chen Agent' }] });
    });

    it('ends the wrap-up with the server’s new state, and keeps the form on a refusal', async () => {
      const { sut, socket } = setup();
      socket.push('agent:offer', offer);
      sut.getState().offerAnswered();
      socket.push('agent:call', callView('wrap-up'));
      const form = { callId: 'c1', disposition: 'resolved', notes: '', ticketId: null };
      socket.reply = { ok: false, error: { code: 'request/invalid', message: 'disposition: unknown', issues: [{ path: 'disposition', message: 'unknown' }] } };
      const refused = await sut.getState().wrapUp(form);
      expect(refused).toMatchObject({ ok: false, error: { issues: [{ path: 'disposition' }] } });
      expect(sut.getState().call?.phase).toBe('wrap-up');

      socket.reply = { ok: true, data: view('available') };
      expect(await sut.getState().wrapUp(form)).toEqual({ ok: true });
      expect(sut.getState()).toMatchObject({ call: null, screenPop: null, agentState: { state: 'available' } });
    });

    it('says so instead of sending when the live channel is down', async () => {
      const { sut, socket } = setup();
      socket.connected = false;
      const outcome = await sut.getState().dial({ number: '+14155550102', customerId: null });
      expect(outcome).toMatchObject({ ok: false, error: { message: /Not connected/ } });
      expect(socket.emitted).toEqual([]);
    });
  });
});
