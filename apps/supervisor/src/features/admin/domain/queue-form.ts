/**
 * The queue form: every routing setting as the inputs hold it, and the request body
 * (create or update) checked with the contract's schema. Overflow rules are kept as they
 * are (edited through the API for now).
 */
import { CreateQueueRequestSchema, type FieldIssue, type Queue, type RoutingStrategy, UpdateQueueRequestSchema, type CreateQueueRequest, type UpdateQueueRequest } from '@ccx/contracts';
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
  };
}

export function createQueueBody(draft: QueueDraft): { ok: true; body: CreateQueueRequest } | { ok: false; issues: FieldIssue[] } {
  return checkBody(CreateQueueRequestSchema, settings(draft));
}

export function updateQueueBody(draft: QueueDraft): { ok: true; body: UpdateQueueRequest } | { ok: false; issues: FieldIssue[] } {
  return checkBody(UpdateQueueRequestSchema, settings(draft));
}
