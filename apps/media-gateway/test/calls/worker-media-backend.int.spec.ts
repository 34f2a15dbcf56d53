/**
 * WorkerMediaBackend with two real worker threads against 50 werift peers in this process:
 * a burst of 50 WebRTC setups started at once (through the bounded setup queue, as the
 * gateway runs it) all connect, both workers carry legs, audio crosses both ways through
 * the workers (each of six peers hears its own tone echoed by the gateway side), legs relay
 * to each other directly (a direct bridge) in one worker and across the two, and a
 * worker that exits unasked has its legs reported failed while the other worker's keep
 * working. (It is made to exit by its own shutdown message, not `terminate()`: terminating a
 * worker whose sockets are receiving can abort the whole process in Node 20, see
 * media-worker.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MediaEndpoint } from '../../src/calls/media-backend.js';
import { queuedMediaBackend, SetupQueue } from '../../src/calls/setup-queue.js';
import { WorkerMediaBackend } from '../../src/calls/worker-media-backend.js';
import { type PcmFrame } from '../../src/media/frame.js';
import { ToneGenerator } from '../../src/media/tone.js';
import { dominantFrequency } from '../../src/media/tone-detector.js';
import { WebRtcLeg } from '../../src/legs/webrtc-leg.js';
import { FrameCollector, waitUntil } from '../webrtc/audio-support.js';

const CALLS = 50;
const TONES = [400, 700, 1000, 1300, 1600, 1900] as const;

interface Call {
  /** The far end: a werift peer in this process, as a browser would be. */
  peer: WebRtcLeg;
  heard: FrameCollector;
  /** The gateway's side, in a worker. */
  endpoint: MediaEndpoint;
  failures: string[];
  /** The gateway side sends back what it hears (else it only counts it). */
  echo: boolean;
  /** Frames that reached the gateway side's events (not only relayed). */
  delivered: number;
}

const workers = new WorkerMediaBackend({ workers: 2, legs: { rtpPortRange: { min: 42000, max: 42999 }, rtpBindAddress: '127.0.0.1' } });
const queue = new SetupQueue({ concurrency: 10, queueLimit: 200 });
const backend = queuedMediaBackend(workers, queue);
const calls: Call[] = [];
const stopTones: (() => void)[] = [];

/** One call set up the way a browser's INVITE is: the peer offers, the gateway answers. */
async function call(group?: string): Promise<Call> {
  const heard = new FrameCollector();
  const peer = new WebRtcLeg({}, { onFrame: heard.push });
  const failures: string[] = [];
  try {
    const offer = await peer.createOffer();
    // The gateway side loops what it hears back, standing in for the media engine.
    let made: Call | null = null;
    const result = await backend.answer(offer, 'webrtc', {
      frame: (frame) => {
        if (!made) return;
        made.delivered++;
        if (made.echo) made.endpoint.sendFrame(frame);
      },
      dtmf: () => undefined,
      failed: (cause) => failures.push(cause),
    }, group === undefined ? undefined : { group });
    made = { peer, heard, endpoint: result.endpoint, failures, echo: true, delivered: 0 };
    await peer.acceptAnswer(result.answer);
    return made;
  } catch (error) {
    peer.close();
    throw error;
  }
}

/** Sends a tone from a peer every 20 ms; returns what it hears from then on. */
function playTone(c: Call, frequency: number): number {
  const tone = new ToneGenerator([frequency], -10);
  const timer = setInterval(() => c.peer.sendFrame(tone.next()), 20);
  stopTones.push(() => clearInterval(timer));
  return c.heard.mark();
}

const heardFrequency = (frames: readonly PcmFrame[]) => dominantFrequency(frames, TONES, { minRatio: 0.5, minLevelDbfs: -40 });

