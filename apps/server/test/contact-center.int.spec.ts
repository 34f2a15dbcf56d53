import { readFileSync } from 'node:fs';
import { type CallList, type CallRecord, type CallTimeline, type WallboardSnapshot } from '@ccx/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AcdService } from '../src/acd/acd.service.js';
import { type Rig, type Seen, startRig, until } from './support/contact-center-rig.js';
import { dtmfPcap } from './support/dtmf-pcap.js';
import { freeUdpPort, killAllSipp, runSipp, SIPP_PCAPS } from './support/sipp.js';
import { answerInPage, hangupInPage, levelsInPage, softphoneStateInPage } from './support/softphone-page.js';

/**
 * The demo journeys of SPEC.md on real calls, with real peers on both sides: sipp is the
 * customer on the phone network (SIP over UDP, PCMA, RFC 4733 keys), agents work in
 * Chromium (SIP.js softphones registered over WebSocket, the live channel over Socket.IO).
 */
const SALES_TONE_HZ = 700;
const SUPPORT_TONE_HZ = 1000;
const BOB = '+14155550102';
const CARMEN = '+14155550103';

/** Key presses for a scenario's `play_pcap_audio="key-N.pcap"`, each its own press. */
const keyFiles = (digits: string) => Object.fromEntries([...digits].map((digit, i) => [`key-${i + 1}.pcap`, dtmfPcap({ digit, index: i + 1 })]));

/** The agent hears its own tone come back from the customer's phone (sipp echoes): audio crossed both ways. */
async function hearsOwnToneBack(rig: { page: import('playwright-core').Page }, ownHz: number, otherHz: number): Promise<boolean> {
  const [own, other] = await rig.page.evaluate(levelsInPage, [ownHz, otherHz]);
  return own! > -70 && own! - other! > 20;
}

async function latestCall(rig: Rig, token: string, ready: (call: CallRecord) => boolean): Promise<CallRecord> {
  return until(
    'the call record',
    async () => {
      const list = (await rig.api.call<CallList>('GET', '/api/calls', { token })).body;
      return list.calls.find(ready) ?? null;
    },
    5000,
  );
}

