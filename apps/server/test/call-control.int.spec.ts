import { type AgentCallView, type Ack, type AgentStateView, type ApiError, type CallList, type CallRecord, type CallTimeline, type Intervention, type SipCredentials } from '@ccx/contracts';
import { type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type OnlineAgent, type Rig, startRig, until } from './support/contact-center-rig.js';
import { freeUdpPort, killAllSipp, runSipp } from './support/sipp.js';
import { answerInPage, hangupCallerInPage, hangupInPage, holdInPage, levelsInPage, registerSoftphoneInPage, softphoneStateInPage } from './support/softphone-page.js';

/**
 * The agent's call control (issue 5) on real calls with real audio: the customer is a web
 * visitor in Chromium calling the Support line (1001), agents are Chromium softphones, each
 * party "speaks" its own tone, and every page measures what it hears. The click-to-dial
 * callee is sipp behind the SIP trunk, echoing what it hears.
 *
 *   customer 1400 Hz · agent2 (Support, takes the call) 1000 Hz · agent1 (Sales, the colleague) 700 Hz
 *   supervisor (steps into the call) 1700 Hz
 *   music on hold: the gateway's arpeggio (C, E, G, C' with their fifths)
 */
const CUSTOMER_HZ = 1400;
const AGENT2_HZ = 1000;
const AGENT1_HZ = 700;
const SUPERVISOR_HZ = 1700;
const MUSIC_HZ = [261.63, 329.63, 392, 523.25];
/** A tone is heard when its level is above this (dB, the pages' analysers; a tone that passes arrives near -25 dB). */
const HEARD_DB = -70;
/**
 * … and not heard when below this: 35 dB under a tone that passes. What is left below it is
 * the line's own noise around a loud sound (G.711 quantisation, the browser's jitter buffer
 * stretching music on a loaded machine, the faint sum and difference tones of two tones),
 * which reaches -75 dB next to music at -39 dB.
 */
const SILENT_DB = -60;
const quiet = (level: number) => level < SILENT_DB;

interface Heard {
  tones: Record<number, number>;
  music: number;
}

async function heard(page: Page, tones: number[]): Promise<Heard> {
  const levels = await page.evaluate(levelsInPage, [...tones, ...MUSIC_HZ]);
  return { tones: Object.fromEntries(tones.map((hz, i) => [hz, levels[i]!])), music: Math.max(...levels.slice(tones.length)) };
}

/** Waits until `page` hears each of `present` (and music, if asked) and none of `absent`. */
async function untilHearing(what: string, page: Page, expected: { present: number[]; absent?: number[]; music?: boolean }, timeoutMs = 10_000): Promise<Heard> {
  let last: Heard | null = null;
  try {
    return await until(
      what,
      async () => {
        const now = await heard(page, [...expected.present, ...(expected.absent ?? [])]);
        last = now;
        const present = expected.present.every((hz) => now.tones[hz]! > HEARD_DB);
        const absent = (expected.absent ?? []).every((hz) => quiet(now.tones[hz]!));
        const music = expected.music === undefined || (expected.music ? now.music > HEARD_DB : quiet(now.music));
        return present && absent && music ? now : null;
      },
      timeoutMs,
    );
  } catch (error) {
    throw new Error(`${(error as Error).message}; last heard ${JSON.stringify(last)}`, { cause: error });
  }
}