beforeAll(async () => {
  // Under vitest a worker boots from TypeScript sources (transpiled on load): seconds, not the burst's business.
  const booting = performance.now();
  await workers.warmUp();
  expect(workers.legsPerWorker()).toEqual([0, 0]);
  console.log(`2 media workers up in ${(performance.now() - booting).toFixed(0)} ms`);
  const started = performance.now();
  const settled = await Promise.allSettled(Array.from({ length: CALLS }, () => call()));
  const failed = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected');
  for (const s of settled) if (s.status === 'fulfilled') calls.push(s.value);
  if (failed.length > 0) throw new Error(`${failed.length} of ${CALLS} setups failed; first: ${String(failed[0]!.reason)}`);
  const allConnected = () => calls.every((c) => c.peer.state === 'connected');
  await waitUntil(allConnected, 20_000, `all ${CALLS} peers connected`).catch((error: Error) => {
    const stuck = calls.filter((c) => c.peer.state !== 'connected');
    throw new Error(`${error.message}: ${stuck.length} not connected (${stuck.map((c) => `${c.peer.state}/${c.failures.join('+') || 'no failure'}`).join(', ')})`);
  });
  console.log(`${CALLS} setups started at once, all connected after ${(performance.now() - started).toFixed(0)} ms; legs per worker ${workers.legsPerWorker().join('/')}`);
}, 45_000);

afterAll(async () => {
  for (const stop of stopTones) stop();
  for (const c of calls) {
    c.endpoint.close();
    c.peer.close();
  }
  await workers.close();
});

