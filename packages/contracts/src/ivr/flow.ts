import { z } from 'zod';
import { ConditionSchema } from './condition.js';
import {
  CalendarDateSchema,
  DtmfKeySchema,
  FLOW_LANGUAGES,
  FlowLanguageSchema,
  NodeIdSchema,
  RegexSchema,
  TemplateTextSchema,
  templateText,
  TimeRangeSchema,
  TimeZoneSchema,
  VariableNameSchema,
  type Weekday,
  WEEKDAYS,
} from './flow-basics.js';
import { LocalizedPromptSchema } from './prompt.js';

/**
 * An IVR flow as data: a versioned JSON graph of nodes, each naming the node that follows
 * for each outcome (`next`, `onFailure`, a menu option's `next`, …). The shape is checked
 * here; `validateFlow` (flow-validation.ts) adds the checks across nodes (every target
 * exists, every node is reachable, menu keys unique, variables known) and names the
 * offending node and field of every problem, e.g. `nodes.main-menu.options.3.next`.
 *
 * Strict objects throughout: a misspelt field (`nxt`) is refused, not silently ignored.
 * Node-local settings get their defaults here; settings a flow can default for all its
 * nodes (timeouts, retries, retry prompts) stay optional and the runner falls back to the
 * flow's `defaults`.
 */
export const FLOW_SCHEMA_VERSION = 1;

/** Expected failures of IVR flows, mapped to HTTP / call events at the edge. */
export const IvrErrorCode = {
  /** A flow definition failed validation; `issues` name each node and field. */
  InvalidFlow: 'ivr/invalid-flow',
  /** A flow moved through too many nodes without waiting for the caller (a loop of conditions). */
  StepLimit: 'ivr/step-limit',
  /** The runner was asked to go to a node its flow does not have (a flow changed under a call). */
  UnknownNode: 'ivr/unknown-node',
} as const;
export type IvrErrorCode = (typeof IvrErrorCode)[keyof typeof IvrErrorCode];

const TimeoutMsSchema = z.number().int().min(500).max(120_000);
const InterDigitTimeoutMsSchema = z.number().int().min(500).max(60_000);
const RetriesSchema = z.number().int().min(0).max(5);
const SlugSchema = z.string().regex(/^[a-z][a-z0-9-]{0,47}$/, 'lower-case letters, digits and "-", starting with a letter');
const QueueNameSchema = z.string().min(1).max(64);
const SkillNameSchema = z.string().min(1).max(64);
export const MAX_QUEUE_PRIORITY = 10;

/** Fields every node may carry for the graphical editor; the runner ignores them. */
const editorFields = {
  label: z.string().max(100).optional(),
  position: z.strictObject({ x: z.number(), y: z.number() }).optional(),
};

/** Retry settings shared by the nodes that ask for keys; unset ones fall back to the flow's `defaults`. */
const askFields = {
  timeoutMs: TimeoutMsSchema.optional(),
  retries: RetriesSchema.optional(),
  invalidPrompt: LocalizedPromptSchema.optional(),
  noInputPrompt: LocalizedPromptSchema.optional(),
};

/** Plays a prompt, then goes on. `interruptible`: a key press cuts it short (and is not kept). */
export const PlayNodeSchema = z.strictObject({
  kind: z.literal('play'),
  ...editorFields,
  prompt: LocalizedPromptSchema,
  interruptible: z.boolean().default(false),
  next: NodeIdSchema,
});

/**
 * Plays the prompt (a key press interrupts it) and waits for one key. A key that is no
 * option, or no key within the timeout, plays the invalid / no-input prompt and asks again,
 * up to `retries` times; then `onNoInput` (no key) or `onFailure`. The key is kept in `digits`.
 */
export const MenuNodeSchema = z.strictObject({
  kind: z.literal('menu'),
  ...editorFields,
  prompt: LocalizedPromptSchema,
  options: z.array(z.strictObject({ key: DtmfKeySchema, next: NodeIdSchema, label: z.string().max(100).optional() })).min(1).max(12),
  ...askFields,
  onFailure: NodeIdSchema,
  onNoInput: NodeIdSchema.optional(),
});