/** Over `ms`, `page` never hears any of `absent` (sampled every 100 ms). */
async function neverHears(page: Page, absent: number[], ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const now = await heard(page, absent);
    for (const hz of absent) expect(now.tones[hz], `${hz} Hz heard: ${JSON.stringify(now)}`).toBeLessThan(SILENT_DB);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const lastCall = (agent: OnlineAgent, callId: string, phase: AgentCallView['phase']) =>
  until(`${agent.agentId} sees ${phase}`, () => agent.calls.find((c) => c.value.callId === callId && c.value.phase === phase), 8000);

describe('the agent\'s call control on real calls (Chromium customer and agents, sipp on the trunk)', () => {
  let rig: Rig;
  let trunkPort: number;
  let agent2: OnlineAgent;
  let agent1: OnlineAgent;
  let supervisorToken: string;
  const customers: Page[] = [];

  beforeAll(async () => {
    trunkPort = await freeUdpPort();
    rig = await startRig({ SIP_TRUNK_URI: `sip:127.0.0.1:${trunkPort}` });
    agent2 = await rig.bringOnline('agent2', AGENT2_HZ);
    agent1 = await rig.bringOnline('agent1', AGENT1_HZ);
    supervisorToken = (await rig.api.login('supervisor', 'super123!')).accessToken;
  });
  afterAll(async () => {
    killAllSipp();
    await rig?.close();
  });
  afterEach(async () => {
    // A test that failed mid-call leaves its customer on the line: hang up, and let the agents go.
    for (const customer of customers.splice(0)) {
      await customer.evaluate(hangupCallerInPage).catch(() => undefined);
      await customer.close().catch(() => undefined);
    }
    await until('both agents off their calls', () => [agent2, agent1].every((a) => a.states.at(-1)?.value.state !== 'on-call'), 10_000).catch(() => undefined);
  });
  beforeEach(async () => {
    // Each test starts with both agents free (a test that failed may have left one in after-call work).
    for (const agent of [agent2, agent1]) {
      const state = await agent.socket.emitWithAck('agent:setState', { state: 'available' });
      expect(state.ok).toBe(true);
    }
  });

  async function record(callId: string, ready: (call: CallRecord) => boolean = (call) => call.status === 'ended'): Promise<CallRecord> {
    return until(
      'the call record',
      async () => {
        const list = (await rig.api.call<CallList>('GET', '/api/calls', { token: supervisorToken })).body;
        const call = list.calls.find((c) => c.id === callId);
        return call && ready(call) ? call : null;
      },
      8000,
    );
  }

  async function timeline(callId: string): Promise<string[]> {
    return (await rig.api.call<CallTimeline>('GET', `/api/calls/${callId}/events`, { token: supervisorToken })).body.events.map((e) => e.type);
  }

  /** A web customer calls the Support line; agent2 answers; both hear each other. */
  async function customerWithAgent2(): Promise<{ customer: Page; callId: string }> {
    const offers = agent2.offers.length;
    const customer = await rig.placeWebCall('1001', CUSTOMER_HZ);
    customers.push(customer);
    const offer = await until('the offer to agent2', () => agent2.offers[offers], 25_000);
    await until('agent2’s softphone rings', async () => (await agent2.page.evaluate(softphoneStateInPage)).ringing, 5000);
    await agent2.page.evaluate(answerInPage);
    const callId = offer.value.callId;
    await lastCall(agent2, callId, 'talking');
    await untilHearing('the customer hearing agent2', customer, { present: [AGENT2_HZ] });
    await untilHearing('agent2 hearing the customer', agent2.page, { present: [CUSTOMER_HZ] });
    return { customer, callId };
  }

  it('(a) hold from the softphone: the customer hears music and not the agent while held, both hear each other again on resume; hold count and seconds on the record', async () => {
    // A second tab of agent2's (no phone of its own): it shows the same offer and call.
    const otherTab = rig.connect(agent2.token);
    const otherTabOffers: string[] = [];
    const otherTabCalls: AgentCallView[] = [];
    otherTab.on('agent:offer', (offer) => otherTabOffers.push(offer.callId));
    otherTab.on('agent:call', (view) => otherTabCalls.push(view));
    await new Promise((resolve) => otherTab.once('session:ready', resolve));

    const { customer, callId } = await customerWithAgent2();
    expect(otherTabOffers).toContain(callId);
    await until('the other tab showing the call', () => otherTabCalls.find((v) => v.callId === callId && v.phase === 'talking'));
    // A tab opened mid-call gets the call at connect.
    const lateTab = rig.connect(agent2.token);
    const shown = await new Promise<AgentCallView>((resolve) => lateTab.once('agent:call', resolve));
    expect(shown).toMatchObject({ callId, phase: 'talking', direction: 'inbound' });
    lateTab.disconnect();

    expect(await agent2.page.evaluate(holdInPage, true)).toBe('accepted');
    const heldAt = Date.now();
    await lastCall(agent2, callId, 'held');
    // The agent's microphone is still on (the test's softphone does not mute on hold): the server keeps it from the customer.
    await untilHearing('music, not the agent, at the customer', customer, { present: [], absent: [AGENT2_HZ], music: true });
    await neverHears(customer, [AGENT2_HZ], 1500);
    expect((await heard(customer, [])).music).toBeGreaterThan(HEARD_DB);

    expect(await agent2.page.evaluate(holdInPage, false)).toBe('accepted');
    const resumedAt = Date.now();
    await lastCall(agent2, callId, 'talking');
    await untilHearing('the customer hearing agent2 again, no music', customer, { present: [AGENT2_HZ], music: false });
    await untilHearing('agent2 hearing the customer again', agent2.page, { present: [CUSTOMER_HZ] });

    expect(otherTabCalls.filter((v) => v.callId === callId).map((v) => v.phase)).toEqual(expect.arrayContaining(['talking', 'held']));
    otherTab.disconnect();

    await customer.evaluate(hangupCallerInPage);
    const call = await record(callId);
    expect(call.holdCount).toBe(1);
    expect(call.holdSeconds).toBeGreaterThan(0);
    expect(Math.abs(call.holdSeconds! - (resumedAt - heldAt) / 1000), `hold ${call.holdSeconds} s, measured ${resumedAt - heldAt} ms`).toBeLessThan(1);
    const types = await timeline(callId);
    expect(types.filter((t) => t === 'call.held' || t === 'call.resumed')).toEqual(['call.held', 'call.resumed']);
  }, 90_000);

  it('(e) wrap-up: an unknown disposition is refused naming the field, the right one is filed, a second one is a conflict, and the agent is available', async () => {
    const { customer, callId } = await customerWithAgent2();
    await customer.evaluate(hangupCallerInPage);
    await until('agent2 in after-call work', () => agent2.states.at(-1)?.value.state === 'after-call-work', 5000);
    await lastCall(agent2, callId, 'wrap-up');

    const bad = (await agent2.socket.emitWithAck('call:wrapUp', { callId, disposition: 'no-such-code', notes: '', ticketId: null })) as Ack<AgentStateView>;
    expect(bad).toMatchObject({ ok: false, error: { code: 'request/invalid', issues: [{ path: 'disposition' }] } });
    const stranger = await agent1.socket.emitWithAck('call:wrapUp', { callId, disposition: 'resolved', notes: '', ticketId: null });
    expect(stranger).toMatchObject({ ok: false, error: { code: 'call-control/not-your-call' } });

    const filed = await agent2.socket.emitWithAck('call:wrapUp', { callId, disposition: 'resolved', notes: 'Reset the router together', ticketId: 'T-1001' });
    expect(filed).toMatchObject({ ok: true, data: { state: 'available' } });
    const again = await agent2.socket.emitWithAck('call:wrapUp', { callId, disposition: 'sale', notes: '', ticketId: null });
    expect(again).toMatchObject({ ok: false, error: { code: 'call-control/already-wrapped-up' } });
    await lastCall(agent2, callId, 'ended');

    const call = await record(callId, (c) => c.disposition !== null && c.wrapUps.every((w) => w.endedAt !== null));
    expect(call).toMatchObject({ disposition: 'resolved', notes: 'Reset the router together', ticketIds: ['T-1001'] });
    expect(call.wrapUpSeconds).toBeGreaterThan(0);
    const types = await timeline(callId);
    expect(types.slice(types.indexOf('call.ended'))).toEqual(expect.arrayContaining(['wrap-up.started', 'disposition.set', 'ticket.linked', 'wrap-up.ended']));
    expect(types.indexOf('wrap-up.ended')).toBeGreaterThan(types.indexOf('disposition.set'));
  }, 90_000);

  it('(b) blind transfer agent2 → agent1: the colleague is rung with the screen pop while the customer hears music, agent2 leaves into wrap-up, agent1 talks to the customer', async () => {
    const { customer, callId } = await customerWithAgent2();
    const offers = agent1.offers.length;

    const started = await agent2.socket.emitWithAck('call:transfer', { callId, kind: 'blind', target: { kind: 'agent', agentId: agent1.agentId } });
    expect(started).toMatchObject({ ok: true, data: { transferId: expect.any(String) } });
    // agent2 is off the call at once: softphone hung up, after-call work.
    await until('agent2’s softphone hung up', async () => (await agent2.page.evaluate(softphoneStateInPage)).terminated, 5000);
    await until('agent2 in after-call work', () => agent2.states.at(-1)?.value.state === 'after-call-work', 5000);
    await lastCall(agent2, callId, 'wrap-up');
    // agent1's desk pops the call and the softphone rings; the customer hears music meanwhile.
    const offer = await until('the offer to agent1', () => agent1.offers[offers], 10_000);
    expect(offer.value).toMatchObject({ callId, queueName: 'Support', transfer: { kind: 'blind', fromAgentId: agent2.agentId, fromName: 'Bea Agent' } });
    await untilHearing('music at the customer while agent1 rings', customer, { present: [], absent: [AGENT2_HZ], music: true });
    await until('agent1’s softphone rings', async () => (await agent1.page.evaluate(softphoneStateInPage)).ringing, 5000);
    await agent1.page.evaluate(answerInPage);

    await lastCall(agent1, callId, 'talking');
    await untilHearing('the customer hearing agent1 (not agent2, no music)', customer, { present: [AGENT1_HZ], absent: [AGENT2_HZ], music: false });
    await untilHearing('agent1 hearing the customer', agent1.page, { present: [CUSTOMER_HZ] });

    await customer.evaluate(hangupCallerInPage);
    const call = await record(callId);
    expect(call.agents.map((a) => [a.agentId, a.joinedBy, a.leftBy])).toEqual([
      [agent2.agentId, 'answer', 'transfer'],
      [agent1.agentId, 'transfer', 'call-ended'],
    ]);
    expect(call.transfers).toEqual([expect.objectContaining({ kind: 'blind', fromAgentId: agent2.agentId, target: { kind: 'agent', agentId: agent1.agentId }, toAgentId: agent1.agentId, result: 'completed' })]);
    expect(call.recordings.length).toBeGreaterThan(0);
    // agent1 took a call of the Support queue: its wrap-up follows.
    await until('agent1 in after-call work', () => agent1.states.at(-1)?.value.state === 'after-call-work', 5000);
    const moves = (await rig.server.database.prisma.agentStateEvent.findMany({ where: { agentId: agent1.agentId }, orderBy: { id: 'asc' } })).map((m) => `${m.fromState}→${m.toState} (${m.cause})`);
    expect(moves.slice(-2)).toEqual(['available→on-call (direct-call)', 'on-call→after-call-work (call-ended)']);
  }, 90_000);

  it('(c) consult, then complete: the customer on hold hears music while the two agents talk on their own, then talks to agent1; agent2 leaves into wrap-up', async () => {
    const { customer, callId } = await customerWithAgent2();

    const started = await agent2.socket.emitWithAck('call:transfer', { callId, kind: 'consult', target: { kind: 'agent', agentId: agent1.agentId } });
    expect(started.ok).toBe(true);
    const consulting = await lastCall(agent2, callId, 'consulting');
    expect(consulting.value.consult).toMatchObject({ target: { kind: 'agent', agentId: agent1.agentId, name: 'Alex Agent' }, state: 'ringing' });
    await untilHearing('music at the customer during the consult', customer, { present: [], absent: [AGENT2_HZ], music: true });
    await until('agent1’s softphone rings', async () => (await agent1.page.evaluate(softphoneStateInPage)).ringing, 10_000);
    await agent1.page.evaluate(answerInPage);

    // The two agents talk; the customer hears neither of them.
    await untilHearing('agent2 hearing agent1, not the customer', agent2.page, { present: [AGENT1_HZ], absent: [CUSTOMER_HZ] });
    await untilHearing('agent1 hearing agent2, not the customer', agent1.page, { present: [AGENT2_HZ], absent: [CUSTOMER_HZ] });
    await neverHears(customer, [AGENT1_HZ, AGENT2_HZ], 1000);
    expect(agent2.calls.at(-1)!.value.consult?.state).toBe('talking');

    const completed = await agent2.socket.emitWithAck('call:consult', { callId, action: 'complete' });
    expect(completed).toMatchObject({ ok: true, data: { phase: 'wrap-up' } });
    await until('agent2’s softphone hung up', async () => (await agent2.page.evaluate(softphoneStateInPage)).terminated, 5000);
    await untilHearing('the customer hearing agent1, no music', customer, { present: [AGENT1_HZ], absent: [AGENT2_HZ], music: false });
    await untilHearing('agent1 hearing the customer', agent1.page, { present: [CUSTOMER_HZ] });

    await customer.evaluate(hangupCallerInPage);
    const call = await record(callId);
    expect(call.transfers).toEqual([expect.objectContaining({ kind: 'consult', fromAgentId: agent2.agentId, toAgentId: agent1.agentId, result: 'completed' })]);
    expect(call.agents.map((a) => a.agentId)).toEqual([agent2.agentId, agent1.agentId]);
    expect(call).toMatchObject({ holdCount: 1 });
    expect(call.holdSeconds).toBeGreaterThan(0);
    expect(await timeline(callId)).toEqual(expect.arrayContaining(['call.held', 'transfer.initiated', 'transfer.completed']));
  }, 90_000);

  it('(d) conference: all three hear each other; when agent2 hangs up, the customer and agent1 go on; the customer hanging up releases agent1', async () => {
    const { customer, callId } = await customerWithAgent2();
    expect((await agent2.socket.emitWithAck('call:transfer', { callId, kind: 'consult', target: { kind: 'agent', agentId: agent1.agentId } })).ok).toBe(true);
    await until('agent1’s softphone rings', async () => (await agent1.page.evaluate(softphoneStateInPage)).ringing, 10_000);
    await agent1.page.evaluate(answerInPage);
    await untilHearing('agent2 hearing agent1', agent2.page, { present: [AGENT1_HZ] });

    const joined = await agent2.socket.emitWithAck('call:consult', { callId, action: 'conference' });
    expect(joined).toMatchObject({ ok: true, data: { phase: 'talking', conference: [{ kind: 'agent', agentId: agent1.agentId }] } });
    await untilHearing('the customer hearing both agents', customer, { present: [AGENT2_HZ, AGENT1_HZ], music: false });
    await untilHearing('agent2 hearing the customer and agent1', agent2.page, { present: [CUSTOMER_HZ, AGENT1_HZ] });
    await untilHearing('agent1 hearing the customer and agent2', agent1.page, { present: [CUSTOMER_HZ, AGENT2_HZ] });

    await agent2.page.evaluate(hangupInPage);
    await lastCall(agent2, callId, 'wrap-up');
    await untilHearing('the customer hearing agent1 only', customer, { present: [AGENT1_HZ], absent: [AGENT2_HZ] });
    await untilHearing('agent1 hearing the customer', agent1.page, { present: [CUSTOMER_HZ] });
    expect(agent1.calls.at(-1)!.value).toMatchObject({ callId, phase: 'talking', conference: [] });

    await customer.evaluate(hangupCallerInPage);
    await until('agent1’s softphone hung up', async () => (await agent1.page.evaluate(softphoneStateInPage)).terminated, 5000);
    const call = await record(callId);
    expect(call.agents.map((a) => [a.agentId, a.joinedBy, a.leftBy])).toEqual([
      [agent2.agentId, 'answer', 'hung-up'],
      [agent1.agentId, 'conference', 'call-ended'],
    ]);
    expect(call.conferences).toEqual([expect.objectContaining({ byAgentId: agent2.agentId, party: { kind: 'agent', agentId: agent1.agentId } })]);
    expect(call.transfers).toEqual([expect.objectContaining({ kind: 'consult', result: 'failed', failureReason: 'conferenced' })]);
    expect(await timeline(callId)).toEqual(expect.arrayContaining(['conference.joined', 'agent.hung-up', 'call.ended']));
  }, 90_000);

  it('(f) click-to-dial: the agent\'s softphone rings first, the number is dialled through the trunk and bridged, and the call is recorded as outbound', async () => {
    const bob = await rig.server.database.prisma.customer.findFirst({ where: { displayName: 'Bob Smith' } });
    const callee = await runSipp('trunk-answers-until-bye.xml', rig.sipPort, { service: 'dial', sipPort: trunkPort, rtpEcho: true });
    await new Promise((resolve) => setTimeout(resolve, 300)); // sipp binds its port

    const dialled = await agent2.socket.emitWithAck('call:dial', { number: '+15555550123', customerId: bob!.id });
    expect(dialled).toMatchObject({ ok: true, data: { callId: expect.any(String) } });
    const callId = (dialled as { data: { callId: string } }).data.callId;
    await lastCall(agent2, callId, 'dialing');
    await until('agent2 on the call they dial', () => agent2.states.at(-1)?.value.state === 'on-call', 5000);
    // Dialling again while on it: refused.
    expect(await agent2.socket.emitWithAck('call:dial', { number: '+15555550124', customerId: null })).toMatchObject({ ok: false, error: { code: 'call-control/not-now' } });

    await callee.during(until('agent2’s softphone rings', async () => (await agent2.page.evaluate(softphoneStateInPage)).ringing, 5000));
    await callee.during(agent2.page.evaluate(answerInPage));
    await callee.during(lastCall(agent2, callId, 'talking'));
    // sipp echoes what it hears: the agent hears their own tone come back through the trunk.
    await callee.during(untilHearing('agent2 hearing their tone back from the callee', agent2.page, { present: [AGENT2_HZ] }));

    await agent2.page.evaluate(hangupInPage);
    const result = await callee.done;
    expect(result.code, result.output).toBe(0); // the callee got our BYE
    expect(result.output).toMatch(/INVITE sip:\+15555550123@127\.0\.0\.1/);

    const call = await record(callId, (c) => c.status === 'ended' && c.recordings.some((r) => r.path !== null));
    expect(call).toMatchObject({ direction: 'outbound', channel: 'trunk', dialedNumber: '+15555550123', callerNumber: '1000', customerId: bob!.id, endedBy: 'agent', endCause: 'hangup' });
    expect(call.agents.map((a) => a.agentId)).toEqual([agent2.agentId]);
    expect(call.talkSeconds).toBeGreaterThan(0);
    const events = (await rig.api.call<CallTimeline>('GET', `/api/calls/${callId}/events`, { token: supervisorToken })).body.events;
    expect(events[0]).toMatchObject({ type: 'call.started', data: { direction: 'outbound', channel: 'trunk', agentId: agent2.agentId } });
    expect(events.find((e) => e.type === 'crm.matched')).toMatchObject({ data: { customerId: bob!.id, matchedBy: 'agent' } });
    // After the call, after-call work as for an inbound call, filed with this call.
    await until('agent2 in after-call work', () => agent2.states.at(-1)?.value.state === 'after-call-work', 5000);
    await lastCall(agent2, callId, 'wrap-up');
    const moves = (await rig.server.database.prisma.agentStateEvent.findMany({ where: { agentId: agent2.agentId }, orderBy: { id: 'asc' } })).map((m) => `${m.fromState}→${m.toState} (${m.cause})`);
    expect(moves.slice(-2)).toEqual(['available→on-call (dial-out)', 'on-call→after-call-work (call-ended)']);
  }, 90_000);
  it('(g) a supervisor steps in from their own softphone: listen (nobody hears them, the agent is shown nothing), whisper (only the agent hears them), barge (everyone), then leaves; audited', async () => {
    const { server } = rig;
    const api = (method: string, path: string, token: string, body?: unknown) => rig.api.call<Intervention & ApiError>(method, path, { token, body });
    const supervisorSocket = rig.connect(supervisorToken);
    const pushed: Intervention[] = [];
    supervisorSocket.on('supervisor:intervention', (view) => pushed.push(view));
    await new Promise((resolve) => supervisorSocket.once('session:ready', resolve));
    const { customer, callId } = await customerWithAgent2();

    // Refused before anything rings: an agent may not, a bad mode, an unknown call, a supervisor without a registered softphone.
    expect((await api('POST', `/api/calls/${callId}/interventions`, agent1.token, { mode: 'listen' })).status).toBe(403);
    const badMode = await api('POST', `/api/calls/${callId}/interventions`, supervisorToken, { mode: 'shout' });
    expect(badMode).toMatchObject({ status: 400, body: { code: 'request/invalid', issues: [{ path: 'mode' }] } });
    const unknown = await api('POST', '/api/calls/0b6f5d1e-0000-4000-8000-000000000000/interventions', supervisorToken, { mode: 'listen' });
    expect(unknown).toMatchObject({ status: 404, body: { code: 'monitor/unknown-call' } });
    const unregistered = await api('POST', `/api/calls/${callId}/interventions`, supervisorToken, { mode: 'listen' });
    expect(unregistered).toMatchObject({ status: 409, body: { code: 'monitor/phone-unreachable' } });

    const credentials = (await rig.api.call<SipCredentials>('POST', '/api/sip/credentials', { token: supervisorToken })).body;
    const supervisor = await rig.newPage();
    customers.push(supervisor);
    const registered = await supervisor.evaluate(registerSoftphoneInPage, {
      server: `${server.url.replace('http', 'ws')}${credentials.webSocketPath}`,
      sipUri: credentials.sipUri,
      authorizationUsername: credentials.authorizationUsername,
      password: credentials.password,
      toneHz: SUPERVISOR_HZ,
    });
    expect(registered).toBe('Registered');

    const started = await api('POST', `/api/calls/${callId}/interventions`, supervisorToken, { mode: 'listen' });
    expect(started).toMatchObject({ status: 201, body: { callId, agentName: 'Bea Agent', mode: 'listen', state: 'ringing' } });
    const id = started.body.interventionId;
    const busy = await api('POST', `/api/calls/${callId}/interventions`, supervisorToken, { mode: 'barge' });
    expect(busy).toMatchObject({ status: 409, body: { code: 'monitor/busy' } });
    await until('the supervisor’s softphone rings', async () => (await supervisor.evaluate(softphoneStateInPage)).ringing, 5000);
    await supervisor.evaluate(answerInPage);
    await until('connected, pushed to the supervisor', () => pushed.find((p) => p.interventionId === id && p.state === 'connected'), 5000);

    // Listen: the supervisor hears both; neither hears the supervisor; the agent's desk shows nothing.
    await untilHearing('the supervisor hearing both sides', supervisor, { present: [CUSTOMER_HZ, AGENT2_HZ] });
    await neverHears(customer, [SUPERVISOR_HZ], 1000);
    await neverHears(agent2.page, [SUPERVISOR_HZ], 1000);
    expect(agent2.calls.filter((c) => c.value.callId === callId && c.value.supervisors)).toEqual([]);

    // Whisper: the agent hears the supervisor, the customer still does not.
    expect(await api('PATCH', `/api/interventions/${id}`, supervisorToken, { mode: 'whisper' })).toMatchObject({ status: 200, body: { mode: 'whisper', state: 'connected' } });
    await untilHearing('agent2 hearing the supervisor and the customer', agent2.page, { present: [SUPERVISOR_HZ, CUSTOMER_HZ] });
    await neverHears(customer, [SUPERVISOR_HZ], 1000);
    await until('agent2’s desk naming the whisper', () => agent2.calls.find((c) => c.value.supervisors?.[0]?.mode === 'whisper'), 3000);

    // Barge: everyone hears everyone.
    expect((await api('PATCH', `/api/interventions/${id}`, supervisorToken, { mode: 'barge' })).status).toBe(200);
    await untilHearing('the customer hearing the supervisor and agent2', customer, { present: [SUPERVISOR_HZ, AGENT2_HZ] });
    await untilHearing('agent2 hearing the supervisor and the customer', agent2.page, { present: [SUPERVISOR_HZ, CUSTOMER_HZ] });

    // Only the supervisor who stepped in may change or end it.
    const adminToken = (await rig.api.login('admin', 'admin123!')).accessToken;
    expect(await api('DELETE', `/api/interventions/${id}`, adminToken)).toMatchObject({ status: 403, body: { code: 'monitor/not-yours' } });

    const ended = await api('DELETE', `/api/interventions/${id}`, supervisorToken);
    expect(ended).toMatchObject({ status: 200, body: { state: 'ended', endReason: 'ended' } });
    await until('the supervisor’s softphone hung up', async () => (await supervisor.evaluate(softphoneStateInPage)).terminated, 5000);
    await untilHearing('the customer hearing agent2 alone again', customer, { present: [AGENT2_HZ], absent: [SUPERVISOR_HZ] });
    await until('agent2’s desk without the supervisor', () => agent2.calls.at(-1)?.value.supervisors === undefined && agent2.calls.at(-1)?.value.phase === 'talking', 3000);
    expect((await api('PATCH', `/api/interventions/${id}`, supervisorToken, { mode: 'listen' })).body.code).toBe('monitor/unknown-intervention');

    const audit = await server.database.prisma.auditEntry.findMany({ where: { targetId: callId }, orderBy: { at: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['monitor/start', 'monitor/mode', 'monitor/mode', 'monitor/end']);
    const end = audit.at(-1)!.data as { startedAt: string; endedAt: string; agentId: string; modes: { mode: string }[] };
    expect(end).toMatchObject({ agentId: agent2.agentId, reason: 'ended' });
    expect(end.modes.map((m) => m.mode)).toEqual(['listen', 'whisper', 'barge']);
    expect(Date.parse(end.endedAt)).toBeGreaterThan(Date.parse(end.startedAt));
    supervisorSocket.disconnect();
    await customer.evaluate(hangupCallerInPage);
  }, 90_000);
});
