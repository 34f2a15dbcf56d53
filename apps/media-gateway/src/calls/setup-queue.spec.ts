import { describe, expect, it } from 'vitest';
import { type MediaBackend, MediaBackendError, type MediaEndpoint, type MediaEndpointEvents } from './media-backend.js';
import { queuedMediaBackend, SetupQueue } from './setup-queue.js';

/** A setup the test finishes by hand. */
function deferred<T = string>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe(SetupQueue.name, () => {
  it('runs at most `concurrency` setups at once and starts the waiting ones in arrival order', async () => {
    const sut = new SetupQueue({ concurrency: 2, queueLimit: 10 });
    const setups = Array.from({ length: 5 }, () => deferred());
    const started: number[] = [];
    const results = setups.map((d, i) =>
      sut.run(() => {
        started.push(i);
        return d.promise;
      }),
    );
    await settle();
    expect(started).toEqual([0, 1]);
    expect([sut.inFlight, sut.queued]).toEqual([2, 3]);

    setups[1]!.resolve('one');
    await settle();
    expect(started).toEqual([0, 1, 2]);
    setups[0]!.resolve('zero');
    setups[2]!.resolve('two');
    await settle();
    expect(started).toEqual([0, 1, 2, 3, 4]);
    setups[3]!.resolve('three');
    setups[4]!.resolve('four');
    expect(await Promise.all(results)).toEqual(['zero', 'one', 'two', 'three', 'four']);
    expect([sut.inFlight, sut.queued]).toEqual([0, 0]);
  });

  it('refuses a setup at once with gateway/overloaded and a Retry-After when the queue is full', async () => {
    const sut = new SetupQueue({ concurrency: 1, queueLimit: 2, retryAfterSeconds: 3 });
    const blocker = deferred();
    const accepted = [sut.run(() => blocker.promise), sut.run(async () => 'a'), sut.run(async () => 'b')];
    let ran = false;
    const refused = sut.run(async () => {
      ran = true;
      return 'never';
    });
    await expect(refused).rejects.toBeInstanceOf(MediaBackendError);
    await expect(refused).rejects.toMatchObject({ code: 'gateway/overloaded', retryAfterSeconds: 3 });
    expect(ran).toBe(false);
    expect([sut.inFlight, sut.queued]).toEqual([1, 2]);

    blocker.resolve('first');
    expect(await Promise.all(accepted)).toEqual(['first', 'a', 'b']);
    expect(await sut.run(async () => 'room again')).toBe('room again');
  });

  it('frees the slot of a setup that fails, whether it rejects or throws', async () => {
    const sut = new SetupQueue({ concurrency: 1, queueLimit: 5 });
    const failing = deferred();
    const first = sut.run(() => failing.promise);
    const second = sut.run(() => {
      throw new Error('synchronous');
    });
    const third = sut.run(async () => 'third');
    failing.reject(new Error('no common codec'));
    await expect(first).rejects.toThrow('no common codec');
    await expect(second).rejects.toThrow('synchronous');
    expect(await third).toBe('third');
    expect([sut.inFlight, sut.queued]).toEqual([0, 0]);
  });

  it('with no waiting room refuses whatever finds every slot taken', async () => {
    const sut = new SetupQueue({ concurrency: 1, queueLimit: 0 });
    const blocker = deferred();
    const running = sut.run(() => blocker.promise);
    await expect(sut.run(async () => 'x')).rejects.toMatchObject({ code: 'gateway/overloaded' });
    blocker.resolve('done');
    expect(await running).toBe('done');
  });

  it('gives a slot back once however often its release is called', async () => {
    const sut = new SetupQueue({ concurrency: 2, queueLimit: 5 });
    const release = await sut.acquire();
    await sut.acquire();
    const third = sut.acquire();
    release();
    release();
    await third;
    expect([sut.inFlight, sut.queued]).toEqual([2, 0]);
  });

  it('rejects nonsense bounds', () => {
    expect(() => new SetupQueue({ concurrency: 0, queueLimit: 1 })).toThrow(RangeError);
    expect(() => new SetupQueue({ concurrency: 1, queueLimit: -1 })).toThrow(RangeError);
  });
});