describe('a customer keys through the IVR to the Support agent (sipp caller, Chromium agents)', () => {
  let rig: Rig;

  beforeAll(async () => {
    rig = await startRig();
  });
  afterAll(async () => {
    killAllSipp();
    await rig?.close();
  });

  it('rings the Support agent with the screen pop, carries audio both ways, and logs wait and talk as measured', async () => {
    const sales = await rig.bringOnline('agent1', SALES_TONE_HZ); // sales + english: free first, but not for Support
    const support = await rig.bringOnline('agent2', SUPPORT_TONE_HZ); // support + english

    const supervisor = await rig.api.login('supervisor', 'super123!');
    const board = rig.connect(supervisor.accessToken);
    const updates: Seen<WallboardSnapshot>[] = [];
    board.on('wallboard:update', (snapshot) => updates.push({ at: Date.now(), value: snapshot }));
    const snapshot = await new Promise<WallboardSnapshot>((resolve) => board.once('wallboard:snapshot', resolve));
    expect(snapshot.queues.map((q) => q.name).sort()).toEqual(['Sales', 'Support']);
    expect(snapshot.agents.find((a) => a.agentId === support.agentId)).toMatchObject({ state: 'available', reachable: true, activity: 'available' });

    // 1000, then 2 five times: skip the greeting, English, Support, Mobile (Support queue), one spare.
    const caller = await runSipp('caller-keys-to-support.xml', rig.sipPort, { service: '1000', rtpEcho: true, files: keyFiles('22222') });

    // Offered to the agent with the Support skill, with the customer's record and IVR path.
    const offered = await caller.during(until('the offer', () => support.offers[0], 25_000));
    const offer = offered.value;
    expect(offer).toMatchObject({
      queueName: 'Support',
      callback: false,
      caller: { number: BOB, dialed: '1000', channel: 'trunk', vip: false, language: 'en' },
      customer: { displayName: 'Bob Smith', accountNumber: '10003', phoneNumber: BOB },
      customerMatchedBy: 'caller-number',
    });
    expect(offer.ivr.path.filter((step) => step.input !== null).map((step) => `${step.nodeId}:${step.input}`)).toEqual([
      'choose-language:2',
      'main-menu:2',
      'support-menu:2',
    ]);
    expect(offer.ivr.inputs).toMatchObject({ language: 'en', caller: BOB, 'customer.name': 'Bob Smith' });
    expect(sales.offers).toEqual([]);
    await caller.during(until('the softphone rings', async () => (await support.page.evaluate(softphoneStateInPage)).ringing, 5000));
    // The agent was free, so the ACD offered the call the moment it queued: the ringing state
    // (pushed at once, where the screen pop waits for the CRM) marks the start of the wait.
    const ringing = await until('the agent state ringing', () => support.states.find((s) => s.value.state === 'reserved' && s.value.offerId === offer.offerId));
    expect(offered.at - ringing.at).toBeLessThan(1000);

    // The agent lets it ring a moment, then answers.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await caller.during(support.page.evaluate(answerInPage));
    const onCall = await caller.during(until('on call', () => support.states.find((s) => s.value.state === 'on-call'), 5000));
    const measuredWaitMs = onCall.at - ringing.at;

    // The wallboard shows it within a second.
    const shown = await until('the wallboard update', () => updates.find((u) => u.value.agents.find((a) => a.agentId === support.agentId)?.state === 'on-call'), 3000);
    expect(shown.at - onCall.at).toBeLessThan(1500);

    await caller.during(until('the agent hearing its tone back from the caller', () => hearsOwnToneBack(support, SUPPORT_TONE_HZ, SALES_TONE_HZ), 8000));

    // The caller hangs up; the agent goes to after-call work.
    const result = await caller.done;
    expect(result.code, result.output).toBe(0);
    const wrapUp = await until('after-call work', () => support.states.find((s) => s.value.state === 'after-call-work'), 5000);
    const measuredTalkMs = wrapUp.at - onCall.at;
    expect(wrapUp.value.wrapUpUntil).not.toBeNull();
    await until('the softphone hung up', async () => (await support.page.evaluate(softphoneStateInPage)).terminated, 5000);

    // The call log: one record with the wait and talk the agent's side saw.
    const token = supervisor.accessToken;
    const record = await latestCall(rig, token, (call) => call.status === 'ended' && call.wrapUps.length > 0);
    expect(record).toMatchObject({
      direction: 'inbound',
      channel: 'trunk',
      callerNumber: BOB,
      dialedNumber: '1000',
      entryPoint: 'main-ivr',
      customerId: offer.customer!.id,
      queueId: offer.queueId,
      waitOutcome: 'answered',
      endedBy: 'customer',
      endCause: 'hangup',
    });
    expect(record.agents.map((a) => a.agentId)).toEqual([support.agentId]);
    expect(record.offers.map((o) => [o.agentId, o.result])).toEqual([[support.agentId, 'answered']]);
    expect(Math.abs(record.waitSeconds! - measuredWaitMs / 1000), `wait ${record.waitSeconds} s, measured ${measuredWaitMs} ms`).toBeLessThan(0.5);
    expect(Math.abs(record.talkSeconds! - measuredTalkMs / 1000), `talk ${record.talkSeconds} s, measured ${measuredTalkMs} ms`).toBeLessThan(0.5);
    expect(record.talkSeconds).toBeGreaterThan(3);
    expect(record.recordings).toHaveLength(1);
    const recording = await fetch(`${rig.server.url}/api/calls/${record.id}/recordings/${record.recordings[0]!.recordingId}`, { headers: { authorization: `Bearer ${token}` } });
    expect(recording.status).toBe(200);
    const stereo = readWav(Buffer.from(await recording.arrayBuffer()));
    expect(stereo.channels, 'customer left, agent right').toBe(2);
    expect(stereo.samples.length / 2 / 8000).toBeCloseTo(record.recordings[0]!.durationSeconds!, 1);
    expect(record.ivrInputs.map((i) => `${i.nodeId}:${i.value}`)).toEqual(['choose-language:2', 'main-menu:2', 'support-menu:2']);

    const timeline = (await rig.api.call<CallTimeline>('GET', `/api/calls/${record.id}/events`, { token })).body.events.map((e) => e.type);
    for (const type of ['call.started', 'crm.matched', 'ivr.node-entered', 'digit.pressed', 'ivr.input-collected', 'queue.entered', 'offer.made', 'call.answered', 'call.ended', 'wrap-up.started']) {
      expect(timeline, type).toContain(type);
    }
    expect(timeline.indexOf('call.answered')).toBeGreaterThan(timeline.indexOf('queue.entered'));
    expect(timeline.indexOf('wrap-up.started')).toBeGreaterThan(timeline.indexOf('call.ended'));

    // Every agent state change is in the agent state log.
    const moves = async () =>
      (await rig.server.database.prisma.agentStateEvent.findMany({ where: { agentId: support.agentId }, orderBy: { id: 'asc' } })).map((m) => `${m.fromState}→${m.toState} (${m.cause})`);
    await expect.poll(moves, { timeout: 3000 }).toEqual([
      'offline→available (login)',
      'available→reserved (offer)',
      'reserved→on-call (offer-accepted)',
      'on-call→after-call-work (call-ended)',
    ]);
  }, 60_000);

  it('puts a caller through five menu levels to the router specialist by a transfer node: the agent is taken through the ACD, rung, and talks', async () => {
    const specialist = await rig.bringOnline('agent3', SALES_TONE_HZ); // extension 2003, the node's target
    const supervisor = await rig.api.login('supervisor', 'super123!');
    const token = supervisor.accessToken;

    const caller = await runSipp('caller-keys-to-specialist.xml', rig.sipPort, { service: '1000', rtpEcho: true, files: keyFiles('2221132') });
    await caller.during(until('the specialist’s softphone rings', async () => (await specialist.page.evaluate(softphoneStateInPage)).ringing, 20_000));
    // Taken through the ACD: on this call, offered nothing else (no queue offer pops the screen).
    const taken = await until('the specialist on the call', () => specialist.states.find((s) => s.value.state === 'on-call'), 3000);
    expect(specialist.offers).toEqual([]);
    await caller.during(specialist.page.evaluate(answerInPage));
    await caller.during(until('the specialist hearing their tone back from the caller', () => hearsOwnToneBack(specialist, SALES_TONE_HZ, SUPPORT_TONE_HZ), 8000));

    const result = await caller.done;
    expect(result.code, result.output).toBe(0);
    const record = await latestCall(rig, token, (call) => call.status === 'ended' && call.transfers.length > 0 && call.recordings.some((r) => r.path !== null));
    expect(record).toMatchObject({ callerNumber: BOB, endedBy: 'customer', endCause: 'hangup', queueId: null });
    expect(record.transfers).toEqual([expect.objectContaining({ kind: 'blind', fromAgentId: null, target: { kind: 'agent', agentId: specialist.agentId }, toAgentId: specialist.agentId, result: 'completed' })]);
    expect(record.agents).toEqual([expect.objectContaining({ agentId: specialist.agentId, joinedBy: 'transfer' })]);
    expect(record.talkSeconds).toBeGreaterThan(3);
    expect(record.ivrPath.map((step) => step.nodeId)).toEqual(expect.arrayContaining(['support-menu', 'internet-menu', 'fibre-menu', 'router-menu', 'router-specialist']));

    // Free again once the caller hung up; every move is in the agent state log.
    await until('the specialist available again', () => specialist.states.filter((s) => s.at > taken.at).find((s) => s.value.state === 'available'), 5000);
    const moves = (await rig.server.database.prisma.agentStateEvent.findMany({ where: { agentId: specialist.agentId }, orderBy: { id: 'asc' } })).map((m) => `${m.fromState}→${m.toState} (${m.cause})`);
    expect(moves).toEqual(['offline→available (login)', 'available→on-call (direct-call)', 'on-call→available (call-ended)']);
  }, 60_000);
});

