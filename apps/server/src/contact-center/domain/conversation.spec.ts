import { CallControlErrorCode, ErrorCode } from '@ccx/contracts';
import { describe, expect, it } from 'vitest';
import { reduceCallRecord } from '../../calls/domain/call-record.js';
import { AGENT, AGENT_B, AGENT_C, ALICE, CALLER, SALES, SUPPORT, refusal, world } from './session-test-kit.js';

/**
 * The agents' control of a connected call (conversation.ts), driven through the session the
 * way the adapter drives it: the softphone's hold as the gateway reports it, `transfer` and
 * `consult` as the desk asks, the targets' legs answering or not. Every timeline is checked
 * by the real call state machine as it is written.
 */

const target = (sut: ReturnType<typeof world>) => sut.commandsOf('originate').at(-1)!;

describe('hold from the softphone', () => {
  it('plays the customer music on hold, out of the bridge both ways, while the agent\'s softphone holds, and records the hold', async () => {
    const sut = world();
    const agentLeg = await sut.connected();
    const bridgeId = sut.commandsOf('bridge')[0]!.bridgeId;
    sut.advance(10_000);
    sut.emit({ event: 'held', legId: agentLeg, held: true, at: sut.now });
    // The gateway's hold of the customer's leg: music, and the agent's voice no longer reaches them.
    expect(sut.commands.at(-1)).toEqual({ command: 'hold', legId: 'customer-leg', music: true });
    expect(sut.session.phase).toBe('held');
    expect(sut.of('call.held').map((e) => e.data)).toEqual([{ agentId: AGENT }]);
    expect(sut.viewOf(AGENT)).toMatchObject({ phase: 'held', heldSince: new Date(sut.now).toISOString(), customerNumber: CALLER, direction: 'inbound' });
    // The gateway reports its own hold of the customer's leg too: nothing more happens.
    sut.emit({ event: 'held', legId: 'customer-leg', held: true, at: sut.now });
    sut.emit({ event: 'held', legId: agentLeg, held: true, at: sut.now });
    expect(sut.of('call.held')).toHaveLength(1);

    sut.advance(12_000);
    sut.emit({ event: 'held', legId: agentLeg, held: false, at: sut.now });
    expect(sut.commands.at(-1)).toEqual({ command: 'unhold', legId: 'customer-leg' });
    expect(sut.session.phase).toBe('connected');
    expect(sut.of('call.resumed').map((e) => e.data)).toEqual([{ agentId: AGENT }]);
    expect(sut.viewOf(AGENT)).toMatchObject({ phase: 'talking', heldSince: null });
    // Still the one bridge: hold is the gateway's hold of a leg, never a new bridge or an unbridge.
    expect(sut.commandsOf('bridge').map((b) => b.bridgeId)).toEqual([bridgeId]);
    expect(sut.commandsOf('unbridge')).toEqual([]);

    sut.advance(5000);
    sut.emit({ event: 'hangup', legId: 'customer-leg', cause: 'remote-bye', at: sut.now });
    const record = reduceCallRecord(sut.session.callId, sut.timeline());
    expect(record).toMatchObject({ holdCount: 1, holdSeconds: 12, talkSeconds: 15 });
    expect(sut.viewOf(AGENT)).toMatchObject({ phase: 'wrap-up' });
  });

  it('ends the hold when the agent hangs up while holding: the caller goes on to the survey without music', async () => {
    const sut = world();
    const agentLeg = await sut.connected();
    sut.emit({ event: 'held', legId: agentLeg, held: true, at: sut.now });
    sut.advance(3000);
    sut.emit({ event: 'hangup', legId: agentLeg, cause: 'remote-bye', at: sut.now });
    // Off hold first (the gateway's hold music would cover the survey's prompts), then the survey.
    const unhold = sut.commands.findIndex((c) => c.command === 'unhold');
    expect(unhold).toBeGreaterThan(-1);
    expect(sut.commands.findIndex((c) => c.command === 'play' && c.prompts.some((p) => p.kind === 'speech' && p.text.startsWith('Please rate')))).toBeGreaterThan(unhold);
    expect(sut.session.phase).toBe('ivr');
    expect(sut.types().slice(-3)).toEqual(['recording.stopped', 'agent.hung-up', 'ivr.node-entered']);
    expect(reduceCallRecord(sut.session.callId, sut.timeline(), { now: sut.now })).toMatchObject({ holdCount: 1, holdSeconds: 3 });
  });
});