/**
 * Asks for a number (account, PIN, …): between `minDigits` and `maxDigits` digits 0–9,
 * ended by the terminator, by the last allowed key or by a pause. The digits go to `variable` and to
 * `digits`; `pattern` (a regular expression) may further check them. `secret` keeps them
 * out of the call's timeline, the screen pop and `digits` (a PIN).
 */
export const CollectNodeSchema = z.strictObject({
  kind: z.literal('collect'),
  ...editorFields,
  prompt: LocalizedPromptSchema,
  variable: VariableNameSchema,
  minDigits: z.number().int().min(1).max(32).default(1),
  maxDigits: z.number().int().min(1).max(32),
  terminator: z.enum(['#', '*']).nullable().default('#'),
  interDigitTimeoutMs: InterDigitTimeoutMsSchema.optional(),
  pattern: RegexSchema.optional(),
  secret: z.boolean().default(false),
  ...askFields,
  next: NodeIdSchema,
  onFailure: NodeIdSchema,
  onNoInput: NodeIdSchema.optional(),
});

/** The first branch whose condition holds, else `otherwise`. */
export const ConditionNodeSchema = z.strictObject({
  kind: z.literal('condition'),
  ...editorFields,
  branches: z.array(z.strictObject({ when: ConditionSchema, next: NodeIdSchema, label: z.string().max(100).optional() })).min(1).max(20),
  otherwise: NodeIdSchema,
});

/** Opening hours per weekday; a day without ranges is closed. Shared with the named calendars (REST). */
export const WeeklyHoursSchema = z.strictObject(
  Object.fromEntries(WEEKDAYS.map((day) => [day, z.array(TimeRangeSchema).max(10).optional()])) as Record<Weekday, z.ZodOptional<z.ZodArray<typeof TimeRangeSchema>>>,
);
export type WeeklyHours = z.infer<typeof WeeklyHoursSchema>;
/** Days closed all day. Shared with the named calendars (REST). */
export const HolidayListSchema = z.array(z.strictObject({ date: CalendarDateSchema, name: z.string().max(100).optional() })).max(366);
export type HolidayList = z.infer<typeof HolidayListSchema>;
/** A calendar's name, as a businessHours node refers to it. */
export const CalendarNameSchema = z.string().trim().min(1).max(64);

/**
 * Opening hours in the flow's time zone, with holidays (closed all day). Goes to `holiday`
 * on a holiday (or `closed` when there is no holiday branch), `open` inside a range of the
 * day's hours, else `closed`. A day without ranges is closed.
 *
 * The hours are either inline (`timeZone`, `weekly`, `holidays`) or a named calendar the
 * administrator keeps (`calendar`), never both (checkFlowGraph). The server replaces a
 * calendar by its hours when a call starts, so the runner only ever sees inline hours.
 */
export const BusinessHoursNodeSchema = z.strictObject({
  kind: z.literal('businessHours'),
  ...editorFields,
  timeZone: TimeZoneSchema.optional(),
  weekly: WeeklyHoursSchema.optional(),
  holidays: HolidayListSchema.optional(),
  calendar: CalendarNameSchema.optional(),
  open: NodeIdSchema,
  closed: NodeIdSchema,
  holiday: NodeIdSchema.optional(),
});

/**
 * Finds the caller in the CRM, by the caller's number or by an account number the caller
 * keyed in (`account`, default `{{digits}}`). With `pin` the account is only found when the
 * PIN is right: the caller is never told which of the two was wrong. Found: the `customer.*`
 * variables are set.
 */
export const CrmLookupNodeSchema = z.strictObject({
  kind: z.literal('crmLookup'),
  ...editorFields,
  by: z.enum(['caller', 'account']),
  account: TemplateTextSchema.optional(),
  pin: TemplateTextSchema.optional(),
  found: NodeIdSchema,
  notFound: NodeIdSchema,
});