describe('a caller who chooses Mandarin is offered to a Mandarin-speaking agent only (sipp caller, Chromium agents)', () => {
  let rig: Rig;

  beforeAll(async () => {
    rig = await startRig();
  });
  afterAll(async () => {
    killAllSipp();
    await rig?.close();
  });

  it("routes by the caller's language on top of the queue's skill, past an agent who has waited longer", async () => {
    const english = await rig.bringOnline('agent2', SUPPORT_TONE_HZ); // support + english: free longest
    await new Promise((resolve) => setTimeout(resolve, 300));
    const mandarin = await rig.bringOnline('agent3', SALES_TONE_HZ); // support + mandarin
    // 1000, then: skip the greeting, 1 Mandarin, 2 Support, 2 Mobile (the Support queue), one spare.
    const caller = await runSipp('caller-keys-to-support.xml', rig.sipPort, { service: '1000', files: keyFiles('21222') });
    const offered = await caller.during(until('the offer', () => mandarin.offers[0], 25_000));
    expect(offered.value).toMatchObject({ queueName: 'Support', caller: { number: BOB, language: 'zh' } });
    expect(english.offers).toEqual([]);
    await caller.done;
    const supervisor = await rig.api.login('supervisor', 'super123!');
    const record = await latestCall(rig, supervisor.accessToken, (call) => call.status === 'ended' && call.offers.length > 0);
    expect(record.offers.map((o) => o.agentId)).toEqual([mandarin.agentId]);
    const events = (await rig.api.call<CallTimeline>('GET', `/api/calls/${record.id}/events`, { token: supervisor.accessToken })).body.events;
    expect(events.find((e) => e.type === 'queue.entered')?.data).toMatchObject({ skills: [{ skill: 'support', minLevel: 1 }, { skill: 'mandarin', minLevel: 1 }] });
  }, 60_000);
});