describe('blind transfer', () => {
  it('to an agent: takes them through the ACD, rings them with the screen pop while the caller hears music, and bridges them on answer', async () => {
    const sut = world({ from: ALICE.phoneNumber! });
    const agentLeg = await sut.connected();
    const bridgeId = sut.commandsOf('bridge')[0]!.bridgeId;
    const before = sut.commands.length;
    sut.advance(20_000);
    const transferId = sut.session.transfer(AGENT, { kind: 'blind', target: { kind: 'agent', agentId: AGENT_B } });

    expect(sut.acdCalls).toContain(`direct {"agentId":"${AGENT_B}"} → taken`);
    expect(sut.of('transfer.initiated').map((e) => e.data)).toEqual([{ transferId, kind: 'blind', fromAgentId: AGENT, target: { kind: 'agent', agentId: AGENT_B } }]);
    const ring = target(sut);
    expect(sut.commandsSince(before)).toEqual([
      { command: 'hangup', legId: agentLeg },
      { command: 'hold', legId: 'customer-leg', music: true },
      // `near`: the colleague's media is placed with the customer's, whom they will talk to.
      { command: 'originate', legId: ring.legId, to: { kind: 'user', sipUser: '2001' }, callerId: ALICE.phoneNumber, timeoutMs: 30_000, near: 'customer-leg' },
    ]);
    // The agent who transferred is gone at once: after-call work.
    expect(sut.acdCalls).toContain(`call ended ${AGENT}`);
    expect(sut.viewOf(AGENT)).toMatchObject({ phase: 'wrap-up' });
    expect(sut.session.phase).toBe('transferring');
    // The target's desk pops the call.
    expect(sut.offers.at(-1)).toMatchObject({
      agentId: AGENT_B,
      offer: { callId: sut.session.callId, callerNumber: ALICE.phoneNumber, customerId: ALICE.id, queueId: SUPPORT, callback: false, transfer: { kind: 'blind', fromAgentId: AGENT, fromName: 'Bea Agent' } },
    });
    // The leg the transferring agent's softphone had is down: its hang-up changes nothing.
    sut.emit({ event: 'hangup', legId: agentLeg, cause: 'local', at: sut.now });

    sut.advance(4000);
    sut.emit({ event: 'answered', legId: ring.legId, at: sut.now });
    expect(sut.commands.slice(-2)).toEqual([
      { command: 'addParticipant', bridgeId, legId: ring.legId, role: 'talk', kind: 'agent' },
      { command: 'unhold', legId: 'customer-leg' },
    ]);
    expect(sut.of('transfer.completed').map((e) => e.data)).toEqual([{ transferId, toAgentId: AGENT_B }]);
    expect(sut.session.phase).toBe('connected');
    expect(sut.connections.at(-1)).toBe(`${AGENT_B} ${sut.session.callId}`);
    expect(sut.offersEnded.at(-1)).toBe(`${AGENT_B} ${sut.session.callId}:${transferId} answered`);
    expect(sut.viewOf(AGENT_B)).toMatchObject({ phase: 'talking', customerId: ALICE.id, conference: [] });

    sut.advance(30_000);
    sut.emit({ event: 'hangup', legId: 'customer-leg', cause: 'remote-bye', at: sut.now });
    expect(sut.acdCalls.at(-1)).toBe(`call ended ${AGENT_B}`);
    expect(sut.commands.at(-1)).toEqual({ command: 'hangup', legId: ring.legId });
    sut.emit({ event: 'hangup', legId: ring.legId, cause: 'local', at: sut.now });
    expect(sut.session.finished).toBe(true);
    const record = reduceCallRecord(sut.session.callId, sut.timeline());
    expect(record.agents.map((a) => [a.agentId, a.joinedBy, a.leftBy])).toEqual([
      [AGENT, 'answer', 'transfer'],
      [AGENT_B, 'transfer', 'call-ended'],
    ]);
    expect(record.transfers).toEqual([expect.objectContaining({ kind: 'blind', fromAgentId: AGENT, toAgentId: AGENT_B, result: 'completed' })]);
    // One recording for the whole call: the target joined the bridge.
    expect(record.recordings).toHaveLength(1);
    expect(record.talkSeconds).toBe(20 + 30);
  });

  it('to an agent who does not answer: the caller goes back to the queue they came from, ahead of later callers', async () => {
    const sut = world();
    await sut.connected();
    const enqueuedAt = sut.timeline().find((e) => e.type === 'queue.entered')!.at;
    const transferId = sut.session.transfer(AGENT, { kind: 'blind', target: { kind: 'agent', agentId: AGENT_B } });
    sut.advance(30_000);
    sut.emit({ event: 'hangup', legId: target(sut).legId, cause: 'no-answer', at: sut.now });
    expect(sut.of('transfer.failed').map((e) => e.data)).toEqual([{ transferId, reason: 'no-answer' }]);
    expect(sut.acdCalls).toContain(`released ${AGENT_B}`);
    expect(sut.offersEnded.at(-1)).toBe(`${AGENT_B} ${sut.session.callId}:${transferId} timeout`);
    expect(sut.commandsOf('unhold')).toHaveLength(1);
    expect(sut.commandsOf('unbridge')).toHaveLength(1);
    expect(sut.session.phase).toBe('queued');
    expect(sut.enqueued.at(-1)).toEqual({ contactId: sut.session.callId, queueId: SUPPORT, priority: 0, callerNumber: CALLER, skills: [{ skill: 'support', minLevel: 1 }, { skill: 'english', minLevel: 1 }], enqueuedAt });
    expect(sut.types().slice(-3)).toEqual(['transfer.failed', 'recording.stopped', 'queue.entered']);
    expect(sut.playingOn()).toBe('moh');

    // The queue offers the call again: another agent takes it.
    const { legId } = sut.offer(`${sut.session.callId}#2`);
    sut.emit({ event: 'answered', legId, at: sut.now });
    sut.decide({ type: 'connect', contactId: sut.session.callId, queueId: SUPPORT, agentId: AGENT, waitedMs: 10 });
    expect(sut.session.phase).toBe('connected');
    expect(reduceCallRecord(sut.session.callId, sut.timeline()).queues).toHaveLength(2);
  });

  it('refuses a target agent who is not free, a queue that does not exist, a call that is not yours, and yourself: changing nothing', async () => {
    const sut = world({ busy: [AGENT_B] });
    await sut.connected();
    const before = { commands: sut.commands.length, events: sut.timeline().length };
    const busy = refusal(() => sut.session.transfer(AGENT, { kind: 'blind', target: { kind: 'agent', agentId: AGENT_B } }));
    expect(busy).toMatchObject({ code: CallControlErrorCode.TargetUnavailable, message: 'Alex Agent is not available (busy, not ready, or without a registered softphone)' });
    expect(refusal(() => sut.session.transfer(AGENT, { kind: 'blind', target: { kind: 'agent', agentId: '0b6f5d1e-0000-4000-8000-0000000000ff' } })).code).toBe(CallControlErrorCode.UnknownTarget);
    expect(refusal(() => sut.session.transfer(AGENT, { kind: 'blind', target: { kind: 'queue', queueId: 'nope' } }))).toMatchObject({ code: CallControlErrorCode.UnknownTarget, message: 'there is no queue nope' });
    expect(refusal(() => sut.session.transfer(AGENT_C, { kind: 'blind', target: { kind: 'queue', queueId: SALES } })).code).toBe(CallControlErrorCode.NotYourCall);
    expect(refusal(() => sut.session.transfer(AGENT, { kind: 'blind', target: { kind: 'agent', agentId: AGENT } }))).toMatchObject({ code: ErrorCode.Validation, issues: [{ path: 'target.agentId' }] });
    expect(refusal(() => sut.session.transfer(AGENT, { kind: 'consult', target: { kind: 'queue', queueId: SALES } }))).toMatchObject({ code: ErrorCode.Validation, issues: [{ path: 'target.kind' }] });
    expect(refusal(() => sut.session.consult(AGENT, 'complete')).code).toBe(CallControlErrorCode.NotNow);
    expect({ commands: sut.commands.length, events: sut.timeline().length }).toEqual(before);
    expect(sut.session.phase).toBe('connected');

    const noTrunk = world({ noTrunk: true });
    await noTrunk.connected();
    expect(refusal(() => noTrunk.session.transfer(AGENT, { kind: 'blind', target: { kind: 'number', number: '+4930123456' } })).code).toBe(CallControlErrorCode.NoTrunk);

    // A caller still in the queue is nobody's call yet.
    const queued = world();
    await queued.toSupportQueue();
    expect(refusal(() => queued.session.transfer(AGENT, { kind: 'blind', target: { kind: 'queue', queueId: SALES } })).code).toBe(CallControlErrorCode.NotYourCall);
  });

  it('to a queue: the caller goes back into the ACD there (music, position), with only that queue\'s own skills', async () => {
    const sut = world();
    const agentLeg = await sut.connected();
    const transferId = sut.session.transfer(AGENT, { kind: 'blind', target: { kind: 'queue', queueId: SALES } });
    expect(sut.types().slice(-4)).toEqual(['transfer.initiated', 'transfer.completed', 'recording.stopped', 'queue.entered']);
    expect(sut.of('transfer.completed')[0]!.data).toEqual({ transferId, toAgentId: null });
    expect(sut.commandsOf('hangup').at(-1)).toEqual({ command: 'hangup', legId: agentLeg });
    expect(sut.enqueued.at(-1)).toMatchObject({ queueId: SALES, skills: [] });
    expect(sut.of('queue.entered').at(-1)!.data).toMatchObject({ queueId: SALES, position: 1 });
    expect(sut.session.phase).toBe('queued');
    expect(sut.playingOn()).toBe('moh');
    expect(sut.acdCalls).toContain(`call ended ${AGENT}`);
    expect(reduceCallRecord(sut.session.callId, sut.timeline()).agents[0]).toMatchObject({ agentId: AGENT, leftBy: 'transfer' });
  });

  it('for a web caller: the target agent\'s phone shows the caller\'s web identity (the desk pairs it with the offer); the phone network gets the company\'s number', async () => {
    const visitor = 'widget.1000.Ab-c_9';
    const toAgent = world({ from: visitor });
    await toAgent.connected();
    toAgent.session.transfer(AGENT, { kind: 'blind', target: { kind: 'agent', agentId: AGENT_B } });
    expect(target(toAgent)).toMatchObject({ to: { kind: 'user', sipUser: '2001' }, callerId: visitor });
    expect(toAgent.offers.at(-1)).toMatchObject({ agentId: AGENT_B, offer: { callerNumber: visitor } });

    const toNumber = world({ from: visitor });
    await toNumber.connected();
    toNumber.session.transfer(AGENT, { kind: 'blind', target: { kind: 'number', number: '+4930123456' } });
    expect(target(toNumber)).toMatchObject({ to: { kind: 'trunk', number: '+4930123456' }, callerId: '1000' });
  });

  it('to a number: dialled showing the caller\'s number, bridged on answer; the record ends transferred out and the two talk until one hangs up', async () => {
    const sut = world();
    await sut.connected();
    sut.session.transfer(AGENT, { kind: 'blind', target: { kind: 'number', number: '+4930123456' } });
    const ring = target(sut);
    expect(ring).toMatchObject({ to: { kind: 'trunk', number: '+4930123456' }, callerId: CALLER });
    sut.emit({ event: 'answered', legId: ring.legId, at: sut.now });
    expect(sut.commandsOf('addParticipant').at(-1)).toMatchObject({ legId: ring.legId, kind: 'other' });
    expect(sut.session.phase).toBe('outside');
    expect(sut.types().slice(-2)).toEqual(['transfer.completed', 'call.ended']);
    expect(sut.of('call.ended')[0]!.data).toEqual({ by: 'system', agentId: null, cause: 'transferred-out', detail: '+4930123456' });
    sut.emit({ event: 'hangup', legId: ring.legId, cause: 'remote-bye', at: sut.now });
    expect(sut.commands.at(-1)).toEqual({ command: 'hangup', legId: 'customer-leg' });
    expect(sut.session.phase).toBe('ended');
  });

  it('cancels the ringing target when the caller hangs up meanwhile', async () => {
    const sut = world();
    await sut.connected();
    sut.session.transfer(AGENT, { kind: 'blind', target: { kind: 'agent', agentId: AGENT_B } });
    sut.emit({ event: 'hangup', legId: 'customer-leg', cause: 'remote-bye', at: sut.now });
    expect(sut.types().slice(-3)).toEqual(['transfer.failed', 'call.ended', 'recording.stopped']);
    expect(sut.of('transfer.failed')[0]!.data.reason).toBe('cancelled');
    expect(sut.commandsOf('hangup').at(-1)).toEqual({ command: 'hangup', legId: target(sut).legId });
    expect(sut.acdCalls).toContain(`released ${AGENT_B}`);
    expect(sut.offersEnded.at(-1)).toMatch(/ withdrawn$/);
  });
});

