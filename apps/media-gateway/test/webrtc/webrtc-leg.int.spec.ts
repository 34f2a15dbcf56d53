/**
 * WebRtcLeg against real Chromium: audio crossing both ways checked as audio (a 440 Hz fake
 * microphone found in the decoded frames, a 1000 Hz tone from Node found by an AnalyserNode),
 * RFC 4733 digits from insertDTMF, hold/resume and ICE restart re-offers, and the setup and
 * media-inactivity timeouts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type LegClosedEvent, type LegDtmfEvent } from '../../src/legs/leg.js';
import { WebRtcLeg, type WebRtcLegOptions } from '../../src/legs/webrtc-leg.js';
import { dominant, FrameCollector, handleCounts, sendTone, sleep, waitUntil, writeSineWav } from './audio-support.js';
import { BrowserPeer, launchChromium } from './browser-peer.js';

let browser: Browser;
let dir: string;
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'webrtc-leg-'));
  const wav = join(dir, 'mic-440.wav');
  writeSineWav(wav, 440, 5);
  browser = await launchChromium(wav);
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Call {
  leg: WebRtcLeg;
  peer: BrowserPeer;
  frames: FrameCollector;
  digits: LegDtmfEvent[];
  closed: LegClosedEvent[];
  answer: string;
  setupMs: number;
}

/** Browser offers, the leg answers (the browser → gateway INVITE), and both sides connect. */
async function browserCallsGateway(options: WebRtcLegOptions = {}, mungeOffer = (sdp: string) => sdp): Promise<Call> {
  const peer = await BrowserPeer.open(browser);
  const frames = new FrameCollector();
  const digits: LegDtmfEvent[] = [];
  const closed: LegClosedEvent[] = [];
  const leg = new WebRtcLeg(options, { onFrame: frames.push, onDtmf: (d) => digits.push(d), onClosed: (c) => closed.push(c) });
  cleanups.push(() => leg.close(), () => peer.close());
  const offer = await peer.createOffer();
  const started = performance.now();
  const answer = await leg.answer(mungeOffer(offer));
  await peer.acceptAnswer(answer);
  await waitUntil(() => leg.state === 'connected', 10_000, 'leg connected');
  const setupMs = performance.now() - started;
  console.log(`browser → gateway setup (answer to connected): ${setupMs.toFixed(0)} ms`);
  return { leg, peer, frames, digits, closed, answer, setupMs };
}

