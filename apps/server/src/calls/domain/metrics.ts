import { type AgentActivity } from '@ccx/contracts';
import { type CallRecord } from './call-record.js';

/**
 * The contact-center figures of SPEC.md "Definitions", computed exactly as defined there
 * from call records (themselves reduced from events), so every figure on a wallboard or in
 * a report can be traced back to a call's timeline. Pure; times in ms since the epoch.
 *
 * Which calls an interval holds: a call belongs to the interval in which it first entered a
 * queue (`enqueuedAt`), and to the queue where that first wait ended (`queueId`, after any
 * overflows). Each call counts once, in its first wait; outbound calls and calls that never
 * queued are not "offered". Intervals are half-open: `from` ≤ t < `to`.
 *
 * - **offered**: calls that entered a queue.
 * - **answered**: offered calls whose first wait ended with an agent connected.
 * - **abandoned**: offered calls whose caller hung up while queued; a **short abandon** is one
 *   that waited at most 5 s (`SHORT_ABANDON_SECONDS`, "within 5 s" includes 5.000 s).
 * - **service level** = answered within T ÷ (offered − short abandons), "within" meaning a
 *   wait ≤ T; T is the queue's `serviceLevelSeconds` (default 20). A call still waiting is
 *   counted once its verdict is known: as missed once it has waited longer than T; until
 *   then it stays out of the ratio (it may yet be answered in time or be a short abandon).
 * - **ASA** = mean wait of answered calls.
 * - **AHT** = mean (talk + hold + after-call work) of answered calls whose handling is over
 *   (call ended, every wrap-up ended).
 * - **abandon rate** = abandoned ÷ offered (short abandons included).
 * - **occupancy** = time on calls and in wrap-up ÷ time logged in and not in not-ready.
 *
 * Every ratio or mean over nothing is null, never NaN.
 */

export const SHORT_ABANDON_SECONDS = 5;
export const DEFAULT_SERVICE_LEVEL_SECONDS = 20;

export interface TimeInterval {
  from: number;
  to: number;
}

export interface QueueMetricsOptions {
  interval: TimeInterval;
  /** One queue's figures; all queues together when omitted. */
  queueId?: string;
  /** T per queue id, in seconds; queues not listed use 20 s. */
  serviceLevelSeconds?: Readonly<Record<string, number>>;
}

export interface QueueMetrics {
  offered: number;
  answered: number;
  answeredWithinThreshold: number;
  abandoned: number;
  shortAbandoned: number;
  /** Left the queue for voicemail, a callback, … or ended by the system while queued. */
  leftOtherwise: number;
  /** Still waiting. */
  waiting: number;
  /** The service level's denominator: offered − short abandons − still-waiting calls not yet past T. */
  serviceLevelBase: number;
  serviceLevel: number | null;
  asaSeconds: number | null;
  ahtSeconds: number | null;
  abandonRate: number | null;
}

/** Calls offered in the interval (to one queue, or to any). */
export function offeredCalls(records: readonly CallRecord[], interval: TimeInterval, queueId?: string): CallRecord[] {
  return records.filter(
    (r) =>
      r.enqueuedAt !== null &&
      r.enqueuedAt >= interval.from &&
      r.enqueuedAt < interval.to &&
      (queueId === undefined || r.queueId === queueId),
  );
}

export function computeQueueMetrics(records: readonly CallRecord[], options: QueueMetricsOptions): QueueMetrics {
  const offered = offeredCalls(records, options.interval, options.queueId);
  const thresholdOf = (r: CallRecord) =>
    (r.queueId !== null ? options.serviceLevelSeconds?.[r.queueId] : undefined) ?? DEFAULT_SERVICE_LEVEL_SECONDS;

  const answered = offered.filter((r) => r.waitOutcome === 'answered');
  const abandoned = offered.filter((r) => r.waitOutcome === 'abandoned');
  const shortAbandoned = abandoned.filter((r) => r.waitSeconds !== null && r.waitSeconds <= SHORT_ABANDON_SECONDS);
  const waiting = offered.filter((r) => r.waitOutcome === 'waiting');
  const undecided = waiting.filter((r) => r.waitSeconds === null || r.waitSeconds <= thresholdOf(r));
  const answeredWithinThreshold = answered.filter((r) => r.waitSeconds !== null && r.waitSeconds <= thresholdOf(r));
  const handled = answered.filter(isHandled);
  const serviceLevelBase = offered.length - shortAbandoned.length - undecided.length;

  return {
    offered: offered.length,
    answered: answered.length,
    answeredWithinThreshold: answeredWithinThreshold.length,
    abandoned: abandoned.length,
    shortAbandoned: shortAbandoned.length,
    leftOtherwise: offered.length - answered.length - abandoned.length - waiting.length,
    waiting: waiting.length,
    serviceLevelBase,
    serviceLevel: ratio(answeredWithinThreshold.length, serviceLevelBase),
    asaSeconds: mean(answered.map((r) => r.waitSeconds ?? 0)),
    ahtSeconds: mean(handled.map((r) => r.handleSeconds ?? 0)),
    abandonRate: ratio(abandoned.length, offered.length),
  };
}

/** An answered call whose handling is over: ended, every wrap-up ended, so its handle time is final. */
export function isHandled(r: CallRecord): boolean {
  return r.waitOutcome === 'answered' && r.status === 'ended' && r.handleSeconds !== null && r.wrapUps.every((w) => w.endedAt !== null);
}

// ── occupancy ─────────────────────────────────────────────────────────────────────────

/** One stretch of one agent in one state; `end` null while it lasts. Logged out = no stretch. */
export interface AgentStateInterval {
  agentId: string;
  state: AgentActivity;
  start: number;
  end: number | null;
}