describe('consult transfer and conference', () => {
  async function consulting(options: Parameters<typeof world>[0] = {}) {
    const sut = world(options);
    const agentLeg = await sut.connected();
    const bridgeId = sut.commandsOf('bridge')[0]!.bridgeId;
    sut.advance(10_000);
    const transferId = sut.session.transfer(AGENT, { kind: 'consult', target: { kind: 'agent', agentId: AGENT_B } });
    const ring = target(sut);
    return { sut, agentLeg, bridgeId, transferId, ring };
  }

  it('holds the customer (music) and rings the target; the two agents talk on their own once it answers; complete hands the customer over', async () => {
    const { sut, agentLeg, bridgeId, transferId, ring } = await consulting();
    expect(sut.types().slice(-2)).toEqual(['call.held', 'transfer.initiated']);
    expect(sut.commands.slice(-2)).toEqual([
      { command: 'hold', legId: 'customer-leg', music: true },
      expect.objectContaining({ command: 'originate', legId: ring.legId, to: { kind: 'user', sipUser: '2001' } }),
    ]);
    expect(sut.session.phase).toBe('consulting');
    expect(sut.viewOf(AGENT)).toMatchObject({ phase: 'consulting', consult: { transferId, target: { kind: 'agent', agentId: AGENT_B, name: 'Alex Agent' }, state: 'ringing' } });
    expect(sut.offers.at(-1)!.offer.transfer).toEqual({ kind: 'consult', fromAgentId: AGENT, fromName: 'Bea Agent' });
    expect(sut.acdCalls).not.toContain(`call ended ${AGENT}`);

    sut.advance(3000);
    sut.emit({ event: 'answered', legId: ring.legId, at: sut.now });
    // The target joins the bridge while the customer is held: only the two agents hear each other.
    expect(sut.commands.at(-1)).toEqual({ command: 'addParticipant', bridgeId, legId: ring.legId, role: 'talk', kind: 'agent' });
    expect(sut.viewOf(AGENT)).toMatchObject({ phase: 'consulting', consult: { state: 'talking' } });
    expect(sut.viewOf(AGENT_B)).toMatchObject({ phase: 'talking', conference: [{ kind: 'agent', agentId: AGENT, name: 'Bea Agent' }] });
    expect(refusal(() => sut.session.transfer(AGENT, { kind: 'blind', target: { kind: 'queue', queueId: SALES } })).code).toBe(CallControlErrorCode.NotNow);
    expect(refusal(() => sut.session.consult(AGENT_B, 'complete')).code).toBe(CallControlErrorCode.NotYourCall);

    sut.advance(7000);
    const view = sut.session.consult(AGENT, 'complete');
    expect(view).toMatchObject({ phase: 'wrap-up' });
    expect(sut.commands.slice(-2)).toEqual([
      { command: 'hangup', legId: agentLeg },
      { command: 'unhold', legId: 'customer-leg' },
    ]);
    expect(sut.of('transfer.completed').map((e) => e.data)).toEqual([{ transferId, toAgentId: AGENT_B }]);
    expect(sut.session.phase).toBe('connected');
    expect(sut.acdCalls).toContain(`call ended ${AGENT}`);
    expect(sut.connections.at(-1)).toBe(`${AGENT_B} ${sut.session.callId}`);
    expect(sut.viewOf(AGENT_B)).toMatchObject({ phase: 'talking', conference: [] });

    sut.advance(20_000);
    sut.emit({ event: 'hangup', legId: ring.legId, cause: 'remote-bye', at: sut.now });
    expect(sut.session.phase).toBe('ivr'); // the survey, as after any agent
    const record = reduceCallRecord(sut.session.callId, sut.timeline());
    expect(record).toMatchObject({ holdCount: 1, holdSeconds: 10 });
    expect(record.agents.map((a) => [a.agentId, a.joinedBy, a.leftBy])).toEqual([
      [AGENT, 'answer', 'transfer'],
      [AGENT_B, 'transfer', 'hung-up'],
    ]);
  });

  it('cancel: the target is hung up and freed, the customer is back with the agent', async () => {
    const { sut, transferId, ring } = await consulting();
    sut.emit({ event: 'answered', legId: ring.legId, at: sut.now });
    sut.advance(5000);
    const view = sut.session.consult(AGENT, 'cancel');
    expect(view).toMatchObject({ phase: 'talking', consult: null, heldSince: null });
    expect(sut.commands.slice(-2)).toEqual([
      { command: 'hangup', legId: ring.legId },
      { command: 'unhold', legId: 'customer-leg' },
    ]);
    expect(sut.types().slice(-2)).toEqual(['transfer.failed', 'call.resumed']);
    expect(sut.of('transfer.failed')[0]!.data).toEqual({ transferId, reason: 'cancelled' });
    expect(sut.acdCalls).toContain(`released ${AGENT_B}`);
    expect(sut.viewOf(AGENT_B)).toMatchObject({ phase: 'ended' });
    expect(sut.session.phase).toBe('connected');
    expect(reduceCallRecord(sut.session.callId, sut.timeline())).toMatchObject({ holdCount: 1, holdSeconds: 5 });
  });

  it('gives the customer back to the agent when the target does not answer or hangs up (held still if their softphone holds)', async () => {
    const { sut, agentLeg, ring } = await consulting();
    sut.emit({ event: 'hangup', legId: ring.legId, cause: 'busy', at: sut.now });
    expect(sut.types().slice(-2)).toEqual(['transfer.failed', 'call.resumed']);
    expect(sut.of('transfer.failed').at(-1)!.data.reason).toBe('busy');
    expect(sut.session.phase).toBe('connected');
    expect(sut.offersEnded.at(-1)).toMatch(/ rejected$/);

    // The agent holds on the softphone, consults, the target hangs up after talking: still held.
    sut.emit({ event: 'held', legId: agentLeg, held: true, at: sut.now });
    sut.session.transfer(AGENT, { kind: 'consult', target: { kind: 'agent', agentId: AGENT_B } });
    const second = target(sut);
    sut.emit({ event: 'answered', legId: second.legId, at: sut.now });
    sut.emit({ event: 'hangup', legId: second.legId, cause: 'remote-bye', at: sut.now });
    expect(sut.session.phase).toBe('held');
    expect(sut.types().slice(-1)).toEqual(['transfer.failed']);
    sut.emit({ event: 'held', legId: agentLeg, held: false, at: sut.now });
    expect(sut.types().slice(-1)).toEqual(['call.resumed']);
    expect(sut.session.phase).toBe('connected');
  });

  it('refuses to complete or conference before the target answers', async () => {
    const { sut } = await consulting();
    expect(refusal(() => sut.session.consult(AGENT, 'complete'))).toMatchObject({ code: CallControlErrorCode.NotNow, message: 'Alex Agent has not answered yet: wait, or cancel' });
    expect(refusal(() => sut.session.consult(AGENT, 'conference')).code).toBe(CallControlErrorCode.NotNow);
    expect(refusal(() => sut.session.transfer(AGENT, { kind: 'consult', target: { kind: 'agent', agentId: AGENT_C } })).code).toBe(CallControlErrorCode.NotNow);
  });

  it('completes the transfer when the consulting agent hangs up once the target talks', async () => {
    const { sut, agentLeg, transferId, ring } = await consulting();
    sut.emit({ event: 'answered', legId: ring.legId, at: sut.now });
    sut.emit({ event: 'hangup', legId: agentLeg, cause: 'remote-bye', at: sut.now });
    expect(sut.of('transfer.completed').map((e) => e.data)).toEqual([{ transferId, toAgentId: AGENT_B }]);
    expect(sut.commandsOf('hangup').filter((c) => c.legId === agentLeg)).toEqual([]);
    expect(sut.session.phase).toBe('connected');
  });

  it('conference: all three talk; an agent who hangs up leaves and the others go on; the caller hanging up releases everyone', async () => {
    const { sut, agentLeg, transferId, ring } = await consulting();
    sut.emit({ event: 'answered', legId: ring.legId, at: sut.now });
    sut.advance(4000);
    const view = sut.session.consult(AGENT, 'conference');
    expect(sut.types().slice(-2)).toEqual(['transfer.failed', 'conference.joined']);
    expect(sut.of('transfer.failed').at(-1)!.data).toEqual({ transferId, reason: 'conferenced' });
    expect(sut.of('conference.joined')[0]!.data).toEqual({ byAgentId: AGENT, party: { kind: 'agent', agentId: AGENT_B } });
    expect(sut.commands.at(-1)).toEqual({ command: 'unhold', legId: 'customer-leg' });
    expect(view).toMatchObject({ phase: 'talking', consult: null, conference: [{ kind: 'agent', agentId: AGENT_B, name: 'Alex Agent' }] });
    expect(sut.viewOf(AGENT_B)).toMatchObject({ phase: 'talking', conference: [{ kind: 'agent', agentId: AGENT }] });
    expect(sut.session.phase).toBe('connected');
    // In a conference one agent's softphone hold is theirs alone.
    sut.emit({ event: 'held', legId: ring.legId, held: true, at: sut.now });
    expect(sut.commandsOf('hold')).toHaveLength(1);

    sut.advance(6000);
    sut.emit({ event: 'hangup', legId: agentLeg, cause: 'remote-bye', at: sut.now });
    expect(sut.types().at(-1)).toBe('agent.hung-up');
    expect(sut.acdCalls.at(-1)).toBe(`call ended ${AGENT}`);
    expect(sut.viewOf(AGENT)).toMatchObject({ phase: 'wrap-up' });
    expect(sut.viewOf(AGENT_B)).toMatchObject({ phase: 'talking', conference: [] });
    expect(sut.session.phase).toBe('connected');

    sut.advance(10_000);
    sut.emit({ event: 'hangup', legId: 'customer-leg', cause: 'remote-bye', at: sut.now });
    expect(sut.commands.slice(-2)).toEqual([{ command: 'unbridge', bridgeId: sut.commandsOf('bridge')[0]!.bridgeId }, { command: 'hangup', legId: ring.legId }]);
    expect(sut.acdCalls.at(-1)).toBe(`call ended ${AGENT_B}`);
    const record = reduceCallRecord(sut.session.callId, sut.timeline());
    expect(record.agents.map((a) => [a.agentId, a.joinedBy, a.leftBy])).toEqual([
      [AGENT, 'answer', 'hung-up'],
      [AGENT_B, 'conference', 'call-ended'],
    ]);
    expect(record).toMatchObject({ holdCount: 1, holdSeconds: 4, endedBy: 'customer' });
    expect(record.conferences).toHaveLength(1);
  });

  it('a conference with a number: the number leaving is recorded; the last agent leaving hands the caller to the number', async () => {
    const sut = world();
    const agentLeg = await sut.connected();
    sut.session.transfer(AGENT, { kind: 'consult', target: { kind: 'number', number: '+4930999' } });
    const ring = target(sut);
    sut.emit({ event: 'answered', legId: ring.legId, at: sut.now });
    expect(sut.commandsOf('addParticipant').at(-1)).toMatchObject({ legId: ring.legId, kind: 'other' });
    sut.session.consult(AGENT, 'conference');
    expect(sut.of('conference.joined')[0]!.data.party).toEqual({ kind: 'number', number: '+4930999' });
    expect(sut.viewOf(AGENT)).toMatchObject({ conference: [{ kind: 'number', number: '+4930999' }] });
    sut.emit({ event: 'hangup', legId: agentLeg, cause: 'remote-bye', at: sut.now });
    expect(sut.types().slice(-2)).toEqual(['agent.hung-up', 'call.ended']);
    expect(sut.of('call.ended')[0]!.data).toMatchObject({ cause: 'transferred-out', detail: '+4930999' });
    expect(sut.session.phase).toBe('outside');
    sut.emit({ event: 'hangup', legId: 'customer-leg', cause: 'remote-bye', at: sut.now });
    expect(sut.commands.at(-1)).toEqual({ command: 'hangup', legId: ring.legId });
    expect(sut.session.phase).toBe('ended');
  });

  it('a consult of a number completed: the customer talks to the number, the record ends transferred out', async () => {
    const sut = world();
    await sut.connected();
    sut.session.transfer(AGENT, { kind: 'consult', target: { kind: 'number', number: '+4930999' } });
    const ring = target(sut);
    sut.emit({ event: 'answered', legId: ring.legId, at: sut.now });
    sut.session.consult(AGENT, 'complete');
    expect(sut.types().slice(-2)).toEqual(['transfer.completed', 'call.ended']);
    expect(sut.session.phase).toBe('outside');
  });
});

