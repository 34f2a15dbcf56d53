import { z } from 'zod';
import { CalendarNameSchema, HolidayListSchema, WeeklyHoursSchema } from '../ivr/flow.js';
import { TimeZoneSchema } from '../ivr/flow-basics.js';

/**
 * IVR flows and business hours calendars as the administrator keeps them.
 *
 * A flow is versioned: each save adds an immutable version (who saved it, when); one version
 * is published, and the published version answers the flow's entry numbers. A draft may be
 * unfinished: the full check (the flow schema, and that every queue and calendar it names
 * exists) runs when a version is published, and a refusal names node and field.
 */

const IsoTime = z.string();

/** A number a call dials to reach a flow (a trunk DID, or the widget's entry point). */
export const EntryNumberSchema = z.string().trim().regex(/^\+?[0-9]{2,20}$/, 'an entry number is 2–20 digits, optionally after "+"');

const EntryNumberListSchema = z
  .array(EntryNumberSchema)
  .max(20)
  .refine((numbers) => new Set(numbers).size === numbers.length, 'a number is listed twice');

export const FlowNameSchema = z.string().trim().min(1, 'required').max(100);

/** A flow definition as saved: any JSON object (validated in full when published). */
export const FlowDefinitionSchema = z.record(z.string(), z.unknown());

export const IvrFlowSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  entryNumbers: z.array(z.string()),
  /** The version calls run; null until one is published. */
  publishedVersion: z.number().int().nullable(),
  latestVersion: z.number().int(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type IvrFlowSummary = z.infer<typeof IvrFlowSummarySchema>;

export const IvrFlowListSchema = z.object({ flows: z.array(IvrFlowSummarySchema) });
export type IvrFlowList = z.infer<typeof IvrFlowListSchema>;

export const IvrFlowVersionInfoSchema = z.object({
  version: z.number().int(),
  /** The user who saved it; null for the system (the demo seed). */
  createdBy: z.string().nullable(),
  createdAt: IsoTime,
  published: z.boolean(),
});
export type IvrFlowVersionInfo = z.infer<typeof IvrFlowVersionInfoSchema>;

export const IvrFlowDetailSchema = IvrFlowSummarySchema.extend({ versions: z.array(IvrFlowVersionInfoSchema) });
export type IvrFlowDetail = z.infer<typeof IvrFlowDetailSchema>;

export const IvrFlowVersionSchema = IvrFlowVersionInfoSchema.extend({ flowId: z.string(), definition: FlowDefinitionSchema });
export type IvrFlowVersion = z.infer<typeof IvrFlowVersionSchema>;

/** Creates the flow with its first version (not published). */
export const CreateIvrFlowRequestSchema = z.strictObject({
  name: FlowNameSchema,
  entryNumbers: EntryNumberListSchema.default([]),
  definition: FlowDefinitionSchema,
});
export type CreateIvrFlowRequest = z.infer<typeof CreateIvrFlowRequestSchema>;

/** Renames the flow or changes the numbers it answers (at once, when it is published). */
export const UpdateIvrFlowRequestSchema = z
  .strictObject({ name: FlowNameSchema, entryNumbers: EntryNumberListSchema })
  .partial()
  .refine((body) => Object.keys(body).length > 0, { message: 'nothing to change' });
export type UpdateIvrFlowRequest = z.infer<typeof UpdateIvrFlowRequestSchema>;

export const SaveIvrFlowVersionRequestSchema = z.strictObject({ definition: FlowDefinitionSchema });
export type SaveIvrFlowVersionRequest = z.infer<typeof SaveIvrFlowVersionRequestSchema>;

export const FlowVersionParamSchema = z.object({
  id: z.string().uuid(),
  version: z.coerce.number().int().min(1).max(1_000_000),
});
export type FlowVersionParam = z.infer<typeof FlowVersionParamSchema>;

// ── business hours calendars ─────────────────────────────────────────────────────────

export const BusinessHoursCalendarSchema = z.object({
  id: z.string(),
  name: z.string(),
  timeZone: z.string(),
  weekly: WeeklyHoursSchema,
  holidays: HolidayListSchema,
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type BusinessHoursCalendar = z.infer<typeof BusinessHoursCalendarSchema>;

export const BusinessHoursCalendarListSchema = z.object({ calendars: z.array(BusinessHoursCalendarSchema) });
export type BusinessHoursCalendarList = z.infer<typeof BusinessHoursCalendarListSchema>;

/** The same pieces, with the same checks, as a flow's inline businessHours node. */
export const CreateBusinessHoursCalendarRequestSchema = z.strictObject({
  name: CalendarNameSchema,
  timeZone: TimeZoneSchema,
  weekly: WeeklyHoursSchema,
  holidays: HolidayListSchema.default([]),
});
export type CreateBusinessHoursCalendarRequest = z.infer<typeof CreateBusinessHoursCalendarRequestSchema>;

export const UpdateBusinessHoursCalendarRequestSchema = z
  .strictObject({ name: CalendarNameSchema, timeZone: TimeZoneSchema, weekly: WeeklyHoursSchema, holidays: HolidayListSchema })
  .partial()
  .refine((body) => Object.keys(body).length > 0, { message: 'nothing to change' });
export type UpdateBusinessHoursCalendarRequest = z.infer<typeof UpdateBusinessHoursCalendarRequestSchema>;
