import { z } from 'zod';
import { TemplateTextSchema } from './flow-basics.js';

const WavPathSchema = z
  .string()
  .max(200)
  .regex(/^(?!\/)(?!.*\.\.)[A-Za-z0-9_./-]+\.wav$/i, 'a recorded prompt is a .wav name relative to the prompts folder, without ".."');

/** One piece of a prompt: text to speech (with placeholders) or a recorded WAV. */
export const PromptPartSchema = z.union([z.strictObject({ say: TemplateTextSchema.min(1) }), z.strictObject({ file: WavPathSchema })], {
  error: 'a prompt part is {"say": "text"} or {"file": "name.wav"}',
});
export type PromptPart = z.infer<typeof PromptPartSchema>;

/** One language's prompt: a text to speak (shorthand for `{say}`), one part, or parts in order. */
export const PromptVariantSchema = z.union([TemplateTextSchema.min(1), PromptPartSchema, z.array(PromptPartSchema).min(1).max(10)], {
  error: 'a prompt is a text, {"say": …}, {"file": …} or a list of them',
});
export type PromptVariant = z.infer<typeof PromptVariantSchema>;

/**
 * A prompt in each language the flow speaks. The runner plays the caller's language,
 * falling back to the flow's default language, then to any variant there is.
 * `allLanguages` plays every variant in the flow's language order (a greeting or a
 * language menu heard before the caller chose).
 */
export const LocalizedPromptSchema = z
  .strictObject({
    en: PromptVariantSchema.optional(),
    zh: PromptVariantSchema.optional(),
    allLanguages: z.boolean().optional(),
  })
  .refine((prompt) => prompt.en !== undefined || prompt.zh !== undefined, 'a prompt needs at least one language (en, zh)');
export type LocalizedPrompt = z.infer<typeof LocalizedPromptSchema>;