describe(WebRtcLeg.name, () => {
  it('answers a Chromium offer with PCMU + telephone-event/8000 only, and hears its 440 Hz microphone', async () => {
    const { leg, frames, answer, setupMs } = await browserCallsGateway();
    expect(setupMs).toBeLessThan(10_000);
    const payloadTypes = /m=audio \d+ UDP\/TLS\/RTP\/SAVPF ([\d ]+)/.exec(answer)?.[1]?.split(' ');
    expect(payloadTypes?.[0]).toBe('0');
    expect(payloadTypes).toHaveLength(2);
    expect(answer).toMatch(new RegExp(`a=rtpmap:${payloadTypes?.[1]} telephone-event/8000`));
    expect(answer).toMatch(/a=candidate:.* 127\.0\.0\.1 /); // non-trickle: candidates inside

    // Skip the first half second: the fake microphone and the jitter buffers settle.
    const heard = await frames.waitFor(50, (await frames.waitFor(25)).length);
    expect(dominant(heard)).toMatchObject({ frequency: 440 });
    expect(dominant(heard).level).toBeGreaterThan(-30);
    const stats = leg.stats();
    expect(stats.packetsReceived).toBeGreaterThanOrEqual(75);
    expect(stats.packetsLost).toBe(0);
    expect(stats.jitterMs).not.toBeNull();
  });

  it('sends a 1000 Hz tone that the browser hears, even when the offer says c=0.0.0.0', async () => {
    // SIP.js hands over offers whose c= line is Chromium's 0.0.0.0 placeholder: with ICE that is no hold.
    const { leg, peer } = await browserCallsGateway({}, (sdp) => sdp.replace(/c=IN IP4 \S+/g, 'c=IN IP4 0.0.0.0'));
    expect(leg.held).toBe(false);
    const stop = sendTone(leg, 1000);
    cleanups.push(stop);
    await sleep(700);
    const peak = await peer.spectrumPeak(800);
    expect(Math.abs(peak.hz - 1000)).toBeLessThan(20);
    expect(peak.db).toBeGreaterThan(-50);
    expect(leg.stats().packetsSent).toBeGreaterThan(50);
  });

  it('sends RTCP sender reports the browser reads: its packet count and a wall-clock time of now', async () => {
    const { leg, peer } = await browserCallsGateway();
    const stop = sendTone(leg, 1000);
    cleanups.push(stop);
    // werift reports every 0.5 to 1.5 s; two reports make the figures the browser's own.
    let report = await peer.remoteSenderReport();
    for (const deadline = Date.now() + 6000; (report?.reportsSent ?? 0) < 2 && Date.now() < deadline; await sleep(100)) {
      report = await peer.remoteSenderReport();
    }
    if (!report) throw new Error('no sender report reached the browser in 6 s');
    const sent = leg.stats().packetsSent;
    // A report counts the packets sent until it went out: fewer than now, at most 1.5 s fewer.
    expect(report.packetsSent).toBeGreaterThan(0);
    expect(report.packetsSent).toBeLessThanOrEqual(sent);
    expect(sent - report.packetsSent).toBeLessThanOrEqual(80);
    expect(report.bytesSent).toBe(report.packetsSent * 160);
    // Its NTP time is the last packet's, sent at most a tick before the report left, so close to
    // when the browser got it (werift's own took the decimal digits as the fraction: up to 1 s off).
    expect(Math.abs(report.timestamp - report.remoteTimestamp)).toBeLessThan(100);
  });

  it('sends RTCP receiver reports on what the browser sends: its remote-inbound-rtp has no loss and a round-trip time', async () => {
    const { peer, frames } = await browserCallsGateway();
    // Two reports with the browser's sender report in them (LSR, DLSR) make a round trip.
    let report = await peer.remoteReceiverReport();
    for (const deadline = Date.now() + 8000; (report?.roundTripTimeMeasurements ?? 0) < 2 && Date.now() < deadline; await sleep(100)) {
      report = await peer.remoteReceiverReport();
    }
    if (!report) throw new Error('no receiver report reached the browser in 8 s');
    expect(report.roundTripTimeMeasurements).toBeGreaterThanOrEqual(2);
    expect(report.roundTripTime).toBeGreaterThan(0);
    expect(report.roundTripTime).toBeLessThan(0.5); // same machine
    expect(report.packetsLost).toBe(0);
    expect(report.fractionLost).toBe(0);
    expect(report.jitter).toBeLessThan(0.05);
    // The leg heard the browser all along (its RTP taken from the transport, not werift's track).
    expect(frames.frames.length).toBeGreaterThan(50);
  });

  it("turns insertDTMF('1#') into dtmf events 1 then #", async () => {
    const { leg, peer, digits } = await browserCallsGateway();
    expect(leg.state).toBe('connected');
    await peer.insertDTMF('1#');
    await waitUntil(() => digits.length >= 2, 3000, 'two digits');
    expect(digits.map((d) => d.digit)).toEqual(['1', '#']);
    for (const d of digits) expect(d.durationMs).toBeGreaterThanOrEqual(60);
  });

  it('reports hold from a sendonly re-offer, stops sending to the held party, and resumes both ways', async () => {
    const { leg, peer, frames } = await browserCallsGateway();
    const stop = sendTone(leg, 1000);
    cleanups.push(stop);
    await sleep(500);
    expect(Math.abs((await peer.spectrumPeak(400)).hz - 1000)).toBeLessThan(20);

    const holdAnswer = await leg.handleReoffer(await peer.reoffer('sendonly'));
    expect(holdAnswer).toMatch(/a=recvonly/);
    await peer.acceptAnswer(holdAnswer);
    expect(leg.held).toBe(true);
    const sentAtHold = leg.stats().packetsSent;
    await sleep(600);
    expect(leg.stats().packetsSent).toBe(sentAtHold); // the held party gets nothing from us…
    const onHold = frames.mark();
    expect(dominant(await frames.waitFor(20, onHold))).toMatchObject({ frequency: 440 }); // …but still talks
    expect((await peer.spectrumPeak(400)).db).toBeLessThan(-70);

    const resumeAnswer = await leg.handleReoffer(await peer.reoffer('sendrecv'));
    expect(resumeAnswer).toMatch(/a=sendrecv/);
    await peer.acceptAnswer(resumeAnswer);
    expect(leg.held).toBe(false);
    await sleep(500);
    const peak = await peer.spectrumPeak(600);
    expect(Math.abs(peak.hz - 1000)).toBeLessThan(20);
    expect(peak.db).toBeGreaterThan(-50);
    expect(leg.state).toBe('connected');
  });

  it('survives an ICE restart re-offer with audio still crossing', async () => {
    const { leg, peer, frames, answer: first } = await browserCallsGateway();
    const reoffer = await peer.reoffer('sendrecv', true);
    const answer = await leg.handleReoffer(reoffer);
    const ufrag = (sdp: string) => /a=ice-ufrag:(\S+)/.exec(sdp)?.[1];
    expect(ufrag(answer)).toBeDefined();
    expect(ufrag(answer)).not.toBe(ufrag(first)); // werift really restarted, not just re-answered
    await peer.acceptAnswer(answer);
    await sleep(1000);
    expect(await peer.state()).toBe('connected');
    const after = frames.mark();
    expect(dominant(await frames.waitFor(25, after))).toMatchObject({ frequency: 440 });
    expect(leg.state).toBe('connected');
  });

  it('closes with media-timeout when the browser stops sending', async () => {
    const { leg, peer, frames, closed } = await browserCallsGateway({ mediaTimeoutMs: 1500 });
    await frames.waitFor(10);
    const before = performance.now();
    await peer.closePeerConnection();
    await waitUntil(() => leg.state === 'closed', 5000, 'leg closed');
    const took = performance.now() - before;
    console.log(`media-timeout closed the leg ${took.toFixed(0)} ms after the browser stopped`);
    expect(closed).toEqual([{ reason: 'media-timeout' }]);
    expect(took).toBeGreaterThan(1400);
  });

  it('closes with setup-timeout when the browser never completes the call', async () => {
    const peer = await BrowserPeer.open(browser);
    cleanups.push(() => peer.close());
    const closed: LegClosedEvent[] = [];
    const leg = new WebRtcLeg({ setupTimeoutMs: 800 }, { onClosed: (c) => closed.push(c) });
    await leg.answer(await peer.createOffer()); // the answer never reaches the browser
    await waitUntil(() => leg.state === 'closed', 3000, 'leg closed');
    expect(closed).toEqual([{ reason: 'setup-timeout' }]);
  });

  it('calls the browser (createOffer/acceptAnswer) with audio both ways, and leaves no socket or timer behind', async () => {
    const baseline = handleCounts();
    const peer = await BrowserPeer.open(browser);
    cleanups.push(() => peer.close());
    const frames = new FrameCollector();
    const leg = new WebRtcLeg({}, { onFrame: frames.push });
    const started = performance.now();
    const offer = await leg.createOffer();
    expect(offer).toMatch(/m=audio \d+ UDP\/TLS\/RTP\/SAVPF 0 101\r?\n/);
    await leg.acceptAnswer(await peer.answer(offer));
    await waitUntil(() => leg.state === 'connected', 10_000, 'leg connected');
    console.log(`gateway → browser setup (offer to connected): ${(performance.now() - started).toFixed(0)} ms`);
    const stop = sendTone(leg, 1000);
    expect(dominant(await frames.waitFor(40, (await frames.waitFor(25)).length))).toMatchObject({ frequency: 440 });
    const peak = await peer.spectrumPeak(600);
    stop();
    expect(Math.abs(peak.hz - 1000)).toBeLessThan(20);

    leg.close();
    // werift closes its ICE sockets asynchronously, within a few hundred ms.
    const released = () => handleCounts().udp <= baseline.udp && handleCounts().timers <= baseline.timers;
    await waitUntil(released, 3000, `UDP sockets and timers back to ${JSON.stringify(baseline)}`);
    expect(leg.closeReason).toBe('hangup');
  });
});
