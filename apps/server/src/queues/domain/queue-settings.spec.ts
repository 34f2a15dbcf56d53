import { CreateQueueRequestSchema, type CreateQueueInput } from '@ccx/contracts';
import { describe, expect, it } from 'vitest';
import { checkQueueSettings, namedSettings, type NameBook } from './queue-settings.js';

const book: NameBook = {
  skills: new Map([
    ['sales', 'skill-sales'],
    ['english', 'skill-english'],
  ]),
  queues: new Map([
    ['Sales', 'queue-sales'],
    ['Support', 'queue-support'],
  ]),
};
const settings = (input: Omit<CreateQueueInput, 'name'>) => CreateQueueRequestSchema.parse({ name: 'Sales', ...input });

describe(checkQueueSettings.name, () => {
  it('turns names into ids, ready for the ACD and the database', () => {
    const sut = checkQueueSettings(
      'queue-sales',
      settings({
        skills: [{ skill: 'sales', minLevel: 5 }, { skill: 'english', minLevel: 3 }],
        overflow: [
          { afterSeconds: 30, action: { type: 'widen', skills: [{ skill: 'sales', minLevel: 1 }] } },
          { afterSeconds: 90, action: { type: 'move', queue: 'Support' } },
        ],
        maxWait: { seconds: 300, outcome: 'callback' },
      }),
      book,
    );
    expect(sut.ok).toBe(true);
    if (!sut.ok) return;
    expect(sut.stored.skills).toEqual([{ skillId: 'skill-sales', minLevel: 5 }, { skillId: 'skill-english', minLevel: 3 }]);
    expect(sut.stored.overflow).toEqual([
      { afterSeconds: 30, action: { type: 'widen', skills: [{ skillId: 'skill-sales', minLevel: 1 }] } },
      { afterSeconds: 90, action: { type: 'move', queueId: 'queue-support' } },
    ]);
    const inverse = { skills: new Map([...book.skills].map(([n, i]) => [i, n])), queues: new Map([...book.queues].map(([n, i]) => [i, n])) };
    expect(namedSettings(sut.stored, inverse).overflow[1]).toEqual({ afterSeconds: 90, action: { type: 'move', queue: 'Support' } });
  });

  it('names unknown skills and queues at their fields', () => {
    const sut = checkQueueSettings('queue-sales', settings({ skills: [{ skill: 'french', minLevel: 2 }], overflow: [{ afterSeconds: 10, action: { type: 'move', queue: 'Billing' } }] }), book);
    expect(sut).toEqual({
      ok: false,
      issues: [
        { path: 'skills.0.skill', message: 'no skill "french"' },
        { path: 'overflow.0.action.queue', message: 'no queue "Billing"' },
      ],
    });
  });

  it('reports the ACD’s own refusal at the body’s field, in names: a widen may not add a stricter skill', () => {
    const sut = checkQueueSettings(
      'queue-sales',
      settings({ skills: [{ skill: 'sales', minLevel: 5 }], overflow: [{ afterSeconds: 30, action: { type: 'widen', skills: [{ skill: 'english', minLevel: 1 }] } }] }),
      book,
    );
    expect(sut).toEqual({ ok: false, issues: [{ path: 'overflow.0.action.skills', message: 'may only drop or lower requirements ("english")' }] });
  });

  it('refuses a move to the queue itself and a move that is not the last rule', () => {
    const self = checkQueueSettings('queue-sales', settings({ overflow: [{ afterSeconds: 30, action: { type: 'move', queue: 'Sales' } }] }), book);
    expect(self).toEqual({ ok: false, issues: [{ path: 'overflow.0.action.queue', message: 'is this queue' }] });
    const early = checkQueueSettings(
      'queue-sales',
      settings({ skills: [{ skill: 'sales', minLevel: 5 }], overflow: [{ afterSeconds: 30, action: { type: 'move', queue: 'Support' } }, { afterSeconds: 60, action: { type: 'widen', skills: [] } }] }),
      book,
    );
    expect(early).toEqual({ ok: false, issues: [{ path: 'overflow.0', message: 'moves the contact away, so it must be the last rule' }] });
  });

  it('refuses overflow rules out of time order', () => {
    const sut = checkQueueSettings(
      'queue-sales',
      settings({ skills: [{ skill: 'sales', minLevel: 5 }], overflow: [{ afterSeconds: 60, action: { type: 'widen', skills: [{ skill: 'sales', minLevel: 3 }] } }, { afterSeconds: 30, action: { type: 'widen', skills: [] } }] }),
      book,
    );
    expect(sut).toEqual({ ok: false, issues: [{ path: 'overflow.1.afterSeconds', message: 'must be positive and later than the rule before' }] });
  });
});
