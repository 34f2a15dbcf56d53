import { describe, expect, it } from 'vitest';
import { SpeechPlayer } from './speech-player.js';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

describe(SpeechPlayer.name, () => {
  it('gives silence while the audio renders, then plays it to the end', async () => {
    const audio = deferred<Int16Array>();
    const sut = new SpeechPlayer(audio.promise);
    expect(sut.waiting).toBe(true);
    expect(sut.next()).toEqual(new Int16Array(160));

    audio.resolve(Int16Array.from({ length: 200 }, (_, i) => i + 1));
    await flush();
    expect(sut.waiting).toBe(false);
    expect(sut.next()?.[0]).toBe(1);
    expect(sut.next()?.slice(0, 41)).toEqual(Int16Array.from({ length: 41 }, (_, i) => (i < 40 ? 161 + i : 0)));
    expect(sut.next()).toBeNull();
    expect(sut).toMatchObject({ done: true, failed: false });
  });

  it('ends as failed when rendering fails', async () => {
    const audio = deferred<Int16Array>();
    const sut = new SpeechPlayer(audio.promise);
    audio.reject(new Error('engine crashed'));
    await flush();
    expect(sut.next()).toBeNull();
    expect(sut).toMatchObject({ done: true, failed: true, waiting: false });
    expect(sut.error?.message).toBe('engine crashed');
  });

  it('stops while waiting, and stays stopped when the audio arrives', async () => {
    const audio = deferred<Int16Array>();
    const sut = new SpeechPlayer(audio.promise);
    sut.stop();
    audio.resolve(new Int16Array(1600));
    await flush();
    expect(sut.next()).toBeNull();
    expect(sut).toMatchObject({ done: true, failed: false });
  });
});
