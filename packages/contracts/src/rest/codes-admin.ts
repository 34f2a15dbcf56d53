import { z } from 'zod';

/**
 * Lists of codes the administrator keeps and agents pick from: not-ready reasons (why an
 * agent takes no calls) and dispositions (how a call ended for the business). Both are a
 * code (what records and reports store), a label (what the agent reads) and an active flag
 * (a retired code stays on old records but can no longer be picked).
 */

export const CodeSchema = z.string().regex(/^[a-z][a-z0-9-]{0,47}$/, 'lower-case letters, digits and "-", starting with a letter (at most 48)');

export const CodedEntrySchema = z.object({
  id: z.string(),
  code: z.string(),
  label: z.string(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CodedEntry = z.infer<typeof CodedEntrySchema>;

export const CreateCodedEntryRequestSchema = z.strictObject({
  code: CodeSchema,
  label: z.string().trim().min(1, 'required').max(100),
  active: z.boolean().default(true),
});
export type CreateCodedEntryRequest = z.infer<typeof CreateCodedEntryRequestSchema>;

/** The code is what history stores: it cannot change; retire it and create another instead. */
export const UpdateCodedEntryRequestSchema = z
  .strictObject({ label: z.string().trim().min(1, 'required').max(100), active: z.boolean() })
  .partial()
  .refine((body) => Object.keys(body).length > 0, { message: 'nothing to change' });
export type UpdateCodedEntryRequest = z.infer<typeof UpdateCodedEntryRequestSchema>;

/** `missed-offer` is the ACD's own reason (an offer rang out): it cannot be defined. */
export const BUILT_IN_NOT_READY_REASON = 'missed-offer';

export const NotReadyReasonListSchema = z.object({ reasons: z.array(CodedEntrySchema) });
export type NotReadyReasonList = z.infer<typeof NotReadyReasonListSchema>;

export const DispositionListSchema = z.object({ dispositions: z.array(CodedEntrySchema) });
export type DispositionList = z.infer<typeof DispositionListSchema>;
