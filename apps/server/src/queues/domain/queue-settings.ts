import { type CreateQueueRequest, type FieldIssue, type WallboardThresholds, type OverflowRule as NamedOverflowRule, type SkillRequirement as NamedSkillRequirement } from '@ccx/contracts';
import { AcdError, type OverflowRule, type QueueConfig, queueRules, type SkillRequirement } from '../../acd/domain/index.js';

/**
 * A queue's settings as the administrator writes them (skills and queues by name) turned
 * into the ACD's `QueueConfig` (by id), and checked with the ACD's own rules, so what the
 * API accepts is exactly what the ACD can run. Every problem names the field of the body.
 */

/** All of a queue's settings, as the API reads and writes them. */
export type QueueSettings = CreateQueueRequest;

/** The same settings with skills and queues by id, as stored. */
export interface StoredQueueSettings {
  name: string;
  strategy: QueueConfig['strategy'];
  skills: SkillRequirement[];
  offerTimeoutSeconds: number;
  wrapUpSeconds: number;
  serviceLevelSeconds: number;
  maxWait: { seconds: number; outcome: 'voicemail' | 'callback' } | null;
  overflow: OverflowRule[];
  missedOfferSetsNotReady: boolean;
  agingPerSecond: number;
  announcements: { firstAfterSeconds: number; everySeconds: number } | null;
  /** The wallboard's colours for this queue (not a routing rule: the ACD never sees it). */
  wallboardThresholds: WallboardThresholds;
}

export interface NameBook {
  /** Skill id by name. */
  skills: ReadonlyMap<string, string>;
  /** Queue id by name. */
  queues: ReadonlyMap<string, string>;
}

export type SettingsCheck = { ok: true; stored: StoredQueueSettings } | { ok: false; issues: FieldIssue[] };

/**
 * Resolves names to ids (an unknown skill or queue is an issue at its field), then runs the
 * ACD's queue validation (a widen that adds or tightens a skill, a move to this same queue,
 * a move that is not last …) and reports its refusal at the body's field.
 */
export function checkQueueSettings(queueId: string, settings: QueueSettings, book: NameBook): SettingsCheck {
  const issues: FieldIssue[] = [];
  const skills = (list: readonly NamedSkillRequirement[], path: string): SkillRequirement[] =>
    list.map((requirement, index) => {
      const skillId = book.skills.get(requirement.skill);
      if (!skillId) issues.push({ path: `${path}.${index}.skill`, message: `no skill "${requirement.skill}"` });
      return { skillId: skillId ?? `?${requirement.skill}`, minLevel: requirement.minLevel };
    });
  const required = skills(settings.skills, 'skills');
  const overflow = settings.overflow.map((rule: NamedOverflowRule, index): OverflowRule => {
    if (rule.action.type === 'widen') return { afterSeconds: rule.afterSeconds, action: { type: 'widen', skills: skills(rule.action.skills, `overflow.${index}.action.skills`) } };
    const target = book.queues.get(rule.action.queue);
    if (!target) issues.push({ path: `overflow.${index}.action.queue`, message: `no queue "${rule.action.queue}"` });
    return { afterSeconds: rule.afterSeconds, action: { type: 'move', queueId: target ?? `?${rule.action.queue}` } };
  });
  const stored: StoredQueueSettings = {
    name: settings.name,
    strategy: settings.strategy,
    skills: required,
    offerTimeoutSeconds: settings.offerTimeoutSeconds,
    wrapUpSeconds: settings.wrapUpSeconds,
    serviceLevelSeconds: settings.serviceLevelSeconds,
    maxWait: settings.maxWait,
    overflow,
    missedOfferSetsNotReady: settings.missedOfferSetsNotReady,
    agingPerSecond: settings.agingPerSecond,
    announcements: settings.announcements,
    wallboardThresholds: settings.wallboardThresholds,
  };
  if (issues.length > 0) return { ok: false, issues };
  try {
    queueRules(toQueueConfig(queueId, stored));
  } catch (error) {
    if (!(error instanceof AcdError)) throw error;
    const names = new Map([...book.skills].map(([name, id]) => [id, name]));
    for (const [name, id] of book.queues) names.set(id, name);
    return { ok: false, issues: [acdIssue(error, queueId, names)] };
  }
  return { ok: true, stored };
}

/** The ACD's definition of a stored queue. */
export function toQueueConfig(queueId: string, stored: StoredQueueSettings): QueueConfig {
  return {
    id: queueId,
    strategy: stored.strategy,
    skills: stored.skills,
    offerTimeoutSeconds: stored.offerTimeoutSeconds,
    wrapUpSeconds: stored.wrapUpSeconds,
    maxWait: stored.maxWait,
    overflow: stored.overflow,
    missedOfferSetsNotReady: stored.missedOfferSetsNotReady,
    agingPerSecond: stored.agingPerSecond,
    announcements: stored.announcements,
  };
}

/** Stored settings back in names, for the API. Ids that no longer resolve show as themselves. */
export function namedSettings(stored: StoredQueueSettings, names: { skills: ReadonlyMap<string, string>; queues: ReadonlyMap<string, string> }): QueueSettings {
  const skills = (list: readonly SkillRequirement[]) => list.map((s) => ({ skill: names.skills.get(s.skillId) ?? s.skillId, minLevel: s.minLevel }));
  return {
    ...stored,
    skills: skills(stored.skills),
    overflow: stored.overflow.map((rule) => ({
      afterSeconds: rule.afterSeconds,
      action: rule.action.type === 'widen' ? { type: 'widen', skills: skills(rule.action.skills) } : { type: 'move', queue: names.queues.get(rule.action.queueId) ?? rule.action.queueId },
    })),
  };
}

/** The ACD names fields by its own words (`skillId`, `queueId`) and ids; the API by names. */
function acdIssue(error: AcdError, queueId: string, names: ReadonlyMap<string, string>): FieldIssue {
  const path = (error.field ?? '(root)').replace(/\.skillId$/, '.skill').replace(/\.queueId$/, '.queue');
  let message = error.message.replace(`queue ${queueId}: ${error.field ?? ''} `, '');
  for (const [id, name] of names) message = message.split(id).join(`"${name}"`);
  return { path, message };
}
