import { describe, expect, it } from 'vitest';
import { nextOwnership, type OwnershipEvent, type OwnershipState } from './phone-ownership';

/** Runs events from a state, collecting every effect in order. */
function run(from: OwnershipState, ...events: OwnershipEvent['type'][]) {
  let state = from;
  const effects: string[] = [];
  for (const type of events) {
    const step = nextOwnership(state, { type } as OwnershipEvent);
    state = step.state;
    effects.push(...step.effects);
  }
  return { state, effects };
}

describe(nextOwnership.name, () => {
  it('the first tab takes the free lock and registers the phone', () => {
    expect(run('starting', 'granted')).toEqual({ state: 'owner', effects: ['start-phone', 'say-owner'] });
  });

  it('a second tab finds the lock held, registers nothing and waits in the queue', () => {
    expect(run('starting', 'busy')).toEqual({ state: 'elsewhere', effects: ['wait-for-lock'] });
  });

  it('a waiting tab takes over by itself when the owning tab closes', () => {
    expect(run('elsewhere', 'granted')).toEqual({ state: 'owner', effects: ['start-phone', 'say-owner'] });
  });

  it('"Use phone here": the owner stops its phone before it says so, then the asker takes the lock', () => {
    const asker = run('elsewhere', 'use-here');
    expect(asker).toEqual({ state: 'taking-over', effects: ['ask-release'] });
    // The owner: stop first, confirm only once stopped, never register again on its own.
    expect(run('owner', 'release-asked')).toEqual({ state: 'releasing', effects: ['stop-phone'] });
    expect(run('owner', 'release-asked', 'phone-stopped')).toEqual({ state: 'releasing', effects: ['stop-phone', 'say-released'] });
    expect(run('owner', 'release-asked', 'phone-stopped', 'lost')).toEqual({ state: 'elsewhere', effects: ['stop-phone', 'say-released', 'wait-for-lock'] });
    // The asker: steals once released, registers once granted.
    expect(run('taking-over', 'released', 'granted')).toEqual({ state: 'owner', effects: ['steal-lock', 'start-phone', 'say-owner'] });
  });

  it('an owner that does not answer (a frozen tab) loses the lock after the timeout, and stops its phone when it wakes', () => {
    expect(run('taking-over', 'timed-out')).toEqual({ state: 'taking-over', effects: ['steal-lock'] });
    expect(run('owner', 'lost')).toEqual({ state: 'elsewhere', effects: ['stop-phone', 'wait-for-lock'] });
  });

  it('ignores events that mean nothing in a state: no second registration, no stray release', () => {
    expect(run('owner', 'granted')).toEqual({ state: 'owner', effects: [] });
    expect(run('elsewhere', 'release-asked')).toEqual({ state: 'elsewhere', effects: [] });
    expect(run('elsewhere', 'released')).toEqual({ state: 'elsewhere', effects: [] });
    expect(run('owner', 'use-here')).toEqual({ state: 'owner', effects: [] });
    expect(run('owner', 'phone-stopped')).toEqual({ state: 'owner', effects: [] });
  });

  it('a takeover that loses the race to a third tab waits again', () => {
    expect(run('taking-over', 'lost')).toEqual({ state: 'elsewhere', effects: ['wait-for-lock'] });
  });
});
