/**
 * Text-to-speech prompts as 8 kHz PCM, each text rendered once: kept in memory (bounded,
 * least recently used out) and on disk as `<cacheDir>/<sha256>.wav`, so a restart plays
 * yesterday's prompts without rendering them again. The key hashes the engine's id (build
 * and settings), the voice and the text.
 *
 * Rendering is asynchronous (a worker thread) and the media engine's `open()` is not, so
 * `open()` answers at once: the cached audio, or a player that gives silence until the audio
 * is ready. `prepare()` renders ahead (an IVR flow prepares its prompts when it loads), so a
 * caller normally hears no pause at all. A text that failed to render is remembered for a
 * while: opening it again throws at once instead of waiting on the engine again.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SAMPLE_RATE } from '../../media/frame.js';
import { type FrameSource, PcmPlayer } from '../../media/player.js';
import { EspeakEngine } from './espeak-engine.js';
import { PcmLruCache } from './pcm-cache.js';
import { decodePcm16Wav, encodePcm16Wav } from './pcm-wav.js';
import { Resampler } from './resample.js';
import { type SpeechEngine, type SpeechLanguage } from './speech-engine.js';
import { SpeechPlayer } from './speech-player.js';

export interface SpeechRequest {
  text: string;
  language: SpeechLanguage;
}

export const SpeechErrorCode = {
  /** Nothing to say: the text is empty or only white space. */
  EmptyText: 'speech/empty-text',
  /** The text is longer than the synthesizer accepts. */
  TooLong: 'speech/too-long',
  /** The engine failed or timed out (or failed recently for this text); nothing to play. */
  Failed: 'speech/failed',
} as const;
export type SpeechErrorCode = (typeof SpeechErrorCode)[keyof typeof SpeechErrorCode];

export class SpeechError extends Error {
  constructor(
    readonly code: SpeechErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SpeechError';
  }
}

export interface SpeechSynthesizerOptions {
  /** eSpeak NG in a worker thread by default. */
  engine?: SpeechEngine;
  /** Where rendered prompts survive restarts; memory only when omitted. */
  cacheDir?: string;
  /** Overrides the engine's voice per language. */
  voices?: Partial<Record<SpeechLanguage, string>>;
  /** Memory budget in samples at 8 kHz; ten minutes of audio (9.6 MB) by default. */
  memoryLimitSamples?: number;
  /** Matches the contracts' limit on a speech prompt. */
  maxTextLength?: number;
  /** How long a failed text is refused at once by `open()` before it is tried again. */
  failureMemoryMs?: number;
  now?: () => number;
  /** A disk cache that cannot be read or written costs a render, not the prompt: told here. */
  onCacheError?: (error: Error) => void;
}

interface Job {
  key: string;
  text: string;
  voice: string;
}

export class SpeechSynthesizer {
  private readonly engine: SpeechEngine;
  private readonly memory: PcmLruCache;
  private readonly inFlight = new Map<string, Promise<Int16Array>>();
  private readonly failures = new Map<string, { at: number; message: string }>();
  private readonly voices: Readonly<Record<SpeechLanguage, string>>;
  private readonly maxTextLength: number;
  private readonly failureMemoryMs: number;
  private readonly now: () => number;

  constructor(private readonly options: SpeechSynthesizerOptions = {}) {
    this.engine = options.engine ?? new EspeakEngine();
    this.memory = new PcmLruCache(options.memoryLimitSamples ?? SAMPLE_RATE * 600);
    this.voices = { ...this.engine.voices, ...options.voices };
    this.maxTextLength = options.maxTextLength ?? 2000;
    this.failureMemoryMs = options.failureMemoryMs ?? 30_000;
    this.now = options.now ?? Date.now;
  }

  /** The prompt as 8 kHz mono PCM, rendered at most once however many ask at the same time. */
  synthesize(request: SpeechRequest): Promise<Int16Array> {
    let job: Job;
    try {
      job = this.job(request);
    } catch (error) {
      return Promise.reject(error as Error);
    }
    return Promise.resolve(this.memory.get(job.key) ?? this.start(job));
  }

  /** Renders ahead of use; rejects with the reason if the prompt cannot be rendered. */
  async prepare(request: SpeechRequest): Promise<void> {
    await this.synthesize(request);
  }

