/**
 * RtpLeg over real UDP sockets on 127.0.0.1: two legs negotiating PCMA and carrying distinct
 * tones both ways; symmetric RTP latching and RFC 4733 digits from a hand-rolled trunk; the
 * inactivity timeout; and every socket and timer given back on close.
 */
import { createSocket, type Socket } from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { SAMPLES_PER_FRAME } from '../../src/media/frame.js';
import { decodeG711, encodeG711 } from '../../src/media/g711.js';
import { parseRtpPacket, type RtpPacket, serializeRtpPacket } from '../../src/media/rtp-packet.js';
import { telephoneEventPackets } from '../../src/media/telephone-event.js';
import { ToneGenerator } from '../../src/media/tone.js';
import { type LegClosedEvent, type LegDtmfEvent } from '../../src/legs/leg.js';
import { RtpLeg, type RtpLegOptions } from '../../src/legs/rtp-leg.js';
import { dominant, FrameCollector, handleCounts, sendTone, sleep, waitUntil } from './audio-support.js';

const portRange = { min: 41000, max: 41200 };
const cleanups: (() => void)[] = [];

afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

async function openLeg(options: Partial<RtpLegOptions> = {}) {
  const frames = new FrameCollector();
  const digits: LegDtmfEvent[] = [];
  const closed: LegClosedEvent[] = [];
  const leg = await RtpLeg.open({ portRange, ...options }, { onFrame: frames.push, onDtmf: (d) => digits.push(d), onClosed: (c) => closed.push(c) });
  cleanups.push(() => leg.close());
  return { leg, frames, digits, closed };
}

/** A bare UDP socket playing a trunk's RTP stack by hand. */
async function rawSocket(): Promise<Socket & { port: number; received: RtpPacket[] }> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const received: RtpPacket[] = [];
  socket.on('message', (message) => received.push(parseRtpPacket(message)));
  cleanups.push(() => socket.close());
  return Object.assign(socket, { port: socket.address().port, received });
}

const trunkOffer = (port: number) =>
  ['v=0', 'o=trunk 1 1 IN IP4 127.0.0.1', 's=call', 'c=IN IP4 127.0.0.1', 't=0 0', `m=audio ${port} RTP/AVP 8 0 96`, 'a=rtpmap:96 telephone-event/8000', 'a=sendrecv', ''].join('\r\n');

