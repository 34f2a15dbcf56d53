import { z } from 'zod';

/** The VIP list (top priority in the queue) and the blacklist (refused by the IVR). */
export const CallerListKindSchema = z.enum(['vip', 'blacklist']);
export type CallerListKind = z.infer<typeof CallerListKindSchema>;

/**
 * A caller number as the trunk or the widget presents it: digits, optionally after one
 * leading "+", 3 to 20 digits (short codes to the longest international numbers). Spaces,
 * dashes and brackets are not stripped: the number must match what calls present exactly.
 */
export const CallerNumberSchema = z.string().trim().regex(/^\+?[0-9]{3,20}$/, 'a number is 3–20 digits, optionally after "+"');

export const CallerListEntrySchema = z.object({
  id: z.string(),
  kind: CallerListKindSchema,
  number: z.string(),
  note: z.string(),
  createdAt: z.string(),
});
export type CallerListEntry = z.infer<typeof CallerListEntrySchema>;

export const CallerListSchema = z.object({ entries: z.array(CallerListEntrySchema) });
export type CallerList = z.infer<typeof CallerListSchema>;

export const CallerListQuerySchema = z.strictObject({ kind: CallerListKindSchema.optional() });
export type CallerListQuery = z.infer<typeof CallerListQuerySchema>;

export const AddCallerListEntryRequestSchema = z.strictObject({
  kind: CallerListKindSchema,
  number: CallerNumberSchema,
  note: z.string().trim().max(200).default(''),
});
export type AddCallerListEntryRequest = z.infer<typeof AddCallerListEntryRequestSchema>;
