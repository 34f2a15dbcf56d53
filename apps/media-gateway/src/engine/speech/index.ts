/** Text-to-speech prompts: an offline engine (eSpeak NG in WASM) behind a render-once cache. */
export { EspeakEngine, type EspeakEngineOptions } from './espeak-engine.js';
export { type RenderedSpeech, type SpeechEngine, type SpeechLanguage } from './speech-engine.js';
export { SpeechPlayer } from './speech-player.js';
export { SpeechError, SpeechErrorCode, type SpeechRequest, SpeechSynthesizer, type SpeechSynthesizerOptions } from './speech-synthesizer.js';