describe(RtpLeg.name, () => {
  it('carries a 440 Hz tone one way and a 1000 Hz tone the other between two legs, in PCMA', async () => {
    const baseline = handleCounts();
    const a = await openLeg({ codecs: ['PCMA'] });
    const b = await openLeg();
    expect(a.leg.localPort % 2).toBe(0);
    expect(a.leg.localPort).toBeGreaterThanOrEqual(portRange.min);
    expect(a.leg.localPort).toBeLessThanOrEqual(portRange.max);

    const offer = a.leg.createOffer();
    expect(offer).toMatch(/m=audio \d+ RTP\/AVP 8 101\r\n/);
    const answer = b.leg.answer(offer);
    expect(answer).toMatch(new RegExp(`m=audio ${b.leg.localPort} RTP/AVP 8 101\\r\\n`));
    a.leg.acceptAnswer(answer);

    const stops = [sendTone(a.leg, 440), sendTone(b.leg, 1000)];
    cleanups.push(...stops);
    const atB = await b.frames.waitFor(50);
    const atA = await a.frames.waitFor(50);
    expect(dominant(atB)).toMatchObject({ frequency: 440 });
    expect(dominant(atA)).toMatchObject({ frequency: 1000 });
    expect(a.leg.state).toBe('connected');
    expect(b.leg.state).toBe('connected');
    for (const stop of stops) stop();
    expect(b.leg.stats()).toMatchObject({ packetsLost: 0 });
    expect(b.leg.stats().packetsReceived).toBeGreaterThanOrEqual(50);
    expect(b.leg.stats().jitterMs).toBeLessThan(20);

    a.leg.close();
    b.leg.close();
    expect(a.closed).toEqual([{ reason: 'hangup' }]);
    await waitUntil(() => handleCounts().udp <= baseline.udp && handleCounts().timers <= baseline.timers, 1000, 'sockets and timers released');
  });

  it('learns the trunk address from its first packet (symmetric RTP), ignores strangers, and decodes RFC 4733', async () => {
    const { leg, frames, digits } = await openLeg();
    const advertised = await rawSocket(); // what the SDP says; the trunk's NAT sends from elsewhere
    const actual = await rawSocket();
    const stranger = await rawSocket();
    const answer = leg.answer(trunkOffer(advertised.port));
    expect(answer).toMatch(/m=audio \d+ RTP\/AVP 8 96\r\n/); // the offerer's first codec and DTMF number

    const tone = new ToneGenerator([440], -10);
    const send = (socket: Socket, seq: number, payloadType = 8, payload = encodeG711('PCMA', tone.next()), timestamp = seq * 160, marker = false) =>
      socket.send(serializeRtpPacket({ marker, payloadType, sequenceNumber: seq, timestamp, ssrc: 1234, csrcs: [], extension: null, payload, paddingLength: 0 }), leg.localPort, '127.0.0.1');
    for (let seq = 0; seq < 30; seq++) {
      send(actual, seq);
      await sleep(2);
    }
    await frames.waitFor(30);
    expect(leg.state).toBe('connected');
    expect(dominant(frames.frames)).toMatchObject({ frequency: 440 });

    // The stranger's 1000 Hz must not reach the call.
    const intruder = new ToneGenerator([1000], -10);
    for (let seq = 0; seq < 20; seq++) send(stranger, seq, 8, encodeG711('PCMA', intruder.next()));
    await sleep(50);
    expect(frames.frames).toHaveLength(30);

    for (let i = 0; i < 10; i++) leg.sendFrame(new ToneGenerator([1000], -10).next());
    await waitUntil(() => actual.received.length === 10, 1000, 'our RTP at the latched address');
    expect(advertised.received).toHaveLength(0);
    expect(actual.received.every((p) => p.payloadType === 8 && p.payload.length === SAMPLES_PER_FRAME)).toBe(true);
    expect(dominant(actual.received.map((p) => decodeG711('PCMA', p.payload)))).toMatchObject({ frequency: 1000 });

    let seq = 30;
    for (const packet of telephoneEventPackets('7', { timestamp: 30 * 160, durationMs: 120 })) {
      send(actual, seq++, 96, packet.payload, packet.timestamp, packet.marker);
    }
    await waitUntil(() => digits.length === 1, 1000, 'the digit');
    expect(digits).toEqual([{ digit: '7', durationMs: 120 }]);
  });

  it('closes with media-timeout when the far end goes quiet, and setup-timeout when it never starts', async () => {
    const a = await openLeg({ mediaTimeoutMs: 400 });
    const b = await openLeg();
    a.leg.acceptAnswer(b.leg.answer(a.leg.createOffer()));
    const stop = sendTone(b.leg, 1000);
    cleanups.push(stop);
    await a.frames.waitFor(10);
    stop();
    await waitUntil(() => a.leg.state === 'closed', 2000, 'media timeout');
    expect(a.closed).toEqual([{ reason: 'media-timeout' }]);

    const c = await openLeg({ setupTimeoutMs: 300 });
    c.leg.createOffer(); // no answer ever comes
    await waitUntil(() => c.leg.state === 'closed', 2000, 'setup timeout');
    expect(c.closed).toEqual([{ reason: 'setup-timeout' }]);
  });

  it('reports hold from a sendonly re-offer and stops sending until resumed', async () => {
    const { leg } = await openLeg();
    const trunk = await rawSocket();
    leg.answer(trunkOffer(trunk.port));
    const hold = await leg.handleReoffer(trunkOffer(trunk.port).replace('a=sendrecv', 'a=sendonly'));
    expect(hold).toMatch(/a=recvonly/);
    expect(leg.held).toBe(true);
    leg.sendFrame(new Int16Array(SAMPLES_PER_FRAME));
    const resume = await leg.handleReoffer(trunkOffer(trunk.port));
    expect(resume).toMatch(/a=sendrecv/);
    expect(leg.held).toBe(false);
    leg.sendFrame(new Int16Array(SAMPLES_PER_FRAME));
    await waitUntil(() => trunk.received.length === 1, 1000, 'one packet after resume');
    await sleep(50);
    expect(trunk.received).toHaveLength(1);
  });

  it('rejects malformed SDP with a typed error and closes the leg', async () => {
    const { leg, closed } = await openLeg();
    expect(() => leg.answer('v=0\r\nm=audio nope RTP/AVP 0\r\n')).toThrow(expect.objectContaining({ code: 'sdp/malformed' }));
    expect(closed).toEqual([{ reason: 'negotiation-failed' }]);
  });
});
