import { MAX_PROMPT_BYTES, MAX_PROMPT_SECONDS, PromptErrorCode } from '@ccx/contracts';

/**
 * What an uploaded WAV must be to become a prompt: small enough, a RIFF/WAVE file, and audio
 * the gateway can play. The last is the gateway's own `decodeWav` (run by the adapter, in a
 * worker thread); these rules judge its verdict, so the check is the gateway's, not a copy.
 */

export interface PromptProblem {
  code: PromptErrorCode;
  message: string;
}

/** decodeWav's verdict on the bytes: 8 kHz samples (how many, and the samples when the decoder hands them over), or why it refused them. */
export type DecodeOutcome = { ok: true; samples8k: number; samples?: Int16Array } | { ok: false; reason: 'unreadable' | 'unsupported'; message: string };

/** The signatures decodeWav reads: RIFF (little-endian), RIFX (big-endian) and RF64, each of a WAVE. */
const CONTAINERS = ['RIFF', 'RIFX', 'RF64'];

function ascii(bytes: Uint8Array, offset: number): string {
  return String.fromCharCode(...bytes.subarray(offset, offset + 4));
}

/** Cheap checks before any decoding: the size, and a WAVE header at the start. */
export function uploadProblem(bytes: Uint8Array, maxBytes: number = MAX_PROMPT_BYTES): PromptProblem | null {
  if (bytes.length > maxBytes) {
    return { code: PromptErrorCode.TooBig, message: `the file is larger than ${formatMegabytes(maxBytes)} (${formatMegabytes(bytes.length)})` };
  }
  if (bytes.length === 0) return { code: PromptErrorCode.NotWav, message: 'the request has no body: send the WAV file itself, Content-Type audio/wav' };
  if (bytes.length < 12 || !CONTAINERS.includes(ascii(bytes, 0)) || ascii(bytes, 8) !== 'WAVE') {
    return { code: PromptErrorCode.NotWav, message: 'not a WAV file: it does not start with a RIFF/WAVE header' };
  }
  return null;
}

/** The prompt's duration, or why the decoded file is refused. */
export function judgeDecoded(outcome: DecodeOutcome, maxSeconds: number = MAX_PROMPT_SECONDS): { ok: true; durationMs: number } | { ok: false; problem: PromptProblem } {
  if (!outcome.ok) {
    return outcome.reason === 'unsupported'
      ? { ok: false, problem: { code: PromptErrorCode.UnsupportedEncoding, message: `a WAV file in an encoding the gateway cannot play (${outcome.message}); use PCM, G.711 A-law/μ-law or IMA ADPCM` } }
      : { ok: false, problem: { code: PromptErrorCode.NotWav, message: `not a readable WAV file: ${outcome.message}` } };
  }
  if (outcome.samples8k === 0) return { ok: false, problem: { code: PromptErrorCode.Empty, message: 'the WAV file holds no audio' } };
  const durationMs = Math.round(outcome.samples8k / 8);
  if (durationMs > maxSeconds * 1000) {
    return { ok: false, problem: { code: PromptErrorCode.TooLong, message: `the recording lasts ${Math.round(durationMs / 1000)} s; a prompt lasts at most ${maxSeconds} s` } };
  }
  return { ok: true, durationMs };
}

function formatMegabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