describe('a caller nobody can take asks for a callback, placed when an agent frees up', () => {
  let rig: Rig;
  let trunkPort: number;

  beforeAll(async () => {
    trunkPort = await freeUdpPort();
    rig = await startRig({ SIP_TRUNK_URI: `sip:127.0.0.1:${trunkPort}` });
    // Announce a second after queueing rather than after the demo's 20 s.
    await rig.server.database.prisma.queue.update({ where: { name: 'Support' }, data: { announceFirstAfterSeconds: 1, announceEverySeconds: 30 } });
    await rig.server.app.get(AcdService).reloadQueues();
  });
  afterAll(async () => {
    killAllSipp();
    await rig?.close();
  });

  it('announces the position, books the callback on 1, rings the agent who becomes available, and dials the customer', async () => {
    const support = await rig.bringOnline('agent2', SUPPORT_TONE_HZ, { state: 'not-ready', reasonId: 'break' });
    const supervisor = await rig.api.login('supervisor', 'super123!');
    const token = supervisor.accessToken;

    // 1001 (straight to Support), nobody free: the announcement offers a callback; 1 books it.
    const caller = await runSipp('caller-chooses-callback.xml', rig.sipPort, { service: '1001', files: keyFiles('1') });
    const result = await caller.done;
    expect(result.code, result.output).toBe(0); // the server said goodbye and hung up
    const original = await latestCall(rig, token, (call) => call.status === 'ended' && call.callerNumber === CARMEN);
    expect(original).toMatchObject({ dialedNumber: '1001', entryPoint: 'support-line', waitOutcome: 'exited', endedBy: 'system', endCause: 'callback' });
    expect(original.announcements).toHaveLength(1);
    expect(original.announcements[0]).toMatchObject({ position: 1 });
    const events = (await rig.api.call<CallTimeline>('GET', `/api/calls/${original.id}/events`, { token })).body.events.map((e) => e.type);
    expect(events.filter((type) => ['queue.entered', 'queue.announcement', 'digit.pressed', 'callback.requested', 'queue.exited', 'call.ended'].includes(type))).toEqual([
      'queue.entered',
      'queue.announcement',
      'digit.pressed',
      'callback.requested',
      'queue.exited',
      'call.ended',
    ]);

    // The customer's phone on the trunk answers the callback and echoes what it hears.
    const customer = await runSipp('trunk-answers-until-bye.xml', rig.sipPort, { service: 'callback', sipPort: trunkPort, rtpEcho: true });
    await new Promise((resolve) => setTimeout(resolve, 300)); // sipp binds its port

    // The agent frees up: the callback rings them first, with the customer's record.
    expect(await support.socket.emitWithAck('agent:setState', { state: 'available' })).toMatchObject({ ok: true });
    const offered = await customer.during(until('the callback offer', () => support.offers[0], 10_000));
    expect(offered.value).toMatchObject({ callId: original.id, callback: true, caller: { number: CARMEN }, customer: { displayName: 'Carmen Díaz' } });
    await customer.during(until('the softphone rings', async () => (await support.page.evaluate(softphoneStateInPage)).ringing, 5000));
    await customer.during(support.page.evaluate(answerInPage));

    // Answering dials the customer; once they answer, agent and customer hear each other.
    await customer.during(until('the agent hearing its tone back from the customer', () => hearsOwnToneBack(support, SUPPORT_TONE_HZ, SALES_TONE_HZ), 10_000));
    await support.page.evaluate(hangupInPage);
    const answered = await customer.done;
    expect(answered.code, answered.output).toBe(0); // the customer got our BYE when the agent hung up
    expect(answered.output).toMatch(new RegExp(`INVITE sip:\\${CARMEN}@127\\.0\\.0\\.1:${trunkPort} SIP/2\\.0`));

    const callback = await latestCall(rig, token, (call) => call.direction === 'outbound' && call.status === 'ended' && call.wrapUps.length > 0);
    expect(callback).toMatchObject({ channel: 'trunk', dialedNumber: CARMEN, callerNumber: '1000', endedBy: 'agent', endCause: 'hangup' });
    expect(callback.agents.map((a) => a.agentId)).toEqual([support.agentId]);
    expect(callback.talkSeconds).toBeGreaterThan(0);
    const placed = (await rig.api.call<CallTimeline>('GET', `/api/calls/${original.id}/events`, { token })).body.events.find((e) => e.type === 'callback.placed');
    expect(placed?.data).toEqual({ callbackCallId: callback.id });
    const started = (await rig.api.call<CallTimeline>('GET', `/api/calls/${callback.id}/events`, { token })).body.events[0];
    expect(started).toMatchObject({ type: 'call.started', data: { direction: 'outbound', callbackOfCallId: original.id, agentId: support.agentId } });
  }, 60_000);
});