export interface OccupancyFigures {
  /** On a call or in wrap-up. */
  busySeconds: number;
  /** Logged in and not in not-ready (available, ringing, on a call, in wrap-up). */
  staffedSeconds: number;
  occupancy: number | null;
}

/**
 * Occupancy = busy ÷ staffed, over the part of each stretch inside the interval (a stretch
 * still open runs to the interval's end). Per agent and for all agents together.
 */
export function computeOccupancy(
  intervals: readonly AgentStateInterval[],
  interval: TimeInterval,
): OccupancyFigures & { byAgent: Record<string, OccupancyFigures> } {
  const totals = { busyMs: 0, staffedMs: 0 };
  const perAgent = new Map<string, { busyMs: number; staffedMs: number }>();
  for (const stretch of intervals) {
    const ms = Math.max(0, Math.min(stretch.end ?? interval.to, interval.to) - Math.max(stretch.start, interval.from));
    const agent = perAgent.get(stretch.agentId) ?? { busyMs: 0, staffedMs: 0 };
    perAgent.set(stretch.agentId, agent);
    if (stretch.state === 'not-ready') continue;
    const busy = stretch.state === 'on-call' || stretch.state === 'wrap-up';
    for (const sum of [totals, agent]) {
      sum.staffedMs += ms;
      if (busy) sum.busyMs += ms;
    }
  }
  const figures = ({ busyMs, staffedMs }: { busyMs: number; staffedMs: number }): OccupancyFigures => ({
    busySeconds: busyMs / 1000,
    staffedSeconds: staffedMs / 1000,
    occupancy: ratio(busyMs, staffedMs),
  });
  return {
    ...figures(totals),
    byAgent: Object.fromEntries([...perAgent].map(([agentId, sum]) => [agentId, figures(sum)])),
  };
}

// ── estimated wait time ───────────────────────────────────────────────────────────────

export interface EwtInput {
  /** The caller's place in the queue, 1 = next. */
  position: number;
  /** Recent AHT of the queue (`recentAverageHandleSeconds`). */
  ahtSeconds: number | null;
  /** Agents of the queue logged in and not in not-ready (available, ringing, on a call, in wrap-up). */
  staffedAgents: number;
  /** Of those, how many are available right now. */
  availableAgents?: number;
}

/**
 * EWT = max(0, position − available agents) × AHT_recent ÷ staffed agents, in whole seconds.
 *
 * Staffed agents each free up once per AHT on average, so together N agents take a call
 * every AHT ÷ N; the caller at position p waits for p of them, less the agents already
 * free. Null (announce the position only) when nobody is staffed or there is no recent
 * handle time to go on.
 */
export function estimateWaitSeconds(input: EwtInput): number | null {
  const { position, ahtSeconds, staffedAgents, availableAgents = 0 } = input;
  if (ahtSeconds === null || staffedAgents <= 0 || position < 1) return null;
  const ahead = Math.max(0, position - availableAgents);
  return Math.round((ahead * ahtSeconds) / staffedAgents);
}

export interface RecentHandleOptions {
  queueId: string;
  now: number;
  /** At most this many of the latest handled calls (default 20). */
  maxCalls?: number;
  /** Only calls that ended at most this long ago (default 1 hour). */
  maxAgeSeconds?: number;
}

/** AHT_recent: mean handle time of the queue's latest handled calls; null with none. */
export function recentAverageHandleSeconds(records: readonly CallRecord[], options: RecentHandleOptions): number | null {
  const { queueId, now, maxCalls = 20, maxAgeSeconds = 3600 } = options;
  const recent = records
    .filter(
      (r) =>
        r.queueId === queueId &&
        isHandled(r) &&
        r.endedAt !== null &&
        r.endedAt <= now &&
        r.endedAt > now - maxAgeSeconds * 1000,
    )
    .sort((a, b) => (b.endedAt ?? 0) - (a.endedAt ?? 0))
    .slice(0, maxCalls);
  return mean(recent.map((r) => r.handleSeconds ?? 0));
}

export interface EwtError {
  /** Announcements compared. */
  samples: number;
  /** Mean |announced − actual|. */
  meanAbsoluteErrorSeconds: number | null;
  /** Mean (announced − actual): positive means we announced longer waits than callers had. */
  meanSignedErrorSeconds: number | null;
}

/**
 * How far the announced waits were off. Every announcement with an EWT, made during the
 * first wait of an answered call offered in the interval, is one sample: actual = answer −
 * the announcement's time (the wait that was still ahead when it was announced). Calls not
 * answered are left out: their real wait is unknown.
 */
export function computeEwtError(records: readonly CallRecord[], options: { interval: TimeInterval; queueId?: string }): EwtError {
  const errors: number[] = [];
  for (const r of offeredCalls(records, options.interval, options.queueId)) {
    if (r.waitOutcome !== 'answered' || r.enqueuedAt === null || r.waitSeconds === null) continue;
    const answeredAt = r.enqueuedAt + Math.round(r.waitSeconds * 1000);
    for (const a of r.announcements) {
      if (a.ewtSeconds === null || a.at > answeredAt) continue;
      errors.push(a.ewtSeconds - (answeredAt - a.at) / 1000);
    }
  }
  return {
    samples: errors.length,
    meanAbsoluteErrorSeconds: mean(errors.map(Math.abs)),
    meanSignedErrorSeconds: mean(errors),
  };
}

// ── helpers ───────────────────────────────────────────────────────────────────────────

export function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

export function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((sum, v) => sum + v, 0) / values.length;
}
