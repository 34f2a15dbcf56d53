/** Helpers for the speech specs only: fake engines and a look at what was rendered. Not exported. */
import { SAMPLE_RATE, SAMPLES_PER_FRAME } from '../../media/frame.js';
import { goertzelPower, levelDbfs } from '../../media/tone-detector.js';
import { type RenderedSpeech, type SpeechEngine } from './speech-engine.js';

/** Wraps an engine and counts its renders, to prove the cache spared it. */
export class CountingEngine implements SpeechEngine {
  renders = 0;
  constructor(private readonly inner: SpeechEngine) {}
  get id(): string {
    return this.inner.id;
  }
  get voices(): SpeechEngine['voices'] {
    return this.inner.voices;
  }
  render(text: string, voice: string): Promise<RenderedSpeech> {
    this.renders++;
    return this.inner.render(text, voice);
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

/** Renders every text as one second of a 1 kHz tone at 16 kHz (a rate to convert), or fails. */
export class FakeEngine implements SpeechEngine {
  readonly voices = { en: 'fake-en', zh: 'fake-zh' } as const;
  renders = 0;
  constructor(
    readonly id = 'fake@1',
    private readonly failWith: string | null = null,
  ) {}
  async render(): Promise<RenderedSpeech> {
    this.renders++;
    if (this.failWith) throw new Error(this.failWith);
    const sampleRate = 16_000;
    return { sampleRate, samples: Int16Array.from({ length: sampleRate }, (_, n) => Math.round(8000 * Math.sin((2 * Math.PI * 1000 * n) / sampleRate))) };
  }
  async close(): Promise<void> {}
}

export function durationSeconds(samples: Int16Array): number {
  return samples.length / SAMPLE_RATE;
}

export function level(samples: Int16Array): number {
  return levelDbfs([samples]);
}

/**
 * Share of the energy between `lowHz` and `highHz`. Goertzel at every 50 Hz over each 160-
 * sample frame is exactly that frame's DFT, so the bins add up to its whole energy (Parseval).
 */
export function bandShare(samples: Int16Array, lowHz: number, highHz: number): number {
  let inBand = 0;
  let total = 0;
  const binHz = SAMPLE_RATE / SAMPLES_PER_FRAME;
  for (let start = 0; start + SAMPLES_PER_FRAME <= samples.length; start += SAMPLES_PER_FRAME) {
    const frame = samples.subarray(start, start + SAMPLES_PER_FRAME);
    for (let k = 1; k < SAMPLES_PER_FRAME / 2; k++) {
      const power = goertzelPower(frame, k * binHz);
      total += power;
      if (k * binHz >= lowHz && k * binHz <= highHz) inBand += power;
    }
  }
  return total === 0 ? 0 : inBand / total;
}
