import { z } from 'zod';
import { FlowLanguageSchema } from '../ivr/flow-basics.js';

/**
 * The administrator's prompts: recorded audio (an uploaded WAV, written to the prompts
 * folder as `<name>.wav`, which IVR flows play as `{"file": "<name>.wav"}`) and
 * text-to-speech (a text and its language, spoken by the gateway's synthesizer; flows say
 * it as `{"say": "<text>"}` under that language). Both can be listened to as WAV.
 */

export const PromptErrorCode = {
  /** The name is not 1–64 lower-case letters, digits, "-" or "_" (it becomes a file name). */
  BadName: 'prompts/bad-name',
  /** Another prompt (or a file in the prompts folder) already has this name. */
  NameTaken: 'prompts/name-taken',
  /** The upload is not a RIFF/WAVE file, or its chunks are broken. */
  NotWav: 'prompts/not-wav',
  /** A WAVE file in an encoding the gateway does not convert (e.g. MPEG inside RIFF). */
  UnsupportedEncoding: 'prompts/unsupported-encoding',
  /** A WAVE file with no audio in it. */
  Empty: 'prompts/empty',
  /** Longer than MAX_PROMPT_SECONDS. */
  TooLong: 'prompts/too-long',
  /** Larger than MAX_PROMPT_BYTES. */
  TooBig: 'prompts/too-big',
  /** A published IVR flow plays this prompt's file: it cannot be deleted. */
  InUse: 'prompts/in-use',
  /** The speech synthesizer failed (or timed out) on this text. */
  SpeechFailed: 'prompts/speech-failed',
} as const;
export type PromptErrorCode = (typeof PromptErrorCode)[keyof typeof PromptErrorCode];

/** An upload's size limit: 10 MiB, about 10 minutes of 8 kHz 16-bit audio or a minute of CD audio. */
export const MAX_PROMPT_BYTES = 10 * 1024 * 1024;
/** Ten minutes: long enough for music on hold, short enough to keep in the gateway's memory. */
export const MAX_PROMPT_SECONDS = 600;
/** The same limit as a speech prompt of the gateway's control API. */
export const MAX_SPEECH_TEXT_LENGTH = 2000;

export const PROMPT_NAME_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;
export const PromptNameSchema = z
  .string()
  .regex(PROMPT_NAME_PATTERN, 'lower-case letters, digits, "-" and "_", starting with a letter or digit (at most 64), without ".wav"');

export const PromptKindSchema = z.enum(['wav', 'speech']);
export type PromptKind = z.infer<typeof PromptKindSchema>;

export const PromptRecordSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: PromptKindSchema,
  /** Speech prompts: what is said, and in which language. Null for a WAV. */
  text: z.string().nullable(),
  language: FlowLanguageSchema.nullable(),
  /** WAV prompts: the file in the prompts folder (`<name>.wav`). Null for speech. */
  fileName: z.string().nullable(),
  /** The uploaded file's size; for speech, the rendered WAV's. */
  bytes: z.number().int().nonnegative(),
  durationMs: z.number().int().nonnegative(),
  /** Username of the admin who made it; null once that user is gone. */
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export type PromptRecord = z.infer<typeof PromptRecordSchema>;

export const PromptListSchema = z.object({ prompts: z.array(PromptRecordSchema) });
export type PromptList = z.infer<typeof PromptListSchema>;

/** The query string of a WAV upload (the body is the file itself, `audio/wav`). */
export const UploadWavPromptQuerySchema = z.object({ name: PromptNameSchema });
export type UploadWavPromptQuery = z.infer<typeof UploadWavPromptQuerySchema>;

export const PromptWavBodySchema = z
  .string()
  .describe(`The WAV file's bytes as the request body (Content-Type audio/wav), at most ${MAX_PROMPT_BYTES} bytes and ${MAX_PROMPT_SECONDS} s: PCM 8–32-bit integer or float, G.711 A-law/μ-law or IMA ADPCM, any rate, mono or more channels (played as 8 kHz mono)`);

export const CreateSpeechPromptRequestSchema = z.strictObject({
  name: PromptNameSchema,
  text: z.string().trim().min(1, 'required').max(MAX_SPEECH_TEXT_LENGTH),
  language: FlowLanguageSchema,
});
export type CreateSpeechPromptRequest = z.infer<typeof CreateSpeechPromptRequestSchema>;

export const PromptAudioSchema = z.string().describe('RIFF/WAVE: an uploaded prompt as it was uploaded; a speech prompt as 16-bit PCM mono at 8 kHz, as callers hear it');

/** How an IVR flow's prompt names this prompt: a part of a language's prompt. */
export function promptReference(prompt: Pick<PromptRecord, 'kind' | 'name' | 'text'>): { file: string } | { say: string } {
  return prompt.kind === 'wav' ? { file: `${prompt.name}.wav` } : { say: prompt.text ?? '' };
}
