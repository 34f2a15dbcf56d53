import { z } from 'zod';
import { DEFAULT_WALLBOARD_THRESHOLDS, WallboardThresholdsSchema } from '../calls/wallboard.js';

/**
 * Skills and queues as the administrator edits them. Skills and queues are named in these
 * bodies (what a person reads); the server keeps ids underneath, so a rename never breaks a
 * queue, an agent or an overflow rule.
 */

const IsoTime = z.string();

export const SkillNameSchema = z.string().trim().min(1, 'required').max(64);

export const SkillSchema = z.object({ id: z.string(), name: z.string() });
export type Skill = z.infer<typeof SkillSchema>;

export const SkillCatalogSchema = z.object({ skills: z.array(SkillSchema) });
export type SkillCatalog = z.infer<typeof SkillCatalogSchema>;

/** Create and rename take the same body. */
export const SkillRequestSchema = z.strictObject({ name: SkillNameSchema });
export type SkillRequest = z.infer<typeof SkillRequestSchema>;

export const QueueNameSchema = z.string().trim().min(1, 'required').max(64);
export const RoutingStrategySchema = z.enum(['longest_idle', 'fewest_calls', 'round_robin', 'best_skill', 'ring_all']);
export type RoutingStrategy = z.infer<typeof RoutingStrategySchema>;

/** An agent serves the queue with at least this level of the skill (1 novice … 10 expert). */
export const SkillRequirementSchema = z.strictObject({
  skill: SkillNameSchema,
  minLevel: z.number().int().min(1).max(10),
});
export type SkillRequirement = z.infer<typeof SkillRequirementSchema>;

const SkillRequirementListSchema = z
  .array(SkillRequirementSchema)
  .max(20)
  .superRefine((skills, ctx) => {
    const seen = new Set<string>();
    skills.forEach((skill, index) => {
      const key = skill.skill.toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [index, 'skill'], message: `"${skill.skill}" is listed twice` });
      seen.add(key);
    });
  });

/**
 * After `afterSeconds` in this queue a waiting call is served by a wider set of skills
 * (`widen`: skills dropped or minimum levels lowered, never a new or stricter one), or moves
 * to another queue keeping its place by waiting time (`move`, always the last rule).
 */
export const OverflowRuleSchema = z.strictObject({
  afterSeconds: z.number().int().min(1).max(86_400),
  action: z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('widen'), skills: SkillRequirementListSchema }),
    z.strictObject({ type: z.literal('move'), queue: QueueNameSchema }),
  ]),
});
export type OverflowRule = z.infer<typeof OverflowRuleSchema>;

export const MaxWaitOutcomeSchema = z.enum(['voicemail', 'callback']);

/** Every routing setting of a queue (the ACD's `QueueConfig`), with the defaults a new queue gets. */
const queueSettings = {
  name: QueueNameSchema,
  strategy: RoutingStrategySchema,
  skills: SkillRequirementListSchema,
  /** How long one offer rings one agent before it moves on. */
  offerTimeoutSeconds: z.number().int().min(1).max(600),
  /** After-call work granted after each call; 0: straight back to available. */
  wrapUpSeconds: z.number().int().min(0).max(3600),
  /** Service level threshold T (answered within T seconds). */
  serviceLevelSeconds: z.number().int().min(1).max(3600),
  /** The longest a caller waits before voicemail or a callback; null: no limit. */
  maxWait: z.strictObject({ seconds: z.number().int().min(1).max(86_400), outcome: MaxWaitOutcomeSchema }).nullable(),
  overflow: z.array(OverflowRuleSchema).max(10),
  /** A rung-out offer sets the agent not ready ('missed-offer'). */
  missedOfferSetsNotReady: z.boolean(),
  /** Priority points a waiting call gains per second, so long waiters are not starved. */
  agingPerSecond: z.number().min(0).max(100),
  /** Position and estimated-wait announcements: first after, then every; null: none. */
  announcements: z.strictObject({ firstAfterSeconds: z.number().int().min(0).max(3600), everySeconds: z.number().int().min(1).max(3600) }).nullable(),
  /** The wallboard's warning and alert colours for this queue's figures. */
  wallboardThresholds: WallboardThresholdsSchema,
};

export const QueueSchema = z.object({
  id: z.string(),
  ...queueSettings,
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type Queue = z.infer<typeof QueueSchema>;

export const QueueListSchema = z.object({ queues: z.array(QueueSchema) });
export type QueueList = z.infer<typeof QueueListSchema>;

export const CreateQueueRequestSchema = z.strictObject({
  name: queueSettings.name,
  strategy: queueSettings.strategy.default('longest_idle'),
  skills: queueSettings.skills.default([]),
  offerTimeoutSeconds: queueSettings.offerTimeoutSeconds.default(15),
  wrapUpSeconds: queueSettings.wrapUpSeconds.default(30),
  serviceLevelSeconds: queueSettings.serviceLevelSeconds.default(20),
  maxWait: queueSettings.maxWait.default(null),
  overflow: queueSettings.overflow.default([]),
  missedOfferSetsNotReady: queueSettings.missedOfferSetsNotReady.default(true),
  agingPerSecond: queueSettings.agingPerSecond.default(1),
  announcements: queueSettings.announcements.default({ firstAfterSeconds: 20, everySeconds: 60 }),
  wallboardThresholds: queueSettings.wallboardThresholds.default(DEFAULT_WALLBOARD_THRESHOLDS),
});
export type CreateQueueRequest = z.infer<typeof CreateQueueRequestSchema>;
export type CreateQueueInput = z.input<typeof CreateQueueRequestSchema>;

/** Any subset of the settings; lists (skills, overflow) are replaced whole. */
export const UpdateQueueRequestSchema = z
  .strictObject(queueSettings)
  .partial()
  .refine((body) => Object.keys(body).length > 0, { message: 'nothing to change' });
export type UpdateQueueRequest = z.infer<typeof UpdateQueueRequestSchema>;
