import { type GatewayEvent } from '@ccx/contracts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type PcmFrame } from '../../src/media/frame.js';
import { decodeG711 } from '../../src/media/g711.js';
import { levelDbfs } from '../../src/media/tone-detector.js';
import { readPcapRtp } from './pcap.js';
import { frameLevel, frameKey, lagsBehind, readMonoRecording, readStereoRecording } from './recording.js';
import { freeUdpPort, killAllSipp, runSipp, SIPP_PCAPS } from './sipp.js';
import { startTrunkGateway, type TrunkGateway } from './trunk-gateway.js';

/**
 * Trunk → gateway calls from a real SIP peer: sipp over UDP with plain RTP (PCMA and RFC
 * 4733 telephone-events from its sample captures). The test plays the server's part through
 * the control API; sipp's exit code is the verdict on the SIP side, the gateway's events and
 * its recording the verdict on the media side.
 */
const SPEECH_DBFS = -45;
const SILENCE_DBFS = -60;

const digitsOf = (events: GatewayEvent[], legId: string) =>
  events.flatMap((e) => (e.event === 'digit' && e.legId === legId ? [`${e.digit}/${e.source}`] : []));

describe('answered trunk calls from sipp', () => {
  let gw: TrunkGateway;

  beforeAll(async () => {
    gw = await startTrunkGateway();
    // The server's part, reduced to what these tests need: answer every call at once.
    gw.control.onEvent((event) => {
      if (event.event === 'incoming') void gw.execute({ command: 'answer', legId: event.legId });
    });
  });
  afterEach(() => killAllSipp());
  afterAll(async () => {
    killAllSipp();
    await gw?.stop();
  });

  it('takes RFC 4733 digits from a trunk caller in order and reports its BYE as remote-bye', async () => {
    const sipp = await runSipp('uac-dtmf.xml', gw.sipPort, { service: '1000' });
    const incoming = await sipp.during(gw.waitFor('incoming', (e) => e.from === '5551001'));
    expect(incoming).toMatchObject({ channel: 'trunk', to: '1000', sipUser: null });

    const result = await sipp.done;
    expect(result.code, result.output).toBe(0);
    expect(await gw.waitFor('hangup', (e) => e.legId === incoming.legId)).toMatchObject({ cause: 'remote-bye' });
    expect(digitsOf(gw.events, incoming.legId)).toEqual(['1/rfc4733', '2/rfc4733', '#/rfc4733']);
  });

  it("bridges two trunk callers and records the customer's speech left and the agent's right", async () => {
    // The agent (1001) says nothing of its own but echoes what reaches it: its channel can
    // only carry speech if the bridge delivered the customer's speech to its phone.
    const agentSipp = await runSipp('uac-echo-until-bye.xml', gw.sipPort, { service: '1001', rtpEcho: true });
    const agent = await agentSipp.during(gw.waitFor('incoming', (e) => e.from === '5551003'));
    await agentSipp.during(gw.waitFor('answered', (e) => e.legId === agent.legId));
    // The customer (1000) keeps quiet for 1 s after its ACK, then talks, then presses 1 #.
    const customerSipp = await runSipp('uac-speech-dtmf.xml', gw.sipPort, { service: '1000' });
    const customer = await customerSipp.during(gw.waitFor('incoming', (e) => e.from === '5551002'));
    await customerSipp.during(gw.waitFor('answered', (e) => e.legId === customer.legId));
    await gw.execute({ command: 'bridge', bridgeId: 'trunk-bridge', legIds: [customer.legId, agent.legId] });
    await gw.execute({ command: 'recordStart', bridgeId: 'trunk-bridge', recordingId: 'trunk-recording' });

    // '#' comes after the speech; the recording stops before either side hangs up.
    await customerSipp.during(gw.waitFor('digit', (e) => e.legId === customer.legId && e.digit === '#', 15_000));
    await gw.execute({ command: 'recordStop', recordingId: 'trunk-recording' });
    const done = await gw.waitFor('recordingDone', (e) => e.recordingId === 'trunk-recording');
    expect(gw.events.some((e) => e.event === 'hangup' && (e.legId === customer.legId || e.legId === agent.legId))).toBe(false);

    const customerResult = await customerSipp.done;
    expect(customerResult.code, customerResult.output).toBe(0);
    expect(await gw.waitFor('hangup', (e) => e.legId === customer.legId)).toMatchObject({ cause: 'remote-bye' });
    expect(digitsOf(gw.events, customer.legId)).toEqual(['1/rfc4733', '#/rfc4733']);
    // The gateway's BYE must reach the agent's phone and be one it can answer (sipp exits 0).
    await gw.execute({ command: 'hangup', legId: agent.legId });
    const agentResult = await agentSipp.done;
    expect(agentResult.code, agentResult.output).toBe(0);
    expect(await gw.waitFor('hangup', (e) => e.legId === agent.legId)).toMatchObject({ cause: 'local' });

    const { customer: left, agent: right } = readStereoRecording(done.path);
    expect(done.durationMs).toBe(left.length * 20);
    expect(done.durationMs).toBeGreaterThan(8000);

    // Left: sipp's speech, bit-exact and in order (A-law decodes the same everywhere), loud.
    const sample = sampleFrames(`${SIPP_PCAPS}/g711a.pcap`);
    const speech = left.flatMap((frame, index) => (frameLevel(frame) > SPEECH_DBFS ? [index] : []));
    const positions = positionsIn(sample, speech.map((index) => left[index]!));
    expect(positions.indexOf(null), 'every loud customer frame is a frame of the sample, in the order sent').toBe(-1);
    const speechInSample = sample.filter((frame) => frameLevel(frame) > SPEECH_DBFS).length;
    // Nearly all of it: sipp's sample has 30 ms packets, so one packet sometimes completes two
    // 20 ms frames at once; the engine queues them (it once kept only the last, losing a third).
    expect(speech.length / speechInSample).toBeGreaterThan(0.95);
    expect(levelDbfs(left.slice(speech[0], speech.at(-1)! + 1))).toBeGreaterThan(SPEECH_DBFS);

    // Right: the same speech as it came back from the agent's phone, at most a few ticks
    // later. The bridge is direct (two parties, nothing else): each packet is relayed as it
    // arrives and sipp echoes at once, so the echo is usually back within the same tick (lag
    // 0). That channels never cross is the engine's unit tests' business (distinct tones).
    const lags = lagsBehind(right, left, SPEECH_DBFS);
    expect(lags.length).toBeGreaterThan(0.9 * speech.length);
    const echoed = lags.filter((lag) => lag !== null && lag >= 0 && lag <= 5).length;
    expect(echoed / lags.length, `lags of agent frames behind customer frames: ${JSON.stringify(lags)}`).toBeGreaterThan(0.95);

    // Where nothing was sent, near silence: before the customer talked, and after it stopped.
    // (The customer's channel is digital silence; the agent's carries the echo of the
    // gateway's silence frames, A-law's quietest step.)
    const leadIn = 25; // 500 ms of the ~1 s the customer waits before talking
    const tail = 15; // 300 ms of the ~0.85 s of digits and waiting after the speech
    expect(speech[0]).toBeGreaterThan(leadIn);
    expect(speech.at(-1)).toBeLessThan(left.length - tail);
    for (const frames of [left.slice(0, leadIn), right.slice(0, leadIn), left.slice(-tail), right.slice(-tail)]) {
      expect(levelDbfs(frames)).toBeLessThan(SILENCE_DBFS);
    }
  }, 30_000);

  it("records a trunk caller's voicemail in mono until the caller's stop key, bit-exact and in order", async () => {
    // The caller keeps quiet for 1 s after its ACK, then talks, then presses 1 #: '#' ends the message.
    const earlier = new Set(gw.events.flatMap((e) => (e.event === 'incoming' ? [e.legId] : [])));
    const sipp = await runSipp('uac-speech-dtmf.xml', gw.sipPort, { service: '1000' });
    const caller = await sipp.during(gw.waitFor('incoming', (e) => e.from === '5551002' && !earlier.has(e.legId)));
    await sipp.during(gw.waitFor('answered', (e) => e.legId === caller.legId));
    await gw.execute({ command: 'recordLeg', legId: caller.legId, recordingId: 'voicemail-1', maxDurationMs: 60_000, stopDigits: '#' });
    const done = await sipp.during(gw.waitFor('recordingDone', (e) => e.recordingId === 'voicemail-1', 15_000));
    expect(done.reason).toBe('digit');
    const result = await sipp.done;
    expect(result.code, result.output).toBe(0);

    const message = readMonoRecording(done.path);
    expect(done.durationMs).toBe(message.length * 20);
    const sample = sampleFrames(`${SIPP_PCAPS}/g711a.pcap`);
    const speech = message.flatMap((frame) => (frameLevel(frame) > SPEECH_DBFS ? [frame] : []));
    expect(positionsIn(sample, speech).indexOf(null), 'every loud frame of the message is a frame of the sample, in the order sent').toBe(-1);
    expect(speech.length / sample.filter((frame) => frameLevel(frame) > SPEECH_DBFS).length).toBeGreaterThan(0.95);
    expect(levelDbfs(message.slice(0, 25)), 'the silence before the caller talked').toBeLessThan(SILENCE_DBFS);
  }, 30_000);
});

