import { describe, expect, it } from 'vitest';
import { AcdErrorCode } from '../acd-error.js';
import { type QueueConfig, queueRules } from './queue-config.js';

const base: QueueConfig = {
  id: 'support',
  strategy: 'longest_idle',
  skills: [
    { skillId: 'english', minLevel: 5 },
    { skillId: 'billing', minLevel: 3 },
  ],
  offerTimeoutSeconds: 15,
  wrapUpSeconds: 30,
};

describe(queueRules.name, () => {
  it('fills the defaults and works out one stage per widen rule', () => {
    const rules = queueRules({
      ...base,
      overflow: [
        { afterSeconds: 30, action: { type: 'widen', skills: [{ skillId: 'english', minLevel: 2 }] } },
        { afterSeconds: 60, action: { type: 'widen', skills: [] } },
        { afterSeconds: 120, action: { type: 'move', queueId: 'general' } },
      ],
    });
    expect(rules).toMatchObject({
      offerTimeoutMs: 15_000,
      wrapUpMs: 30_000,
      missedOfferSetsNotReady: true,
      agingPerSecond: 1,
      maxWait: null,
      announcements: null,
      retryDeclinedAfterMs: 30_000,
    });
    expect(rules.stages).toEqual([base.skills, [{ skillId: 'english', minLevel: 2 }], []]);
  });

  it.each([
    ['a widen rule that adds a skill', { overflow: [{ afterSeconds: 10, action: { type: 'widen', skills: [{ skillId: 'french', minLevel: 1 }] } }] }],
    ['a widen rule that raises a level', { overflow: [{ afterSeconds: 10, action: { type: 'widen', skills: [{ skillId: 'english', minLevel: 6 }] } }] }],
    ['a move that is not the last rule', { overflow: [{ afterSeconds: 10, action: { type: 'move', queueId: 'x' } }, { afterSeconds: 20, action: { type: 'widen', skills: [] } }] }],
    ['rules out of time order', { overflow: [{ afterSeconds: 20, action: { type: 'widen', skills: [] } }, { afterSeconds: 20, action: { type: 'move', queueId: 'x' } }] }],
    ['a move to itself', { overflow: [{ afterSeconds: 20, action: { type: 'move', queueId: 'support' } }] }],
    ['a level of 11', { skills: [{ skillId: 'english', minLevel: 11 }] }],
    ['a repeated skill', { skills: [{ skillId: 'english', minLevel: 1 }, { skillId: 'english', minLevel: 2 }] }],
    ['no offer timeout', { offerTimeoutSeconds: 0 }],
    ['a strategy the schema does not know', { strategy: 'random' }],
    ['announcements every 0 s', { announcements: { firstAfterSeconds: 0, everySeconds: 0 } }],
  ])('refuses %s with acd/invalid-queue', (_name, change) => {
    expect(() => queueRules({ ...base, ...change } as QueueConfig)).toThrow(expect.objectContaining({ code: AcdErrorCode.InvalidQueue }));
  });
});
