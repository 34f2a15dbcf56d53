import { z } from 'zod';
import { CalendarDateSchema, minutesOfDay, RegexSchema, templateText, TimeOfDaySchema, TimeZoneSchema, VariableNameSchema, type Weekday, WeekdaySchema } from './flow-basics.js';

export const ScalarSchema = z.union([z.string().max(200), z.number(), z.boolean()]);
export type Scalar = z.infer<typeof ScalarSchema>;

/**
 * A test on call variables (caller number, collected digits, CRM fields, …) or on the time.
 * String values may hold placeholders (compare with another variable). Ordering operators
 * compare as numbers (false when either side is not a number); `eq`/`ne`/`in` compare as text.
 */
export type Condition =
  | { op: 'eq' | 'ne' | 'lt' | 'lte' | 'gt' | 'gte' | 'startsWith'; variable: string; value: Scalar }
  | { op: 'matches'; variable: string; value: string }
  | { op: 'in' | 'notIn'; variable: string; values: Scalar[] }
  | { op: 'exists' | 'empty'; variable: string }
  | { op: 'all' | 'any'; conditions: Condition[] }
  | { op: 'not'; condition: Condition }
  | { op: 'time'; timeZone: string; days?: Weekday[]; from?: string; to?: string; dates?: string[] };

const ComparisonSchema = z.strictObject({
  op: z.enum(['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'startsWith']),
  variable: VariableNameSchema,
  value: z.union([templateText(200), z.number(), z.boolean()]),
});
const MatchesSchema = z.strictObject({
  op: z.literal('matches'),
  variable: VariableNameSchema,
  value: RegexSchema,
});
const MembershipSchema = z.strictObject({ op: z.enum(['in', 'notIn']), variable: VariableNameSchema, values: z.array(ScalarSchema).min(1).max(50) });
const PresenceSchema = z.strictObject({ op: z.enum(['exists', 'empty']), variable: VariableNameSchema });
const TimeConditionSchema = z
  .strictObject({
    op: z.literal('time'),
    timeZone: TimeZoneSchema,
    days: z.array(WeekdaySchema).min(1).max(7).optional(),
    from: TimeOfDaySchema.optional(),
    to: TimeOfDaySchema.optional(),
    dates: z.array(CalendarDateSchema).min(1).max(100).optional(),
  })
  .superRefine((window, ctx) => {
    if (window.from && window.to && minutesOfDay(window.to) <= minutesOfDay(window.from)) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: `ends at ${window.to}, not after its start ${window.from}` });
    }
  });

export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.discriminatedUnion('op', [
    ComparisonSchema,
    MatchesSchema,
    MembershipSchema,
    PresenceSchema,
    z.strictObject({ op: z.enum(['all', 'any']), conditions: z.array(ConditionSchema).min(1).max(20) }),
    z.strictObject({ op: z.literal('not'), condition: ConditionSchema }),
    TimeConditionSchema,
  ]),
);
