/**
 * What the speech cache needs from a text-to-speech engine: text in, PCM out, at whatever
 * rate the engine speaks. The cache resamples, stores and plays; an engine only renders.
 */
export type SpeechLanguage = 'en' | 'zh';

export interface RenderedSpeech {
  /** Mono 16-bit PCM. */
  samples: Int16Array;
  sampleRate: number;
}

export interface SpeechEngine {
  /**
   * The engine, its build and every setting that changes the sound (e.g. speaking rate):
   * part of the cache key, so an upgrade or a new setting renders prompts anew.
   */
  readonly id: string;
  /** The engine's voice for each language the product speaks. */
  readonly voices: Readonly<Record<SpeechLanguage, string>>;
  /** Rejects when the engine cannot render (unknown voice, crash, timeout). */
  render(text: string, voice: string): Promise<RenderedSpeech>;
  close(): Promise<void>;
}
