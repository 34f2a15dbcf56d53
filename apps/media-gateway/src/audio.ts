/**
 * The gateway's audio rules for other processes and packages (the server's prompts admin):
 * what a WAV prompt may be (`decodeWav`, exactly what the gateway plays) and the
 * text-to-speech synthesizer its prompts are spoken with. A subpath of its own
 * (`@ccx/media-gateway/audio`), so a worker thread that only checks a WAV loads wavefile and
 * not the SIP and WebRTC stacks.
 */
export { SAMPLE_RATE } from './media/frame.js';
export { decodeWav, WavError, WavErrorCode } from './media/player.js';
export { decodePcm16Wav, encodePcm16Wav } from './engine/speech/pcm-wav.js';
export { SpeechError, SpeechErrorCode, type SpeechRequest, SpeechSynthesizer, type SpeechSynthesizerOptions } from './engine/speech/speech-synthesizer.js';
export { type SpeechLanguage } from './engine/speech/speech-engine.js';
