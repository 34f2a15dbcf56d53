import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EspeakEngine } from './espeak-engine.js';
import { SpeechErrorCode, type SpeechRequest, SpeechSynthesizer } from './speech-synthesizer.js';
import { bandShare, CountingEngine, durationSeconds, FakeEngine, level } from './test-support.js';

const ENGLISH: SpeechRequest = { text: 'Welcome to the contact center', language: 'en' };
const MANDARIN: SpeechRequest = { text: '欢迎致电客服中心', language: 'zh' };

describe(SpeechSynthesizer.name, () => {
  let espeak: EspeakEngine;
  let dirs: string[] = [];
  const freshDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'speech-cache-'));
    dirs.push(dir);
    return dir;
  };

  beforeAll(() => {
    espeak = new EspeakEngine();
  });

  afterAll(async () => {
    await espeak.close();
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
    dirs = [];
  });

  describe('with eSpeak NG', () => {
    it.each([
      ['English', ENGLISH],
      ['Mandarin', MANDARIN],
    ])('renders %s as telephone-band speech at 8 kHz', async (_, request) => {
      const sut = new SpeechSynthesizer({ engine: espeak });
      const samples = await sut.synthesize(request);
      expect(samples).toBeInstanceOf(Int16Array);
      expect(durationSeconds(samples)).toBeGreaterThan(0.8);
      expect(durationSeconds(samples)).toBeLessThan(6);
      expect(level(samples)).toBeGreaterThan(-35);
      expect(bandShare(samples, 200, 3400)).toBeGreaterThan(0.8);
    });

    it('renders English and Mandarin differently', async () => {
      const sut = new SpeechSynthesizer({ engine: espeak });
      const [english, mandarin] = await Promise.all([sut.synthesize(ENGLISH), sut.synthesize(MANDARIN)]);
      expect(english.length).not.toBe(mandarin.length);
      expect(english).not.toEqual(mandarin);
    });

    it('renders a text once: a second ask and concurrent asks get the same samples', async () => {
      const engine = new CountingEngine(espeak);
      const sut = new SpeechSynthesizer({ engine });
      const [first, concurrent] = await Promise.all([sut.synthesize(ENGLISH), sut.synthesize({ ...ENGLISH, text: `  ${ENGLISH.text} ` })]);
      const again = await sut.synthesize(ENGLISH);
      expect(engine.renders).toBe(1);
      expect(concurrent).toBe(first);
      expect(again).toBe(first);
      expect(sut.cached(ENGLISH)).toBe(first);
    });

    it('keeps renders on disk, so a new synthesizer plays them without the engine', async () => {
      const cacheDir = await freshDir();
      const first = await new SpeechSynthesizer({ engine: espeak, cacheDir }).synthesize(MANDARIN);
      expect((await readdir(cacheDir)).filter((f) => /^[0-9a-f]{64}\.wav$/.test(f))).toHaveLength(1);

      // Same engine id and voices, but any render would fail: only the disk can answer.
      const restarted = new CountingEngine({ ...espeak, id: espeak.id, voices: espeak.voices, render: () => Promise.reject(new Error('must not render')), close: async () => {} });
      const sut = new SpeechSynthesizer({ engine: restarted, cacheDir });
      expect(await sut.synthesize(MANDARIN)).toEqual(first);
      expect(restarted.renders).toBe(0);
    });

    it('fails a voice eSpeak does not have', async () => {
      const sut = new SpeechSynthesizer({ engine: espeak, voices: { en: 'no-such-voice' } });
      await expect(sut.synthesize(ENGLISH)).rejects.toMatchObject({ code: SpeechErrorCode.Failed });
    });
  });

  it.each(['', '   \n\t '])('refuses an empty text (%j) without asking the engine', async (text) => {
    const engine = new FakeEngine();
    const sut = new SpeechSynthesizer({ engine });
    await expect(sut.synthesize({ text, language: 'en' })).rejects.toMatchObject({ code: SpeechErrorCode.EmptyText });
    expect(() => sut.open({ text, language: 'en' })).toThrow(expect.objectContaining({ code: SpeechErrorCode.EmptyText }));
    expect(engine.renders).toBe(0);
  });

  it('refuses a text longer than the limit', async () => {
    const sut = new SpeechSynthesizer({ engine: new FakeEngine(), maxTextLength: 10 });
    await expect(sut.synthesize({ text: 'eleven char', language: 'en' })).rejects.toMatchObject({ code: SpeechErrorCode.TooLong });
  });

  it('converts the engine rate to 8 kHz', async () => {
    const samples = await new SpeechSynthesizer({ engine: new FakeEngine() }).synthesize(ENGLISH);
    expect(samples).toHaveLength(8000); // one second at 16 kHz
  });

  it('keys by engine id and voice, so a new engine build renders again', async () => {
    const cacheDir = await freshDir();
    const v1 = new FakeEngine('fake@1');
    const v2 = new FakeEngine('fake@2');
    await new SpeechSynthesizer({ engine: v1, cacheDir }).synthesize(ENGLISH);
    await new SpeechSynthesizer({ engine: v2, cacheDir }).synthesize(ENGLISH);
    await new SpeechSynthesizer({ engine: v1, cacheDir, voices: { en: 'other' } }).synthesize(ENGLISH);
    expect([v1.renders, v2.renders]).toEqual([2, 1]);
    expect(await readdir(cacheDir)).toHaveLength(3);
  });

  it('renders again over a damaged cache file', async () => {
    const cacheDir = await freshDir();
    const engine = new FakeEngine();
    const first = await new SpeechSynthesizer({ engine, cacheDir }).synthesize(ENGLISH);
    const [file] = await readdir(cacheDir);
    await writeFile(join(cacheDir, file!), 'not a wav');
    const errors: Error[] = [];
    const again = await new SpeechSynthesizer({ engine, cacheDir, onCacheError: (e) => errors.push(e) }).synthesize(ENGLISH);
    expect(again).toEqual(first);
    expect(engine.renders).toBe(2);
    expect(errors).toHaveLength(1);
  });

  it('turns an engine failure into speech/failed, refuses the text at once for a while, then tries again', async () => {
    let now = 0;
    const engine = new FakeEngine('fake@1', 'engine crashed');
    const sut = new SpeechSynthesizer({ engine, failureMemoryMs: 30_000, now: () => now });
    await expect(sut.prepare(ENGLISH)).rejects.toMatchObject({ code: SpeechErrorCode.Failed, message: expect.stringContaining('engine crashed') });
    expect(() => sut.open(ENGLISH)).toThrow(expect.objectContaining({ code: SpeechErrorCode.Failed }));
    expect(engine.renders).toBe(1);
    now = 30_000;
    const source = sut.open(ENGLISH); // tried again: a player that waits, then fails
    expect(source.next()).toEqual(new Int16Array(160));
    await expect(sut.synthesize(ENGLISH)).rejects.toMatchObject({ code: SpeechErrorCode.Failed });
    expect(source.next()).toBeNull();
    expect(source).toMatchObject({ done: true, failed: true });
    expect(engine.renders).toBe(2);
  });
});