/** Assigns variables in order: a value (strings may hold placeholders) or an increment. */
export const AssignmentSchema = z.union(
  [
    z.strictObject({ variable: VariableNameSchema, value: z.union([templateText(200), z.number(), z.boolean(), z.null()]) }),
    z.strictObject({ variable: VariableNameSchema, add: z.number() }),
  ],
  { error: 'an assignment is {"variable", "value"} or {"variable", "add"}' },
);
export const SetVariableNodeSchema = z.strictObject({
  kind: z.literal('setVariable'),
  ...editorFields,
  assign: z.array(AssignmentSchema).min(1).max(20),
  next: NodeIdSchema,
});

/**
 * Asks the caller to pick a language by key. The prompt is heard in every language (as
 * with `allLanguages`). No valid key after the retries: `default` (else the flow's
 * default language), and the flow goes on; a language menu never drops a call.
 */
export const LanguageChoiceNodeSchema = z.strictObject({
  kind: z.literal('languageChoice'),
  ...editorFields,
  prompt: LocalizedPromptSchema,
  options: z.array(z.strictObject({ key: DtmfKeySchema, language: FlowLanguageSchema })).min(1).max(10),
  timeoutMs: TimeoutMsSchema.optional(),
  retries: RetriesSchema.optional(),
  default: FlowLanguageSchema.optional(),
  next: NodeIdSchema,
});

/**
 * Hands the call to the ACD: a queue, a priority (0–10, higher first; a number or a
 * placeholder such as `{{priority}}`), required skills, plus the skill for the caller's
 * language from `languageSkills`. `afterCall`: where the caller goes when the agent hangs
 * up first (a survey). `onFailure`: where the call goes when the ACD refuses it.
 */
export const QueueNodeSchema = z.strictObject({
  kind: z.literal('queue'),
  ...editorFields,
  queue: QueueNameSchema,
  priority: z.union([z.number().int().min(0).max(MAX_QUEUE_PRIORITY), templateText(100)]).default(0),
  skills: z.array(z.strictObject({ skill: SkillNameSchema, minLevel: z.number().int().min(1).max(10).default(1) })).max(10).default([]),
  languageSkills: z.strictObject({ en: SkillNameSchema.optional(), zh: SkillNameSchema.optional() }).optional(),
  prompt: LocalizedPromptSchema.optional(),
  afterCall: NodeIdSchema.optional(),
  onFailure: NodeIdSchema.optional(),
});

export const TransferTargetSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('agent'), username: z.string().min(1).max(64) }),
  z.strictObject({ type: z.literal('extension'), extension: z.string().regex(/^[0-9]{2,10}$/, 'an extension is 2–10 digits') }),
  z.strictObject({ type: z.literal('external'), number: z.string().regex(/^\+?[0-9]{2,20}$/, 'an external number is 2–20 digits, optionally after "+"') }),
]);
export type TransferTarget = z.infer<typeof TransferTargetSchema>;

/** Transfers the caller to one agent, an extension or an outside number. */
export const TransferNodeSchema = z.strictObject({
  kind: z.literal('transfer'),
  ...editorFields,
  to: TransferTargetSchema,
  prompt: LocalizedPromptSchema.optional(),
  afterCall: NodeIdSchema.optional(),
  onFailure: NodeIdSchema.optional(),
});

/** Records a message after the prompt (and a beep), kept with the customer found in the CRM, if any. */
export const VoicemailNodeSchema = z.strictObject({
  kind: z.literal('voicemail'),
  ...editorFields,
  prompt: LocalizedPromptSchema,
  maxSeconds: z.number().int().min(5).max(600).default(120),
  beep: z.boolean().default(true),
  mailbox: z.string().min(1).max(64).optional(),
  next: NodeIdSchema.optional(),
});

