import { AcdError, AcdErrorCode } from '../acd-error.js';

/**
 * A queue's routing rules as the administrator sets them (Prisma `Queue` + `QueueSkill`, plus
 * the rules the schema does not hold yet), validated and completed with defaults once, when
 * the queue is defined.
 *
 * Overflow rules run in order of `afterSeconds`, counted from the moment the contact entered
 * this queue. `widen` replaces the skill requirement with a wider one (skills dropped or
 * minimum levels lowered, never a new or stricter skill): each widen rule adds a *stage* of
 * the queue, stage 0 being the queue's own skills. `move` sends the contact to another queue,
 * where it keeps its original enqueue time (its place by waiting time) and starts that
 * queue's overflow rules afresh; a move is the last rule. Maximum wait counts from the
 * first enqueue, across moves.
 */
export const ROUTING_STRATEGIES = ['longest_idle', 'fewest_calls', 'round_robin', 'best_skill', 'ring_all'] as const;
export type RoutingStrategy = (typeof ROUTING_STRATEGIES)[number];

export interface SkillRequirement {
  skillId: string;
  /** 1 … 10, like `AgentSkill.level`. */
  minLevel: number;
}

export type OverflowAction =
  | { type: 'widen'; skills: readonly SkillRequirement[] }
  | { type: 'move'; queueId: string };

export interface OverflowRule {
  afterSeconds: number;
  action: OverflowAction;
}

export type MaxWaitOutcome = 'voicemail' | 'callback';

export interface QueueConfig {
  id: string;
  strategy: RoutingStrategy;
  skills: readonly SkillRequirement[];
  /** How long one offer rings before it moves on. */
  offerTimeoutSeconds: number;
  /** After-call work granted after each call from this queue; 0 = straight back to available. */
  wrapUpSeconds: number;
  /** An offer that rings out sets the agent not ready ('missed-offer'). Default true. */
  missedOfferSetsNotReady?: boolean;
  /** Priority points a waiting contact gains per second (see priority.ts). Default 1. */
  agingPerSecond?: number;
  /** Default none. */
  maxWait?: { seconds: number; outcome: MaxWaitOutcome } | null;
  /** Default none. */
  overflow?: readonly OverflowRule[];
  /** Position and estimated-wait announcements; default none. */
  announcements?: { firstAfterSeconds: number; everySeconds: number } | null;
  /** After an agent rejects a contact or lets it ring out, that contact is not offered to that agent again for this long. Default 30. */
  retryDeclinedAfterSeconds?: number;
}

/** A validated queue with every default filled in and its stages worked out. */
export interface QueueRules {
  id: string;
  strategy: RoutingStrategy;
  skills: readonly SkillRequirement[];
  offerTimeoutMs: number;
  wrapUpMs: number;
  missedOfferSetsNotReady: boolean;
  agingPerSecond: number;
  maxWait: { ms: number; outcome: MaxWaitOutcome } | null;
  overflow: readonly OverflowRule[];
  announcements: { firstAfterMs: number; everyMs: number } | null;
  retryDeclinedAfterMs: number;
  /** stage 0 = `skills`, then one per widen rule, in rule order. */
  stages: readonly (readonly SkillRequirement[])[];
}

export const DEFAULT_AGING_PER_SECOND = 1;
export const DEFAULT_RETRY_DECLINED_AFTER_SECONDS = 30;

function invalid(queueId: string, field: string, message: string): never {
  throw new AcdError(AcdErrorCode.InvalidQueue, `queue ${queueId}: ${field} ${message}`, field);
}

function checkNumber(queueId: string, field: string, value: number, min: number, integer = false): void {
  if (!Number.isFinite(value) || value < min || (integer && !Number.isInteger(value))) {
    invalid(queueId, field, `must be ${integer ? 'a whole number' : 'a number'} of at least ${min}`);
  }
}