describe(WorkerMediaBackend.name, () => {
  it('connects a burst of 50 setups with no failures, spread over both workers', async () => {
    expect(calls).toHaveLength(CALLS);
    expect(calls.flatMap((c) => c.failures)).toEqual([]);
    expect(calls.every((c) => c.peer.state === 'connected')).toBe(true);
    const perWorker = workers.legsPerWorker();
    expect(perWorker).toHaveLength(2);
    expect(perWorker[0]! + perWorker[1]!).toBe(CALLS);
    // Fewest legs first: a burst alternates between the workers.
    expect(Math.abs(perWorker[0]! - perWorker[1]!)).toBeLessThanOrEqual(1);
    // Each slot was held until its leg connected (the gateway side may see that a moment after the peer).
    await waitUntil(() => queue.inFlight === 0 && queue.queued === 0, 5000, 'every setup slot given back');
  });

  it('carries audio both ways through both workers: six peers each hear their own tone back', async () => {
    const onWorker = (index: number) => calls.filter((c) => workers.workerOf(c.endpoint) === index).slice(0, TONES.length / 2);
    const toned = [...onWorker(0), ...onWorker(1)];
    expect(toned).toHaveLength(TONES.length);
    const marks = toned.map((c, i) => playTone(c, TONES[i]!));
    // Skip the first 300 ms (the echo path fills), then judge 400 ms of what came back.
    const heard = await Promise.all(toned.map(async (c, i) => heardFrequency(await c.heard.waitFor(20, marks[i]! + 15, 8000))));
    expect(heard).toEqual([...TONES]);
    expect(toned.flatMap((c) => c.failures)).toEqual([]);
  });

  it('relays a direct bridge inside one worker and across the two, tapped or not, until told to stop', async () => {
    const idle = calls.filter((c) => c.heard.frames.length === 0);
    const onWorker = (index: number) => idle.filter((c) => workers.workerOf(c.endpoint) === index);
    // a and b share worker 0; c (worker 1) and d (worker 0) do not.
    const [a, b, d] = onWorker(0) as [Call, Call, Call];
    const [c] = onWorker(1) as [Call];
    const pairs = [a, b, c, d];
    for (const x of pairs) x.echo = false;
    expect(a.endpoint.relayTo!(a.endpoint, false)).toBe(false);
    expect(a.endpoint.relayTo!({ id: 'a leg elsewhere' } as MediaEndpoint, false)).toBe(false);
    expect([a.endpoint.relayTo!(b.endpoint, false), b.endpoint.relayTo!(a.endpoint, false)]).toEqual([true, true]);
    expect([c.endpoint.relayTo!(d.endpoint, true), d.endpoint.relayTo!(c.endpoint, false)]).toEqual([true, true]);
    await workers.mediaStats(true);

    const marks = pairs.map((x, i) => playTone(x, TONES[i]!));
    const heard = await Promise.all(pairs.map(async (x, i) => heardFrequency(await x.heard.waitFor(20, marks[i]! + 15, 8000))));
    expect(heard).toEqual([TONES[1], TONES[0], TONES[3], TONES[2]]);
    // Only c is tapped: its frames reach its events as well as d's peer.
    expect(pairs.map((x) => x.delivered > 0)).toEqual([false, false, true, false]);
    // The workers measured what they relayed.
    expect((await workers.mediaStats()).send.frames).toBeGreaterThan(0);

    for (const x of pairs) {
      expect(x.endpoint.relayTo!(null, false)).toBe(true);
      x.echo = true;
    }
    const after = pairs.map((x) => x.heard.mark());
    const echoed = await Promise.all(pairs.map(async (x, i) => heardFrequency(await x.heard.waitFor(20, after[i]! + 15, 8000))));
    expect(echoed).toEqual(TONES.slice(0, 4));
    expect(pairs.flatMap((x) => x.failures)).toEqual([]);
  });

  it('places the legs of one placement group in the worker of its first leg, whatever the other worker carries', async () => {
    const before = workers.legsPerWorker();
    const first = await call('bridge-to-be');
    const firstWorker = workers.workerOf(first.endpoint)!;
    // The other worker now has fewer legs, and would take an ungrouped leg.
    const second = await call('bridge-to-be');
    const third = await call('bridge-to-be');
    const ungrouped = await call();
    calls.push(ungrouped);
    expect([workers.workerOf(second.endpoint), workers.workerOf(third.endpoint)]).toEqual([firstWorker, firstWorker]);
    expect(workers.workerOf(ungrouped.endpoint)).toBe(1 - firstWorker);
    expect(workers.legsPerWorker().reduce((a, b) => a + b, 0)).toBe(before.reduce((a, b) => a + b, 0) + 4);
    // Once the group's legs are gone, the group has no place: a new leg of it goes by count.
    for (const c of [first, second, third]) {
      c.endpoint.close();
      c.peer.close();
    }
    const counts = workers.legsPerWorker();
    const again = await call('bridge-to-be');
    calls.push(again);
    expect(workers.workerOf(again.endpoint)).toBe(counts[0]! <= counts[1]! ? 0 : 1);
  });

  it('reports every leg of a worker that exited failed, replaces the worker, and keeps the other worker’s calls', async () => {
    const victims = calls.filter((c) => workers.workerOf(c.endpoint) === 0);
    const survivors = calls.filter((c) => workers.workerOf(c.endpoint) === 1);
    expect(victims.length).toBeGreaterThan(0);
    const killed = workers.threads[0]!;
    const exited = new Promise((resolve) => killed.once('exit', resolve));
    killed.postMessage({ type: 'shutdown' });
    await exited;

    await waitUntil(() => victims.every((c) => c.failures.length > 0), 5000, 'the killed worker’s legs reported failed');
    expect(new Set(victims.flatMap((c) => c.failures))).toEqual(new Set(['failure']));
    expect(victims.every((c) => c.failures.length === 1)).toBe(true);
    expect(survivors.flatMap((c) => c.failures)).toEqual([]);
    expect(workers.threads[0]).not.toBe(killed);
    expect(workers.legsPerWorker()).toEqual([0, survivors.length]);

    // A survivor still hears its tone echoed by worker 1 (most play one since the previous test).
    const survivor = survivors.find((c) => c.heard.frames.length > 0) ?? survivors[0]!;
    if (survivor.heard.frames.length === 0) playTone(survivor, TONES[0]);
    const from = survivor.heard.mark();
    expect(heardFrequency(await survivor.heard.waitFor(20, from + 10, 5000))).not.toBeNull();

    // The replacement takes the next call: it has the fewest legs.
    const next = await call();
    calls.push(next);
    expect(workers.workerOf(next.endpoint)).toBe(0);
    await waitUntil(() => next.peer.state === 'connected', 10_000, 'a call on the new worker connected');
  });
});