describe('click-to-dial', () => {
  it('rings the agent\'s softphone first, then dials the number through the trunk, and bridges and records on answer', async () => {
    const sut = world({ dial: { agentId: AGENT, number: '+15555550123', customerId: ALICE.id } });
    const callId = sut.session.callId;
    expect(sut.session.phase).toBe('dialing');
    expect(sut.types()).toEqual(['call.started', 'crm.matched']);
    expect(sut.of('call.started')[0]!.data).toEqual({ direction: 'outbound', channel: 'trunk', ani: '1000', dnis: '+15555550123', entryPoint: null, agentId: AGENT, callbackOfCallId: null });
    expect(sut.of('crm.matched')[0]!.data).toEqual({ customerId: ALICE.id, matchedBy: 'agent' });
    sut.session.start();
    const agentLeg = sut.commandsOf('originate')[0]!;
    expect(agentLeg).toMatchObject({ to: { kind: 'user', sipUser: '2002' }, callerId: '+15555550123' });
    expect(sut.viewOf(AGENT)).toMatchObject({ callId, phase: 'dialing', direction: 'outbound', customerNumber: '+15555550123', customerId: ALICE.id });
    expect(sut.session.viewFor(AGENT)).toMatchObject({ phase: 'dialing' });
    expect(refusal(() => sut.session.transfer(AGENT, { kind: 'blind', target: { kind: 'queue', queueId: SALES } })).code).toBe(CallControlErrorCode.NotNow);

    sut.advance(2000);
    sut.emit({ event: 'answered', legId: agentLeg.legId, at: sut.now });
    const dialled = sut.commandsOf('originate')[1]!;
    expect(dialled).toMatchObject({ to: { kind: 'trunk', number: '+15555550123' }, callerId: '1000', timeoutMs: 30_000 });
    expect(sut.session.phase).toBe('dialing');

    sut.advance(5000);
    sut.emit({ event: 'answered', legId: dialled.legId, at: sut.now });
    expect(sut.session.phase).toBe('connected');
    expect(sut.commandsOf('bridge')[0]!.legIds).toEqual([dialled.legId, agentLeg.legId]);
    expect(sut.commandsOf('recordStart')).toHaveLength(1);
    expect(sut.connections).toEqual([`${AGENT} ${callId}`]);
    expect(sut.viewOf(AGENT)).toMatchObject({ phase: 'talking', direction: 'outbound' });

    // Connected, it is a call like any other: hold works the same.
    sut.emit({ event: 'held', legId: agentLeg.legId, held: true, at: sut.now });
    expect(sut.commands.at(-1)).toEqual({ command: 'hold', legId: dialled.legId, music: true });
    sut.emit({ event: 'held', legId: agentLeg.legId, held: false, at: sut.now });

    sut.advance(20_000);
    sut.emit({ event: 'hangup', legId: agentLeg.legId, cause: 'remote-bye', at: sut.now });
    expect(sut.commands.at(-1)).toEqual({ command: 'hangup', legId: dialled.legId });
    expect(sut.acdCalls.at(-1)).toBe(`call ended ${AGENT}`);
    expect(sut.viewOf(AGENT)).toMatchObject({ phase: 'wrap-up' });
    const record = reduceCallRecord(callId, sut.timeline());
    expect(record).toMatchObject({ direction: 'outbound', channel: 'trunk', dialedNumber: '+15555550123', customerId: ALICE.id, endedBy: 'agent', talkSeconds: 20 });
    expect(record.agents.map((a) => a.agentId)).toEqual([AGENT]);
    sut.emit({ event: 'hangup', legId: dialled.legId, cause: 'local', at: sut.now });
    expect(sut.session.finished).toBe(true);
  });

  it('ends with the number\'s busy or no answer, the agent\'s softphone hung up and after-call work to follow', async () => {
    const sut = world({ dial: { agentId: AGENT, number: '+15555550123', customerId: null } });
    sut.session.start();
    const agentLeg = sut.commandsOf('originate')[0]!;
    sut.emit({ event: 'answered', legId: agentLeg.legId, at: sut.now });
    const dialled = sut.commandsOf('originate')[1]!;
    sut.emit({ event: 'hangup', legId: dialled.legId, cause: 'busy', at: sut.now });
    expect(sut.of('call.ended')[0]!.data).toEqual({ by: 'system', agentId: null, cause: 'busy', detail: 'busy' });
    expect(sut.commands.at(-1)).toEqual({ command: 'hangup', legId: agentLeg.legId });
    expect(sut.acdCalls.at(-1)).toBe(`call ended ${AGENT}`);
    expect(sut.session.phase).toBe('ended');
  });

  it('dials nothing when the agent\'s own softphone does not answer, and frees the agent without after-call work', async () => {
    const sut = world({ dial: { agentId: AGENT, number: '+15555550123', customerId: null } });
    sut.session.start();
    const agentLeg = sut.commandsOf('originate')[0]!;
    sut.emit({ event: 'hangup', legId: agentLeg.legId, cause: 'rejected', at: sut.now });
    expect(sut.commandsOf('originate')).toHaveLength(1);
    expect(sut.of('call.ended')[0]!.data).toMatchObject({ by: 'system', cause: 'no-answer' });
    expect(sut.acdCalls.at(-1)).toBe(`released ${AGENT}`);
    expect(sut.viewOf(AGENT)).toMatchObject({ phase: 'ended' });
    expect(sut.session.finished).toBe(true);
  });

  it('a dialled call blind-transferred to an agent who does not answer says sorry and ends: it has no queue to go back to', async () => {
    const sut = world({ dial: { agentId: AGENT, number: '+15555550123', customerId: null } });
    sut.session.start();
    const agentLeg = sut.commandsOf('originate')[0]!;
    sut.emit({ event: 'answered', legId: agentLeg.legId, at: sut.now });
    const dialled = sut.commandsOf('originate')[1]!;
    sut.emit({ event: 'answered', legId: dialled.legId, at: sut.now });
    sut.session.transfer(AGENT, { kind: 'blind', target: { kind: 'agent', agentId: AGENT_B } });
    sut.emit({ event: 'hangup', legId: target(sut).legId, cause: 'no-answer', at: sut.now });
    expect(sut.of('call.ended')[0]!.data).toMatchObject({ by: 'system', cause: 'hangup', detail: 'the transfer failed and the call has no queue to go back to' });
    expect(sut.spoken(dialled.legId)).toMatch(/^Sorry, we could not put you through/);
    sut.finishPlayback(dialled.legId);
    expect(sut.commands.at(-1)).toEqual({ command: 'hangup', legId: dialled.legId });
  });
});
