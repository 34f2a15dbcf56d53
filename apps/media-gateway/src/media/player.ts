/**
 * Sources of frames for a leg or the mixer: a decoded WAV (prompts, music on hold) and
 * generated tones (ringback, beeps). Each is pulled once per tick with `next()`, which gives
 * null once the source is done; the adapter then reports "playback done". Reading the file is
 * the caller's business: decode once with `decodeWav` and share the samples between players.
 */
import wavefile from 'wavefile';
import { type PcmFrame, SAMPLE_RATE, SAMPLES_PER_FRAME } from './frame.js';
import { ToneGenerator } from './tone.js';

export const WavErrorCode = {
  /** Not a RIFF/RIFX/RF64 WAVE file, or its chunks are broken. */
  Unreadable: 'wav/unreadable',
  /** A WAVE file in a format this gateway does not convert (e.g. IMA ADPCM at 44.1 kHz). */
  Unsupported: 'wav/unsupported',
} as const;
export type WavErrorCode = (typeof WavErrorCode)[keyof typeof WavErrorCode];

export class WavError extends Error {
  constructor(
    readonly code: WavErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'WavError';
  }
}

interface WavFormat {
  numChannels: number;
  sampleRate: number;
}

/**
 * Any common WAV (8–32-bit integer or float PCM, G.711 A-law/μ-law, IMA ADPCM; any rate;
 * mono or multichannel) as 8 kHz mono 16-bit samples. Channels are averaged before
 * resampling; wavefile's cubic interpolation runs behind a zero-phase 16th-order Butterworth
 * low-pass at 4 kHz, so content above the telephone band is removed rather than aliased into it.
 */
export function decodeWav(bytes: Uint8Array): Int16Array {
  const wav = new wavefile.WaveFile();
  try {
    wav.fromBuffer(bytes);
  } catch (error) {
    throw new WavError(WavErrorCode.Unreadable, (error as Error).message);
  }
  try {
    if (wav.bitDepth === '8a') wav.fromALaw();
    else if (wav.bitDepth === '8m') wav.fromMuLaw();
    else if (wav.bitDepth === '4') wav.fromIMAADPCM();
    // Float and wide formats are scaled to 16-bit here, so the float pipeline below is uniform.
    if (wav.bitDepth !== '16') wav.toBitDepth('16');
  } catch (error) {
    throw new WavError(WavErrorCode.Unsupported, (error as Error).message);
  }
  const { numChannels, sampleRate } = wav.fmt as WavFormat;
  const channels = numChannels === 1 ? [wav.getSamples(false) as Float64Array] : (wav.getSamples(false) as unknown as Float64Array[]);
  const length = channels[0]?.length ?? 0;
  const mono = new Float64Array(length);
  for (const channel of channels) for (let i = 0; i < length; i++) mono[i]! += channel[i]! / channels.length;
  if (sampleRate === SAMPLE_RATE || length === 0) return toInt16(mono);

  const resampler = new wavefile.WaveFile();
  resampler.fromScratch(1, sampleRate, '32f', mono.map((s) => s / 32768));
  resampler.toSampleRate(SAMPLE_RATE, { method: 'cubic', LPF: true, LPFType: 'IIR' });
  return toInt16((resampler.getSamples(false) as Float64Array).map((s) => s * 32768));
}

function toInt16(samples: Float64Array): Int16Array {
  const out = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) {
    const s = Math.round(samples[i]!);
    out[i] = s > 32767 ? 32767 : s < -32768 ? -32768 : s;
  }
  return out;
}

/** A pullable source of frames; `next()` returns null once done (finished or stopped). */
export interface FrameSource {
  next(): PcmFrame | null;
  stop(): void;
  readonly done: boolean;
  /** Set by a source that ended because its audio could not be produced (a speech render failed). */
  readonly failed?: boolean;
}

export interface PcmPlayerOptions {
  /** Start again from the beginning after the end (music on hold) until stopped. */
  loop?: boolean;
}

/** Plays 8 kHz mono samples; the last frame is padded with silence unless looping fills it. */
export class PcmPlayer implements FrameSource {
  private position = 0;
  private stopped = false;
  private readonly loop: boolean;

  constructor(
    private readonly samples: Int16Array,
    options: PcmPlayerOptions = {},
  ) {
    this.loop = (options.loop ?? false) && samples.length > 0;
  }

  get done(): boolean {
    return this.stopped || (!this.loop && this.position >= this.samples.length);
  }

  next(): PcmFrame | null {
    if (this.done) return null;
    const frame = new Int16Array(SAMPLES_PER_FRAME);
    let filled = 0;
    while (filled < SAMPLES_PER_FRAME) {
      if (this.position >= this.samples.length) {
        if (!this.loop) break;
        this.position = 0; // seamless: the loop's start continues in the same frame
      }
      const take = Math.min(SAMPLES_PER_FRAME - filled, this.samples.length - this.position);
      frame.set(this.samples.subarray(this.position, this.position + take), filled);
      filled += take;
      this.position += take;
    }
    return frame;
  }

  stop(): void {
    this.stopped = true;
  }
}

export class WavPlayer extends PcmPlayer {
  constructor(wav: Uint8Array, options: PcmPlayerOptions = {}) {
    super(decodeWav(wav), options);
  }
}

export interface TonePlayerOptions {
  /** Total length; endless when omitted. */
  durationMs?: number;
  /** On/off pattern, e.g. European ringback 1000/4000, busy 500/500. */
  cadence?: { onMs: number; offMs: number };
}

/** Ringback, busy, beeps: a tone with an optional cadence and length. */
export class TonePlayer implements FrameSource {
  private readonly generator: ToneGenerator;
  private elapsedMs = 0;
  private stopped = false;
  private static readonly FRAME_MS = (SAMPLES_PER_FRAME * 1000) / SAMPLE_RATE;

  constructor(
    frequencies: readonly number[],
    levelDbfs: number,
    private readonly options: TonePlayerOptions = {},
  ) {
    this.generator = new ToneGenerator(frequencies, levelDbfs);
  }

  get done(): boolean {
    return this.stopped || (this.options.durationMs !== undefined && this.elapsedMs >= this.options.durationMs);
  }

  next(): PcmFrame | null {
    if (this.done) return null;
    const cadence = this.options.cadence;
    const on = !cadence || this.elapsedMs % (cadence.onMs + cadence.offMs) < cadence.onMs;
    this.elapsedMs += TonePlayer.FRAME_MS;
    const tone = this.generator.next(); // advanced during pauses too, so each burst starts mid-phase like a real cadence
    return on ? tone : new Int16Array(SAMPLES_PER_FRAME);
  }

  stop(): void {
    this.stopped = true;
  }
}
