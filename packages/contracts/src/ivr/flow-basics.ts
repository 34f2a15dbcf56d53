import { z } from 'zod';
import { parseTemplate, VARIABLE_NAME_PATTERN } from './template.js';

/** The small pieces flows are made of: ids, variable names, keys, languages, times, texts. */
export const FlowLanguageSchema = z.enum(['en', 'zh']);
export type FlowLanguage = z.infer<typeof FlowLanguageSchema>;
export const FLOW_LANGUAGES = FlowLanguageSchema.options;

export const NodeIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'a node id is 1–64 letters, digits, "-" or "_"');
export type NodeId = z.infer<typeof NodeIdSchema>;

export const VariableNameSchema = z.string().regex(VARIABLE_NAME_PATTERN, 'a variable name is a word of letters, digits and "_" starting with a letter, optionally "namespace.name"');

/** Variables the runner sets from the call; flows read them and may not assign them. */
export const CALL_VARIABLES = ['caller', 'dialed', 'channel', 'callerList', 'digits'] as const;
/** Set by a CRM lookup that found the customer (or verified the account and PIN). */
export const CUSTOMER_VARIABLES = [
  'customer.found',
  'customer.id',
  'customer.name',
  'customer.accountNumber',
  'customer.phoneNumber',
  'customer.balanceCents',
  'customer.language',
] as const;
/** The caller's language: set by a language choice, or by setVariable (to one of the flow's languages). */
export const LANGUAGE_VARIABLE = 'language';

export function isReadOnlyVariable(name: string): boolean {
  return (CALL_VARIABLES as readonly string[]).includes(name) || name.startsWith('customer.');
}

export const DtmfKeySchema = z.string().regex(/^[0-9*#]$/, 'a key is one of 0–9, * or #');
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const WeekdaySchema = z.enum(WEEKDAYS);
export type Weekday = z.infer<typeof WeekdaySchema>;

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** A string that may hold `{{variable}}` placeholders (template.ts). */
export function templateText(max: number) {
  return z
    .string()
    .max(max)
    .superRefine((text, ctx) => {
      const parsed = parseTemplate(text);
      if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.error });
    });
}
export const TemplateTextSchema = templateText(1000);

export const TimeZoneSchema = z.string().min(1).max(64).refine(isValidTimeZone, 'not a time zone known to Intl (e.g. Asia/Shanghai, UTC)');
/** `HH:MM`, 00:00 to 24:00 (24:00 only as the end of a range). */
export const TimeOfDaySchema = z.string().regex(/^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/, 'a time of day is HH:MM, 00:00–24:00');
/** `YYYY-MM-DD` for one date, `MM-DD` for the same date every year. */
export const CalendarDateSchema = z
  .string()
  .regex(/^(?:\d{4}-)?(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/, 'a date is YYYY-MM-DD, or MM-DD for every year');

export function minutesOfDay(time: string): number {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

/** A time range within one day, `from` included, `to` excluded; overnight ranges are two ranges. */
export const TimeRangeSchema = z
  .strictObject({ from: TimeOfDaySchema, to: TimeOfDaySchema })
  .superRefine((range, ctx) => {
    if (range.from === '24:00') ctx.addIssue({ code: 'custom', path: ['from'], message: 'a range cannot start at 24:00' });
    else if (minutesOfDay(range.to) <= minutesOfDay(range.from)) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: `ends at ${range.to}, not after its start ${range.from} (split an overnight range in two)` });
    }
  });
export type TimeRange = z.infer<typeof TimeRangeSchema>;

/** A regular expression (a collect's pattern, a `matches` condition), short, and compiling. */
export const RegexSchema = z
  .string()
  .min(1)
  .max(100)
  .refine((pattern) => {
    try {
      new RegExp(pattern);
      return true;
    } catch {
      return false;
    }
  }, 'not a valid regular expression');
