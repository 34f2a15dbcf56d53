import { z } from 'zod';

/**
 * The supervisor's wallboard: live queue figures and agents by state. Computed by the
 * server from the live snapshot (waiting calls, agent states) and today's call records,
 * with the SPEC.md definitions (see `apps/server/src/calls/domain/metrics.ts`).
 *
 * Ratios are fractions 0…1 (the UI shows percentages); every figure that would divide by
 * zero is null ("no calls yet"), never NaN.
 */

/** What an agent is doing, as the wallboard counts it. Logged-out agents are not counted. */
export const AgentActivitySchema = z.enum(['available', 'ringing', 'on-call', 'wrap-up', 'not-ready']);
export type AgentActivity = z.infer<typeof AgentActivitySchema>;

export const AgentsByStateSchema = z.object({
  available: z.number().int().nonnegative(),
  ringing: z.number().int().nonnegative(),
  'on-call': z.number().int().nonnegative(),
  'wrap-up': z.number().int().nonnegative(),
  'not-ready': z.number().int().nonnegative(),
});
export type AgentsByState = z.infer<typeof AgentsByStateSchema>;

const Ratio = z.number().min(0).max(1).nullable();
const Seconds = z.number().nonnegative().nullable();

/** The figures of one queue, or of all queues together. */
export const QueueFiguresSchema = z.object({
  /** Calls waiting now. */
  waiting: z.number().int().nonnegative(),
  /** How long the longest-waiting call has waited, now; null when nobody waits. */
  longestWaitSeconds: Seconds,
  offered: z.number().int().nonnegative(),
  answered: z.number().int().nonnegative(),
  abandoned: z.number().int().nonnegative(),
  /** Answered within T ÷ (offered − short abandons). */
  serviceLevel: Ratio,
  /** Mean queue wait of answered calls. */
  asaSeconds: Seconds,
  /** Mean talk + hold + after-call work of answered calls. */
  ahtSeconds: Seconds,
  /** Abandoned ÷ offered. */
  abandonRate: Ratio,
  agentsByState: AgentsByStateSchema,
  /**
   * Estimated wait of a caller who joined now (position = waiting + 1), the same estimate the
   * callers hear: max(0, position − available agents) × recent AHT ÷ staffed agents. Null
   * when nobody is staffed or no call was handled in the last hour. Totals: the longest of
   * the queues' estimates.
   */
  ewtSeconds: Seconds,
  /**
   * How far today's announced waits were off (SPEC: a reported figure): each announcement
   * with an estimate, made to a caller later answered, against the wait that was still
   * ahead of them. Mean |announced − actual| and mean (announced − actual): positive means
   * callers were told longer waits than they had. Calls not answered are left out.
   */
  ewtError: z.object({
    samples: z.number().int().nonnegative(),
    meanAbsoluteErrorSeconds: z.number().nonnegative().nullable(),
    meanSignedErrorSeconds: z.number().nullable(),
  }),
});
export type QueueFigures = z.infer<typeof QueueFiguresSchema>;

/**
 * Colour thresholds of one queue on the wallboard, set by the administrator (null: no
 * threshold). A figure at or past a limit is shown in the warning or alert colour and
 * says so in words. Service level: below the percentage; longest wait: above the seconds.
 */
export const WallboardThresholdsSchema = z
  .strictObject({
    serviceLevelWarnBelowPercent: z.number().int().min(0).max(100).nullable(),
    serviceLevelAlertBelowPercent: z.number().int().min(0).max(100).nullable(),
    longestWaitWarnSeconds: z.number().int().min(1).max(86_400).nullable(),
    longestWaitAlertSeconds: z.number().int().min(1).max(86_400).nullable(),
  })
  .refine((t) => t.serviceLevelWarnBelowPercent === null || t.serviceLevelAlertBelowPercent === null || t.serviceLevelAlertBelowPercent <= t.serviceLevelWarnBelowPercent, {
    message: 'the alert level must not be above the warning level',
    path: ['serviceLevelAlertBelowPercent'],
  })
  .refine((t) => t.longestWaitWarnSeconds === null || t.longestWaitAlertSeconds === null || t.longestWaitAlertSeconds >= t.longestWaitWarnSeconds, {
    message: 'the alert wait must not be shorter than the warning wait',
    path: ['longestWaitAlertSeconds'],
  });
export type WallboardThresholds = z.infer<typeof WallboardThresholdsSchema>;

export const DEFAULT_WALLBOARD_THRESHOLDS: WallboardThresholds = {
  serviceLevelWarnBelowPercent: 80,
  serviceLevelAlertBelowPercent: 60,
  longestWaitWarnSeconds: 30,
  longestWaitAlertSeconds: 60,
};

/**
 * One agent's figures today. Handled: calls offered to a queue that the agent answered,
 * whose handling is over (call ended, wrap-up ended). AHT: their mean talk + hold +
 * after-call work. Occupancy (SPEC): time on calls and in wrap-up ÷ time logged in and not
 * in a not-ready state, from the agent state log since midnight.
 */
export const AgentFiguresSchema = z.object({
  agentId: z.string(),
  handled: z.number().int().nonnegative(),
  ahtSeconds: Seconds,
  occupancy: Ratio,
  busySeconds: z.number().nonnegative(),
  staffedSeconds: z.number().nonnegative(),
  /** The call the agent is connected to now (the client counts its duration from `since`). */
  currentCall: z
    .object({
      callId: z.string(),
      callerNumber: z.string(),
      queueId: z.string().nullable(),
      direction: z.string(),
      since: z.string(),
    })
    .nullable(),
});
export type AgentFigures = z.infer<typeof AgentFiguresSchema>;

export const AgentTotalsSchema = z.object({
  handled: z.number().int().nonnegative(),
  ahtSeconds: Seconds,
  occupancy: Ratio,
});
export type AgentTotals = z.infer<typeof AgentTotalsSchema>;

/** One 15-minute interval of today: calls offered in it and their service level. */
export const IntervalFiguresSchema = z.object({
  /** Start of the interval. */
  start: z.string(),
  offered: z.number().int().nonnegative(),
  answered: z.number().int().nonnegative(),
  answeredWithinThreshold: z.number().int().nonnegative(),
  /** Of the calls offered in the interval (SPEC's definition); null when none counts yet. */
  serviceLevel: Ratio,
});
export type IntervalFigures = z.infer<typeof IntervalFiguresSchema>;

export const IntradaySchema = z.object({
  intervalMinutes: z.number().int().positive(),
  /** From midnight to the interval holding now, in order. */
  queues: z.array(z.object({ queueId: z.string(), intervals: z.array(IntervalFiguresSchema) })),
  totals: z.array(IntervalFiguresSchema),
});
export type Intraday = z.infer<typeof IntradaySchema>;

export const WallboardSchema = z.object({
  /** When the figures were computed. */
  at: z.string(),
  /** Start of the period the call figures cover (today, from local midnight). */
  since: z.string(),
  queues: z.array(
    QueueFiguresSchema.extend({
      queueId: z.string(),
      /** The queue's service level threshold T, in seconds. */
      serviceLevelSeconds: z.number().int().positive(),
    }),
  ),
  /** All queues together (each call measured against its own queue's T). */
  totals: QueueFiguresSchema,
  agents: z.array(AgentFiguresSchema),
  agentTotals: AgentTotalsSchema,
  intraday: IntradaySchema,
});
export type Wallboard = z.infer<typeof WallboardSchema>;
