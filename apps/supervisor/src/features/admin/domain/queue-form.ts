/**
 * The queue form: every routing setting as the inputs hold it, and the request body
 * (create or update) checked with the contract's schema. Overflow rules are kept as they
 * are (edited through the API for now). The wallboard thresholds are four numbers, each
 * empty for "none" (the wallboard then gives no verdict on that side).
 */
import { DEFAULT_WALLBOARD_THRESHOLDS, type WallboardThresholds, CreateQueueRequestSchema, type FieldIssue, type Queue, type RoutingStrategy, UpdateQueueRequestSchema, type CreateQueueRequest, type UpdateQueueRequest } from '@ccx/contracts';
import { checkBody, decimal, wholeNumber } from './form-check';
import { formatSkillLevels, parseSkillLevels } from './skill-levels';

export interface QueueDraft {
  name: string;
  strategy: RoutingStrategy;
  skills: string;
  offerTimeoutSeconds: string;
  wrapUpSeconds: string;
  serviceLevelSeconds: string;
  agingPerSecond: string;
  missedOfferSetsNotReady: boolean;
  /** Empty: no limit. */
  maxWaitSeconds: string;
  maxWaitOutcome: 'voicemail' | 'callback';
  announcementsOn: boolean;
  announceFirstAfterSeconds: string;
  announceEverySeconds: string;
  /** The wallboard's thresholds; empty: none. */
  serviceLevelWarnBelowPercent: string;
  serviceLevelAlertBelowPercent: string;
  longestWaitWarnSeconds: string;
  longestWaitAlertSeconds: string;
}

type ThresholdKey = keyof WallboardThresholds;

function thresholdsDraft(t: WallboardThresholds): Pick<QueueDraft, ThresholdKey> {
  const text = (n: number | null) => (n === null ? '' : String(n));
  return {
    serviceLevelWarnBelowPercent: text(t.serviceLevelWarnBelowPercent),
    serviceLevelAlertBelowPercent: text(t.serviceLevelAlertBelowPercent),
    longestWaitWarnSeconds: text(t.longestWaitWarnSeconds),
    longestWaitAlertSeconds: text(t.longestWaitAlertSeconds),
  };
}

/** The thresholds as the body carries them (empty → null); bad text is left for the schema to name. */
function thresholds(draft: QueueDraft): Record<ThresholdKey, number | null> {
  const value = (text: string) => wholeNumber(text) ?? null;
  return {
    serviceLevelWarnBelowPercent: value(draft.serviceLevelWarnBelowPercent),
    serviceLevelAlertBelowPercent: value(draft.serviceLevelAlertBelowPercent),
    longestWaitWarnSeconds: value(draft.longestWaitWarnSeconds),
    longestWaitAlertSeconds: value(draft.longestWaitAlertSeconds),
  };
}

export const NEW_QUEUE: QueueDraft = {
  name: '',
  strategy: 'longest_idle',
  skills: '',
  offerTimeoutSeconds: '15',
  wrapUpSeconds: '30',
  serviceLevelSeconds: '20',
  agingPerSecond: '1',
  missedOfferSetsNotReady: true,
  maxWaitSeconds: '',
  maxWaitOutcome: 'voicemail',
  announcementsOn: true,
  announceFirstAfterSeconds: '20',
  announceEverySeconds: '60',
  ...thresholdsDraft(DEFAULT_WALLBOARD_THRESHOLDS),
};

export function queueDraft(queue: Queue): QueueDraft {
  return {
    name: queue.name,
    strategy: queue.strategy,
    skills: formatSkillLevels(queue.skills),
    offerTimeoutSeconds: String(queue.offerTimeoutSeconds),
    wrapUpSeconds: String(queue.wrapUpSeconds),
    serviceLevelSeconds: String(queue.serviceLevelSeconds),
    agingPerSecond: String(queue.agingPerSecond),
    missedOfferSetsNotReady: queue.missedOfferSetsNotReady,
    maxWaitSeconds: queue.maxWait ? String(queue.maxWait.seconds) : '',
    maxWaitOutcome: queue.maxWait?.outcome ?? 'voicemail',
    announcementsOn: queue.announcements !== null,
    announceFirstAfterSeconds: String(queue.announcements?.firstAfterSeconds ?? 20),
    announceEverySeconds: String(queue.announcements?.everySeconds ?? 60),
    ...thresholdsDraft(queue.wallboardThresholds),
  };
}

function settings(draft: QueueDraft) {
  const maxWait = wholeNumber(draft.maxWaitSeconds);
  return {
    name: draft.name,
    strategy: draft.strategy,
    skills: parseSkillLevels(draft.skills).map((s) => ({ skill: s.skill, minLevel: s.level })),
    offerTimeoutSeconds: wholeNumber(draft.offerTimeoutSeconds),
    wrapUpSeconds: wholeNumber(draft.wrapUpSeconds),
    serviceLevelSeconds: wholeNumber(draft.serviceLevelSeconds),
    agingPerSecond: decimal(draft.agingPerSecond),
    missedOfferSetsNotReady: draft.missedOfferSetsNotReady,
    maxWait: maxWait === undefined ? null : { seconds: maxWait, outcome: draft.maxWaitOutcome },
    announcements: draft.announcementsOn
      ? { firstAfterSeconds: wholeNumber(draft.announceFirstAfterSeconds), everySeconds: wholeNumber(draft.announceEverySeconds) }
      : null,
    wallboardThresholds: thresholds(draft),
  };
}

export function createQueueBody(draft: QueueDraft): { ok: true; body: CreateQueueRequest } | { ok: false; issues: FieldIssue[] } {
  return checkBody(CreateQueueRequestSchema, settings(draft));
}

export function updateQueueBody(draft: QueueDraft): { ok: true; body: UpdateQueueRequest } | { ok: false; issues: FieldIssue[] } {
  return checkBody(UpdateQueueRequestSchema, settings(draft));
}

/** The thresholds in a line, for the queue table: "SL warn < 80 %, alert < 60 %; wait warn > 30 s, alert > 60 s". */
export function thresholdsSummary(t: WallboardThresholds): string {
  const side = (label: string, warn: string | null, alert: string | null) => {
    const parts = [warn && `warn ${warn}`, alert && `alert ${alert}`].filter(Boolean);
    return parts.length === 0 ? `${label} none` : `${label} ${parts.join(', ')}`;
  };
  const percent = (n: number | null) => (n === null ? null : `< ${n} %`);
  const seconds = (n: number | null) => (n === null ? null : `> ${n} s`);
  return `${side('SL', percent(t.serviceLevelWarnBelowPercent), percent(t.serviceLevelAlertBelowPercent))}; ${side('wait', seconds(t.longestWaitWarnSeconds), seconds(t.longestWaitAlertSeconds))}`;
}
