/**
 * Key presses the gateway sends: RFC 4733 telephone-events paced by the 20 ms tick, over a
 * plain RTP leg and over a WebRTC leg (DTLS-SRTP). The receiving leg is a second leg of the
 * same kind, whose RFC 4733 receiver is proven against sipp's and Chromium's presses
 * elsewhere; here what matters is that the sender's packets are real telephone-events under
 * the negotiated payload type (werift would stamp the audio codec's on them if let).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type Leg, type LegDtmfEvent } from '../../src/legs/leg.js';
import { RtpLeg } from '../../src/legs/rtp-leg.js';
import { WebRtcLeg } from '../../src/legs/webrtc-leg.js';
import { ToneGenerator } from '../../src/media/tone.js';
import { dominant, FrameCollector, sleep, waitUntil } from './audio-support.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

/** Ticks `leg` like the media engine: a 600 Hz frame every 20 ms until stopped. */
function tick(leg: Leg): () => void {
  const tone = new ToneGenerator([600], -10);
  const timer = setInterval(() => leg.sendFrame(tone.next()), 20);
  cleanups.push(() => clearInterval(timer));
  return () => clearInterval(timer);
}

async function expectPresses(sender: Leg, receiver: { digits: LegDtmfEvent[]; frames: FrameCollector }): Promise<void> {
  tick(sender);
  await receiver.frames.waitFor(10); // audio first: the path is up
  expect(sender.sendDigits('4#9', 100)).toBe(true);
  await waitUntil(() => receiver.digits.length >= 3, 5000, 'three presses received');
  await sleep(200);
  expect(receiver.digits.map((d) => d.digit)).toEqual(['4', '#', '9']);
  for (const press of receiver.digits) expect(press.durationMs).toBe(100);
  // The audio goes on after the presses, at the same pitch.
  const after = receiver.frames.frames.length;
  await receiver.frames.waitFor(after + 10);
  expect(dominant(receiver.frames.frames.slice(after))).toMatchObject({ frequency: 600 });
}

describe('sending key presses', () => {
  it('over plain RTP as RFC 4733 events under the negotiated payload type', async () => {
    const portRange = { min: 41300, max: 41400 };
    const receiver = { digits: [] as LegDtmfEvent[], frames: new FrameCollector() };
    const a = await RtpLeg.open({ portRange }, {});
    const b = await RtpLeg.open({ portRange }, { onFrame: receiver.frames.push, onDtmf: (d) => receiver.digits.push(d) });
    cleanups.push(() => a.close(), () => b.close());
    a.acceptAnswer(b.answer(a.createOffer()));
    await expectPresses(a, receiver);
  });

  it('over WebRTC (DTLS-SRTP) as RFC 4733 events, not as audio packets', async () => {
    const receiver = { digits: [] as LegDtmfEvent[], frames: new FrameCollector() };
    const a = new WebRtcLeg({});
    const b = new WebRtcLeg({}, { onFrame: receiver.frames.push, onDtmf: (d) => receiver.digits.push(d) });
    cleanups.push(() => a.close(), () => b.close());
    await a.acceptAnswer(await b.answer(await a.createOffer()));
    await waitUntil(() => a.state === 'connected' && b.state === 'connected', 10_000, 'both legs connected');
    await expectPresses(a, receiver);
  });

  it('refuses presses to a far end that did not negotiate telephone-event', async () => {
    const portRange = { min: 41400, max: 41500 };
    const leg = await RtpLeg.open({ portRange }, {});
    cleanups.push(() => leg.close());
    leg.answer(['v=0', 'o=trunk 1 1 IN IP4 127.0.0.1', 's=call', 'c=IN IP4 127.0.0.1', 't=0 0', 'm=audio 41998 RTP/AVP 0', 'a=sendrecv', ''].join('\r\n'));
    expect(leg.sendDigits('1')).toBe(false);
  });
});