describe(EspeakEngine.name, () => {
  it('fails a render that overruns its time, and renders again on a new worker', async () => {
    const sut = new EspeakEngine({ timeoutMs: 1 });
    await expect(sut.render('A long time', 'en-us')).rejects.toThrow(/longer than 1 ms/);
    (sut as unknown as { timeoutMs: number }).timeoutMs = 20_000; // the same engine, now patient
    const speech = await sut.render('Hello', 'en-us');
    expect(speech.sampleRate).toBe(22_050);
    expect(speech.samples.length).toBeGreaterThan(0);
    await sut.close();
  });
});

describe(`${EspeakEngine.name} with many renders queued`, () => {
  it('times each render from its own start, so the end of a long batch does not time out', async () => {
    const texts = Array.from({ length: 40 }, (_, i) => `Prompt number ${i + 1} of a long batch, spoken at some length so that it takes a while to render.`);
    const sut = new EspeakEngine();
    await sut.render('Warm up', 'en-us'); // the worker and its WASM are ready
    const started = performance.now();
    await sut.render(texts[0]!, 'en-us');
    const one = performance.now() - started;
    // Far longer than any one render, far shorter than the whole batch (40 renders in a row).
    const timeoutMs = Math.max(600, Math.ceil(one * 4));
    (sut as unknown as { timeoutMs: number }).timeoutMs = timeoutMs;
    const batch = performance.now();
    const all = await Promise.all(texts.map((text) => sut.render(text, 'en-us')));
    expect(all.every((speech) => speech.samples.length > 0)).toBe(true);
    const tookMs = performance.now() - batch;
    await sut.close();
    // The batch outlasted the timeout: with a timer per request it would have failed.
    expect(tookMs).toBeGreaterThan(timeoutMs);
  }, 60_000);
});

describe(`${EspeakEngine.name} when idle`, () => {
  it('ends its worker after idleMs and starts a new one for the next render', async () => {
    const sut = new EspeakEngine({ idleMs: 10 });
    await sut.render('One', 'en-us');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((sut as unknown as { worker: unknown }).worker).toBeNull();
    expect((await sut.render('Two', 'cmn')).samples.length).toBeGreaterThan(0);
    await sut.close();
  });
});
