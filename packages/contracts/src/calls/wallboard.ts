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
});
export type QueueFigures = z.infer<typeof QueueFiguresSchema>;

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
});
export type Wallboard = z.infer<typeof WallboardSchema>;
