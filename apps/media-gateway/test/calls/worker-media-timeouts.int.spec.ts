/**
 * A leg's own timeouts fire inside a media worker and reach the call layer as `failed`:
 * a far end that never connects (setup-timeout), and one that connects and then goes
 * silent (media-timeout). The call layer's part (BYE or error response, a hangup event with
 * the cause) is in call-manager.spec.ts. Also how a backend stops its workers: each one
 * closes its legs and exits by itself, even while a call carries audio.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type MediaEndpoint, type MediaEndpointEvents } from '../../src/calls/media-backend.js';
import { WorkerMediaBackend } from '../../src/calls/worker-media-backend.js';
import { ToneGenerator } from '../../src/media/tone.js';
import { WebRtcLeg } from '../../src/legs/webrtc-leg.js';
import { FrameCollector, waitUntil } from '../webrtc/audio-support.js';

const rtp = { rtpPortRange: { min: 43000, max: 43999 }, rtpBindAddress: '127.0.0.1' };
const backends: WorkerMediaBackend[] = [];
const cleanups: (() => void)[] = [];

afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

afterAll(async () => {
  await Promise.all(backends.map((b) => b.close()));
});

async function backendWith(timeouts: { setupTimeoutMs: number; mediaTimeoutMs: number }): Promise<WorkerMediaBackend> {
  const backend = new WorkerMediaBackend({ workers: 1, legs: { ...rtp, ...timeouts } });
  backends.push(backend);
  await backend.warmUp();
  return backend;
}

function recorder(): { events: MediaEndpointEvents; heard: FrameCollector; failures: { cause: string; at: number }[] } {
  const heard = new FrameCollector();
  const failures: { cause: string; at: number }[] = [];
  return { heard, failures, events: { frame: heard.push, dtmf: () => undefined, failed: (cause) => failures.push({ cause, at: performance.now() }) } };
}

function peer(): WebRtcLeg {
  const leg = new WebRtcLeg({ setupTimeoutMs: 20_000 });
  cleanups.push(() => leg.close());
  return leg;
}

function keep(endpoint: MediaEndpoint): MediaEndpoint {
  cleanups.push(() => endpoint.close());
  return endpoint;
}

describe('leg timeouts in a media worker', () => {
  it('reports failed(setup-timeout) for a leg whose far end never connects', async () => {
    const backend = await backendWith({ setupTimeoutMs: 800, mediaTimeoutMs: 30_000 });
    const far = peer();
    const { events, failures } = recorder();
    const answered = performance.now();
    keep((await backend.answer(await far.createOffer(), 'webrtc', events)).endpoint); // the answer never reaches the peer
    expect(backend.legsPerWorker()).toEqual([1]);

    await waitUntil(() => failures.length > 0, 5000, 'the leg reported failed');
    expect(failures.map((f) => f.cause)).toEqual(['setup-timeout']);
    expect(failures[0]!.at - answered).toBeGreaterThan(600);
    expect(backend.legsPerWorker()).toEqual([0]); // the worker let go of the dead leg
  });

  it('reports failed(media-timeout) for a connected leg whose far end stops sending', async () => {
    const backend = await backendWith({ setupTimeoutMs: 15_000, mediaTimeoutMs: 1000 });
    const far = peer();
    const { events, heard, failures } = recorder();
    const { endpoint, answer } = await backend.answer(await far.createOffer(), 'webrtc', events);
    keep(endpoint);
    await far.acceptAnswer(answer);
    await waitUntil(() => far.state === 'connected', 10_000, 'the far end connected');

    const tone = new ToneGenerator([1000], -10);
    const talking = setInterval(() => far.sendFrame(tone.next()), 20);
    cleanups.push(() => clearInterval(talking));
    await heard.waitFor(10, 0, 5000); // audio reached the main thread through the worker
    clearInterval(talking);
    const silentFrom = performance.now();

    await waitUntil(() => failures.length > 0, 5000, 'the leg reported failed');
    expect(failures.map((f) => f.cause)).toEqual(['media-timeout']);
    expect(failures[0]!.at - silentFrom).toBeGreaterThan(800);
    expect(backend.legsPerWorker()).toEqual([0]);
  });

  it('stops its workers on close: each closes its legs and exits by itself, even while a call carries audio', async () => {
    const backend = await backendWith({ setupTimeoutMs: 15_000, mediaTimeoutMs: 30_000 });
    const far = peer();
    const { events, heard } = recorder();
    const { endpoint, answer } = await backend.answer(await far.createOffer(), 'webrtc', events);
    await far.acceptAnswer(answer);
    await waitUntil(() => far.state === 'connected', 10_000, 'the far end connected');
    const tone = new ToneGenerator([1000], -10);
    const talking = setInterval(() => far.sendFrame(tone.next()), 20);
    cleanups.push(() => clearInterval(talking));
    // The gateway side talks back, so its socket sends and receives when the stop comes.
    let sending = true;
    cleanups.push(() => (sending = false));
    const echo = setInterval(() => sending && endpoint.sendFrame(tone.next()), 20);
    cleanups.push(() => clearInterval(echo));
    await heard.waitFor(10, 0, 5000);

    const [thread] = backend.threads;
    const exitCode = new Promise<number>((resolve) => thread!.once('exit', resolve));
    const stopping = performance.now();
    await backend.close();
    // Exit code 0 is the worker's own exit; terminate() (the fallback after 1 s) gives 1.
    expect(await exitCode).toBe(0);
    expect(performance.now() - stopping).toBeLessThan(1000);
  });
});