function checkSkills(queueId: string, field: string, skills: readonly SkillRequirement[]): void {
  const seen = new Set<string>();
  skills.forEach((skill, i) => {
    if (!skill.skillId) invalid(queueId, `${field}.${i}.skillId`, 'is empty');
    if (seen.has(skill.skillId)) invalid(queueId, `${field}.${i}.skillId`, `repeats ${skill.skillId}`);
    seen.add(skill.skillId);
    if (!Number.isInteger(skill.minLevel) || skill.minLevel < 1 || skill.minLevel > 10) {
      invalid(queueId, `${field}.${i}.minLevel`, 'must be a whole number from 1 to 10');
    }
  });
}

/** Validates a queue definition (throws `acd/invalid-queue` naming the field) and fills defaults. */
export function queueRules(config: QueueConfig): QueueRules {
  const id = config.id;
  if (!id) invalid('(no id)', 'id', 'is empty');
  if (!ROUTING_STRATEGIES.includes(config.strategy)) invalid(id, 'strategy', `must be one of ${ROUTING_STRATEGIES.join(', ')}`);
  checkSkills(id, 'skills', config.skills);
  checkNumber(id, 'offerTimeoutSeconds', config.offerTimeoutSeconds, 1);
  checkNumber(id, 'wrapUpSeconds', config.wrapUpSeconds, 0);
  const agingPerSecond = config.agingPerSecond ?? DEFAULT_AGING_PER_SECOND;
  checkNumber(id, 'agingPerSecond', agingPerSecond, 0);
  const retry = config.retryDeclinedAfterSeconds ?? DEFAULT_RETRY_DECLINED_AFTER_SECONDS;
  checkNumber(id, 'retryDeclinedAfterSeconds', retry, 0);
  if (config.maxWait) {
    checkNumber(id, 'maxWait.seconds', config.maxWait.seconds, 1);
    if (config.maxWait.outcome !== 'voicemail' && config.maxWait.outcome !== 'callback') {
      invalid(id, 'maxWait.outcome', "must be 'voicemail' or 'callback'");
    }
  }
  if (config.announcements) {
    checkNumber(id, 'announcements.firstAfterSeconds', config.announcements.firstAfterSeconds, 0);
    checkNumber(id, 'announcements.everySeconds', config.announcements.everySeconds, 1);
  }

  const overflow = config.overflow ?? [];
  const stages: (readonly SkillRequirement[])[] = [config.skills];
  let previousAfter = 0;
  overflow.forEach((rule, i) => {
    const field = `overflow.${i}`;
    if (!Number.isFinite(rule.afterSeconds) || rule.afterSeconds <= previousAfter) {
      invalid(id, `${field}.afterSeconds`, 'must be positive and later than the rule before');
    }
    previousAfter = rule.afterSeconds;
    if (rule.action.type === 'move') {
      if (rule.action.queueId === id) invalid(id, `${field}.action.queueId`, 'is this queue');
      if (!rule.action.queueId) invalid(id, `${field}.action.queueId`, 'is empty');
      if (i !== overflow.length - 1) invalid(id, field, 'moves the contact away, so it must be the last rule');
    } else if (rule.action.type === 'widen') {
      checkSkills(id, `${field}.action.skills`, rule.action.skills);
      const before = new Map(stages[stages.length - 1]!.map((s) => [s.skillId, s.minLevel]));
      for (const skill of rule.action.skills) {
        const level = before.get(skill.skillId);
        if (level === undefined || skill.minLevel > level) {
          invalid(id, `${field}.action.skills`, `may only drop or lower requirements (${skill.skillId})`);
        }
      }
      stages.push(rule.action.skills);
    } else {
      invalid(id, `${field}.action.type`, "must be 'widen' or 'move'");
    }
  });

  return {
    id,
    strategy: config.strategy,
    skills: config.skills,
    offerTimeoutMs: config.offerTimeoutSeconds * 1000,
    wrapUpMs: config.wrapUpSeconds * 1000,
    missedOfferSetsNotReady: config.missedOfferSetsNotReady ?? true,
    agingPerSecond,
    maxWait: config.maxWait ? { ms: config.maxWait.seconds * 1000, outcome: config.maxWait.outcome } : null,
    overflow,
    announcements: config.announcements
      ? { firstAfterMs: config.announcements.firstAfterSeconds * 1000, everyMs: config.announcements.everySeconds * 1000 }
      : null,
    retryDeclinedAfterMs: retry * 1000,
    stages,
  };
}