describe('trunk calls the gateway turns down', () => {
  let gw: TrunkGateway;

  beforeAll(async () => {
    // Nobody answers here; the shortest setup timeout the configuration allows.
    gw = await startTrunkGateway({ CALL_SETUP_TIMEOUT_MS: '1000', SIP_PUBLIC_NUMBERS: '1000,1001,1002' });
  });
  afterEach(() => killAllSipp());
  afterAll(async () => {
    killAllSipp();
    await gw?.stop();
  });

  it('answers 480 to a call nobody answered once its setup timeout has passed', async () => {
    const sipp = await runSipp('uac-expect-480.xml', gw.sipPort, { service: '1001' });
    const incoming = await sipp.during(gw.waitFor('incoming', (e) => e.to === '1001'));
    const result = await sipp.done;
    expect(result.code, result.output).toBe(0);
    const hangup = await gw.waitFor('hangup', (e) => e.legId === incoming.legId);
    expect(hangup.cause).toBe('setup-timeout');
    expect(hangup.at - incoming.at).toBeGreaterThanOrEqual(950); // 1000 ms, give or take Date.now()'s rounding
  });

  it('answers 404 to a call for a number that is not public, without raising a call', async () => {
    const before = gw.events.length;
    const sipp = await runSipp('uac-expect-404.xml', gw.sipPort, { service: '2999' });
    const result = await sipp.done;
    expect(result.code, result.output).toBe(0);
    expect(gw.events.slice(before)).toEqual([]);
  });

  it('ends a ringing call the caller cancels: 200 for the CANCEL, 487 for the INVITE, hangup cancelled', async () => {
    const ringing = gw.control.onEvent((event) => {
      if (event.event === 'incoming' && event.to === '1002') void gw.execute({ command: 'ring', legId: event.legId });
    });
    try {
      const sipp = await runSipp('uac-cancel.xml', gw.sipPort, { service: '1002' });
      const incoming = await sipp.during(gw.waitFor('incoming', (e) => e.to === '1002'));
      const result = await sipp.done;
      expect(result.code, result.output).toBe(0);
      await gw.waitFor('ringing', (e) => e.legId === incoming.legId);
      const hangup = await gw.waitFor('hangup', (e) => e.legId === incoming.legId);
      expect(hangup.cause).toBe('cancelled');
      // Cancelled well inside the setup timeout: the 487 is the CANCEL's doing, not the timer's.
      expect(hangup.at - incoming.at).toBeLessThan(900);
    } finally {
      ringing();
    }
  });
});