describe('after hours, a caller leaves a voicemail (sipp caller)', () => {
  let rig: Rig;

  beforeAll(async () => {
    rig = await startRig({ IVR_HOURS_OVERRIDE: 'closed' });
  });
  afterAll(async () => {
    killAllSipp();
    await rig?.close();
  });

  it('records the message from the beep until the caller hangs up, files it with the call and the customer, and serves it to supervisors only', async () => {
    // 1000, then 2 (cut the greeting short), 2 (English), 1 (after hours: leave a message).
    const speech = readFileSync(`${SIPP_PCAPS}/g711a.pcap`);
    const caller = await runSipp('caller-leaves-voicemail.xml', rig.sipPort, { service: '1000', files: { ...keyFiles('221'), 'speech.pcap': speech } });
    const result = await caller.done;
    expect(result.code, result.output).toBe(0);

    const supervisor = await rig.api.login('supervisor', 'super123!');
    const token = supervisor.accessToken;
    const record = await latestCall(rig, token, (call) => call.status === 'ended' && call.voicemail !== null);
    expect(record).toMatchObject({ callerNumber: BOB, dialedNumber: '1000', endedBy: 'customer', queueId: null });
    expect(record.customerId).not.toBeNull(); // Bob is in the CRM: the message is his
    expect(record.ivrPath.map((step) => step.nodeId)).toEqual(expect.arrayContaining(['after-hours', 'voicemail']));
    // From the beep to the hang-up: about 1.5 s of waiting, 7 s of speech, 1.5 s after it.
    const voicemail = record.voicemail!;
    expect(voicemail.durationSeconds).toBeGreaterThan(7);
    expect(voicemail.durationSeconds).toBeLessThan(13);
    const events = (await rig.api.call<CallTimeline>('GET', `/api/calls/${record.id}/events`, { token })).body.events;
    expect(events.filter((e) => e.type === 'voicemail.left').map((e) => e.data)).toEqual([{ recordingId: voicemail.recordingId, path: voicemail.path, durationSeconds: voicemail.durationSeconds, queueId: null }]);

    // The file: mono, 8 kHz, as long as the record says, carrying the caller's speech.
    const path = `/api/calls/${record.id}/recordings/${voicemail.recordingId}`;
    const download = await fetch(`${rig.server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('audio/wav');
    const wav = readWav(Buffer.from(await download.arrayBuffer()));
    expect(wav).toMatchObject({ channels: 1, sampleRate: 8000 });
    expect(wav.samples.length / 8000).toBeCloseTo(voicemail.durationSeconds, 1);
    const frames = Array.from({ length: Math.floor(wav.samples.length / 160) }, (_, i) => wav.samples.subarray(i * 160, (i + 1) * 160));
    const loud = frames.filter((frame) => rmsDbfs(frame) > -45).length;
    expect(loud * 0.02, 'seconds of speech in the message').toBeGreaterThan(4);
    expect(rmsDbfs(frames.slice(0, 25).flatMap((f) => [...f])), 'the caller waits after the beep').toBeLessThan(-60);

    // Supervisors and admins only; a recording the call does not have is a 404.
    const agent = await rig.api.login('agent1', 'agent123!');
    expect((await rig.api.call('GET', path, { token: agent.accessToken })).status).toBe(403);
    expect((await rig.api.call('GET', `/api/calls/${record.id}/recordings/not-a-recording`, { token })).status).toBe(404);
    expect((await rig.api.call('GET', `/api/calls/${record.id}/recordings/..%2F..%2Fsecret`, { token })).status).toBe(400);
  }, 60_000);
});

/** The format and samples of a 16-bit PCM WAV (the gateway writes nothing else). */
function readWav(file: Buffer): { channels: number; sampleRate: number; samples: Int16Array } {
  expect(file.toString('latin1', 0, 4)).toBe('RIFF');
  let offset = 12;
  let format: { channels: number; sampleRate: number } | null = null;
  while (offset + 8 <= file.length) {
    const id = file.toString('latin1', offset, offset + 4);
    const size = file.readUInt32LE(offset + 4);
    if (id === 'fmt ') format = { channels: file.readUInt16LE(offset + 10), sampleRate: file.readUInt32LE(offset + 12) };
    if (id === 'data' && format) {
      const data = file.subarray(offset + 8, offset + 8 + size);
      return { ...format, samples: new Int16Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength)) };
    }
    offset += 8 + size + (size % 2);
  }
  throw new Error('no fmt and data chunks in the WAV');
}

function rmsDbfs(samples: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < samples.length; i++) sum += samples[i]! * samples[i]!;
  return 20 * Math.log10(Math.sqrt(sum / Math.max(1, samples.length)) / 32768);
}