describe(queuedMediaBackend.name, () => {
  /** A backend whose setups finish when the test says, and whose legs connect or fail on command. */
  function fakeBackend() {
    const legs: { kind: string; events: MediaEndpointEvents; closed: boolean }[] = [];
    const gate = { open: deferred<void>() };
    const endpointOf = (leg: (typeof legs)[number]): MediaEndpoint => ({
      id: `leg-${legs.indexOf(leg)}`,
      heldByRemote: false,
      reoffer: async () => 'reanswer',
      sendFrame: () => undefined,
      sendDigits: async () => true,
      close: () => void (leg.closed = true),
    });
    const backend: MediaBackend = {
      answer: async (offer, kind, events) => {
        const leg = { kind, events, closed: false };
        legs.push(leg);
        await gate.open.promise;
        if (offer === 'bad') throw new Error('no common codec');
        return { endpoint: endpointOf(leg), answer: `answer to ${offer}` };
      },
      offer: async (kind, events) => {
        const leg = { kind, events, closed: false };
        legs.push(leg);
        return { endpoint: endpointOf(leg), offer: 'o', accept: async () => undefined };
      },
    };
    return { backend, legs, gate };
  }
  const events = { frame: () => undefined, dtmf: () => undefined, failed: () => undefined };

  it('refuses a setup beyond the queue at once and runs the rest in order', async () => {
    const { backend, legs, gate } = fakeBackend();
    const queue = new SetupQueue({ concurrency: 1, queueLimit: 1 });
    const sut = queuedMediaBackend(backend, queue);
    const first = sut.answer('x', 'rtp', events);
    const second = sut.offer('rtp', events);
    await expect(sut.answer('y', 'rtp', events)).rejects.toMatchObject({ code: 'gateway/overloaded' });
    await settle();
    expect(legs).toHaveLength(1);
    gate.open.resolve();
    expect((await first).answer).toBe('answer to x');
    expect((await second).offer).toBe('o');
    expect([queue.inFlight, queue.queued]).toEqual([0, 0]); // rtp answers and offers free their slot with the SDP
  });

  it('keeps the slot of an answered WebRTC leg until it connects, fails or closes, or the hold limit passes', async () => {
    const { backend, legs, gate } = fakeBackend();
    gate.open.resolve();
    const queue = new SetupQueue({ concurrency: 4, queueLimit: 10 });
    const sut = queuedMediaBackend(backend, queue, 200);
    const connected: string[] = [];
    const failed: string[] = [];
    const answered = await Promise.all(
      ['a', 'b', 'c', 'd'].map((offer) => sut.answer(offer, 'webrtc', { ...events, connected: () => connected.push(offer), failed: (cause) => failed.push(`${offer} ${cause}`) })),
    );
    expect(queue.inFlight).toBe(4);
    const waiting = sut.answer('e', 'webrtc', events);
    await settle();
    expect(legs).toHaveLength(4);

    legs[0]!.events.connected!();
    expect(connected).toEqual(['a']); // passed on, and the slot went to the waiting setup
    await waiting;
    expect(queue.inFlight).toBe(4);
    legs[0]!.events.connected!(); // a second report frees nothing more
    expect(queue.inFlight).toBe(4);
    legs[1]!.events.failed('failure');
    expect(failed).toEqual(['b failure']);
    expect(queue.inFlight).toBe(3);
    answered[2]!.endpoint.close();
    expect(legs[2]!.closed).toBe(true);
    expect(queue.inFlight).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 300)); // d and e never connect: the limit frees them
    expect(queue.inFlight).toBe(0);
  });

  it('frees the slot of a WebRTC answer that fails', async () => {
    const { backend, gate } = fakeBackend();
    gate.open.resolve();
    const queue = new SetupQueue({ concurrency: 1, queueLimit: 0 });
    const sut = queuedMediaBackend(backend, queue);
    await expect(sut.answer('bad', 'webrtc', events)).rejects.toThrow('no common codec');
    expect(queue.inFlight).toBe(0);
  });
});