/**
 * Offers a call back instead of waiting: the caller presses `acceptKey` to accept. The
 * number is `number` (default the caller's); without a dialable number the offer is skipped
 * and the flow goes to `declined`.
 */
export const CallbackNodeSchema = z.strictObject({
  kind: z.literal('callback'),
  ...editorFields,
  prompt: LocalizedPromptSchema,
  acceptKey: DtmfKeySchema.default('1'),
  number: TemplateTextSchema.optional(),
  queue: QueueNameSchema,
  timeoutMs: TimeoutMsSchema.optional(),
  accepted: NodeIdSchema,
  declined: NodeIdSchema,
});

/** Asks each question for a score key from 1 to `maxScore`; a question left unanswered scores nothing. */
export const SurveyNodeSchema = z.strictObject({
  kind: z.literal('survey'),
  ...editorFields,
  survey: SlugSchema,
  questions: z.array(z.strictObject({ id: SlugSchema, prompt: LocalizedPromptSchema, maxScore: z.number().int().min(1).max(9) })).min(1).max(10),
  timeoutMs: TimeoutMsSchema.optional(),
  thanks: LocalizedPromptSchema.optional(),
  next: NodeIdSchema.optional(),
});

/** Plays an optional last prompt and hangs up; `reason` goes on the call record. */
export const HangupNodeSchema = z.strictObject({
  kind: z.literal('hangup'),
  ...editorFields,
  prompt: LocalizedPromptSchema.optional(),
  reason: SlugSchema.default('completed'),
});

export const FlowNodeSchema = z.discriminatedUnion('kind', [
  PlayNodeSchema,
  MenuNodeSchema,
  CollectNodeSchema,
  ConditionNodeSchema,
  BusinessHoursNodeSchema,
  CrmLookupNodeSchema,
  SetVariableNodeSchema,
  LanguageChoiceNodeSchema,
  QueueNodeSchema,
  TransferNodeSchema,
  VoicemailNodeSchema,
  CallbackNodeSchema,
  SurveyNodeSchema,
  HangupNodeSchema,
]);
export type FlowNode = z.infer<typeof FlowNodeSchema>;
export type FlowNodeKind = FlowNode['kind'];
export type FlowNodeOf<K extends FlowNodeKind> = Extract<FlowNode, { kind: K }>;

/** Settings every node falls back to. */
export const FlowDefaultsSchema = z.strictObject({
  timeoutMs: TimeoutMsSchema.default(5000),
  interDigitTimeoutMs: InterDigitTimeoutMsSchema.default(3000),
  retries: RetriesSchema.default(2),
  invalidPrompt: LocalizedPromptSchema.optional(),
  noInputPrompt: LocalizedPromptSchema.optional(),
});

/** The structure of a flow; `FlowSchema` (flow-validation.ts) adds the checks across nodes. */
export const FlowShapeSchema = z.strictObject({
  schemaVersion: z.literal(FLOW_SCHEMA_VERSION),
  id: SlugSchema,
  name: z.string().min(1).max(100),
  version: z.number().int().min(1),
  description: z.string().max(1000).optional(),
  /** The languages the flow speaks, in the order `allLanguages` prompts play them. */
  languages: z
    .array(FlowLanguageSchema)
    .min(1)
    .max(FLOW_LANGUAGES.length)
    .refine((languages) => new Set(languages).size === languages.length, 'a language is listed twice')
    .default(['en']),
  defaultLanguage: FlowLanguageSchema.default('en'),
  defaults: FlowDefaultsSchema.default({ timeoutMs: 5000, interDigitTimeoutMs: 3000, retries: 2 }),
  start: NodeIdSchema,
  nodes: z.record(NodeIdSchema, FlowNodeSchema).refine((nodes) => Object.keys(nodes).length <= 500, 'a flow has at most 500 nodes'),
});
export type Flow = z.infer<typeof FlowShapeSchema>;
/** A flow as written (defaults not yet applied): what an editor saves. */
export type FlowInput = z.input<typeof FlowShapeSchema>;