  /** The audio if it is in memory now. */
  cached(request: SpeechRequest): Int16Array | undefined {
    return this.memory.get(this.job(request).key);
  }

  /**
   * A frame source for the media engine, at once. Throws a SpeechError for a text that
   * cannot be spoken or that failed within `failureMemoryMs`; otherwise plays the audio,
   * after silence while it renders. A source whose rendering fails ends with `failed` set.
   */
  open(request: SpeechRequest): FrameSource {
    const job = this.job(request);
    const cached = this.memory.get(job.key);
    if (cached) return new PcmPlayer(cached);
    const failure = this.failures.get(job.key);
    if (failure && this.now() - failure.at < this.failureMemoryMs) {
      throw new SpeechError(SpeechErrorCode.Failed, `this text failed to render: ${failure.message}`);
    }
    return new SpeechPlayer(this.start(job));
  }

  close(): Promise<void> {
    return this.engine.close();
  }

  private job(request: SpeechRequest): Job {
    const text = request.text.normalize('NFC').trim();
    if (text.length === 0) throw new SpeechError(SpeechErrorCode.EmptyText, 'a speech prompt needs some text');
    if (text.length > this.maxTextLength) {
      throw new SpeechError(SpeechErrorCode.TooLong, `a speech prompt holds at most ${this.maxTextLength} characters (got ${text.length})`);
    }
    const voice = this.voices[request.language];
    const key = createHash('sha256').update(JSON.stringify([this.engine.id, voice, text])).digest('hex');
    return { key, text, voice };
  }

  private start(job: Job): Promise<Int16Array> {
    let pending = this.inFlight.get(job.key);
    if (pending) return pending;
    pending = this.produce(job).then(
      (samples) => {
        this.inFlight.delete(job.key);
        this.failures.delete(job.key);
        this.memory.set(job.key, samples);
        return samples;
      },
      (error: unknown) => {
        this.inFlight.delete(job.key);
        const failure = error instanceof SpeechError ? error : new SpeechError(SpeechErrorCode.Failed, `speech rendering failed: ${(error as Error).message}`, { cause: error });
        this.rememberFailure(job.key, failure.message);
        throw failure;
      },
    );
    this.inFlight.set(job.key, pending);
    return pending;
  }

  private async produce(job: Job): Promise<Int16Array> {
    const stored = await this.readDisk(job.key);
    if (stored) return stored;
    const rendered = await this.engine.render(job.text, job.voice);
    const samples = rendered.sampleRate === SAMPLE_RATE ? rendered.samples : await new Resampler(rendered.sampleRate, SAMPLE_RATE).processInSlices(rendered.samples);
    if (samples.length === 0) throw new SpeechError(SpeechErrorCode.Failed, 'the speech engine produced no audio');
    await this.writeDisk(job.key, samples);
    return samples;
  }

  private async readDisk(key: string): Promise<Int16Array | null> {
    if (!this.options.cacheDir) return null;
    let bytes: Uint8Array;
    try {
      bytes = await readFile(join(this.options.cacheDir, `${key}.wav`));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.options.onCacheError?.(error as Error);
      return null;
    }
    try {
      const { samples, sampleRate } = decodePcm16Wav(bytes);
      if (sampleRate !== SAMPLE_RATE) throw new Error(`a ${sampleRate} Hz file in the speech cache`);
      return samples.length > 0 ? samples : null;
    } catch (error) {
      this.options.onCacheError?.(error as Error); // a damaged file is rendered again and replaced
      return null;
    }
  }

  private async writeDisk(key: string, samples: Int16Array): Promise<void> {
    const dir = this.options.cacheDir;
    if (!dir) return;
    // Written aside and renamed, so a reader never sees half a file (two gateways may share the folder).
    const temporary = join(dir, `${key}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      await mkdir(dir, { recursive: true });
      await writeFile(temporary, encodePcm16Wav(samples, SAMPLE_RATE));
      await rename(temporary, join(dir, `${key}.wav`));
    } catch (error) {
      this.options.onCacheError?.(error as Error);
      await rm(temporary, { force: true }).catch(() => undefined);
    }
  }

  private rememberFailure(key: string, message: string): void {
    const at = this.now();
    for (const [old, failure] of this.failures) if (at - failure.at >= this.failureMemoryMs) this.failures.delete(old);
    this.failures.set(key, { at, message });
  }
}