describe('calls the gateway places to the trunk', () => {
  let gw: TrunkGateway;
  let trunkPort: number;

  beforeAll(async () => {
    trunkPort = await freeUdpPort();
    gw = await startTrunkGateway({ SIP_TRUNK_URI: `sip:127.0.0.1:${trunkPort}` });
  });
  afterEach(() => killAllSipp());
  afterAll(async () => {
    killAllSipp();
    await gw?.stop();
  });

  it('calls a number through SIP_TRUNK_URI: ringing, answered, the callee’s digit arrives, our BYE reaches it', async () => {
    const callee = await runSipp('uas-answer-dtmf.xml', gw.sipPort, { sipPort: trunkPort });
    await new Promise((resolve) => setTimeout(resolve, 300)); // sipp binds its port
    await gw.execute({ command: 'originate', legId: 'out-1', to: { kind: 'trunk', number: '5550100' }, callerId: '1000', timeoutMs: 10_000 });
    await callee.during(gw.waitFor('ringing', (e) => e.legId === 'out-1'));
    await callee.during(gw.waitFor('answered', (e) => e.legId === 'out-1'));
    // The digit travels as RTP to the address in our offer: the media path is up both ways.
    await callee.during(gw.waitFor('digit', (e) => e.legId === 'out-1' && e.digit === '4'));
    await gw.execute({ command: 'hangup', legId: 'out-1' });
    const result = await callee.done;
    expect(result.code, result.output).toBe(0);
    expect(result.output).toMatch(/INVITE sip:5550100@127\.0\.0\.1:\d+ SIP\/2\.0/);
    expect(await gw.waitFor('hangup', (e) => e.legId === 'out-1')).toMatchObject({ cause: 'local' });
  });
});

/** sipp's A-law speech sample as the 20 ms frames the gateway cuts it into. */
function sampleFrames(path: string): PcmFrame[] {
  const packets = readPcapRtp(path).filter((p) => p.payloadType === 8);
  const samples = decodeG711('PCMA', Buffer.concat(packets.map((p) => p.payload)));
  const frames: PcmFrame[] = [];
  for (let offset = 0; offset + 160 <= samples.length; offset += 160) frames.push(samples.subarray(offset, offset + 160));
  return frames;
}

/**
 * Where each frame occurs in `sample`, each after the previous one (a sample may repeat a
 * frame, so the earliest occurrence after the last match is taken); null once one is missing.
 */
function positionsIn(sample: readonly PcmFrame[], frames: readonly PcmFrame[]): (number | null)[] {
  const occurrences = new Map<string, number[]>();
  sample.forEach((frame, index) => {
    const key = frameKey(frame);
    occurrences.set(key, [...(occurrences.get(key) ?? []), index]);
  });
  const positions: (number | null)[] = [];
  let previous = -1;
  let lost = false;
  for (const frame of frames) {
    const next = lost ? undefined : occurrences.get(frameKey(frame))?.find((index) => index > previous);
    if (next === undefined) lost = true;
    else previous = next;
    positions.push(next ?? null);
  }
  return positions;
}
