/**
 * One tab per agent owns the phone (registers the softphone); the agent's other tabs show
 * the same state, offers and call (they get the same live events) and can take the phone.
 * The adapter (`lib/phone-lock.ts`) holds a Web Lock named per agent while it owns the
 * phone and talks to the other tabs over a BroadcastChannel; these are its rules.
 *
 *   starting ──granted──▶ owner ──release-asked──▶ releasing
 *      │                   ▲  │                       │
 *    busy               granted lost             lost (stolen)
 *      ▼                   │  ▼                       ▼
 *   elsewhere ──use-here──▶ taking-over          elsewhere
 *      ▲                       │ released / timed-out: steal the lock
 *      └───────────────────────┘ (lost while taking over: another tab was faster)
 *
 * The owner that is asked to release stops its softphone first (unregisters) and only then
 * says so, so the extension is never registered from two tabs at once; a tab that does not
 * answer in time (frozen in the background) has its lock stolen. A tab left without the
 * phone waits in the lock's queue: when the owning tab closes, the next tab takes over.
 */

export type OwnershipState =
  /** Asking the lock whether it is free. */
  | 'starting'
  /** This tab owns the phone: its softphone is registered. */
  | 'owner'
  /** Another tab asked for the phone: stopping the softphone before handing it over. */
  | 'releasing'
  /** Another tab owns the phone. */
  | 'elsewhere'
  /** The agent chose "Use phone here": waiting for the owner to let go. */
  | 'taking-over';

export type OwnershipEvent =
  /** The lock was granted (free at start, handed over by the queue, or stolen). */
  | { type: 'granted' }
  /** At start, another tab held the lock. */
  | { type: 'busy' }
  /** The lock was taken from this tab (stolen by another). */
  | { type: 'lost' }
  /** The agent pressed "Use phone here". */
  | { type: 'use-here' }
  /** Another tab asks the owner to release the phone. */
  | { type: 'release-asked' }
  /** The softphone of this tab has stopped (after `stop-phone`). */
  | { type: 'phone-stopped' }
  /** The owner said it has stopped its softphone. */
  | { type: 'released' }
  /** The owner did not answer a takeover in time. */
  | { type: 'timed-out' };

export type OwnershipEffect =
  | 'start-phone'
  | 'stop-phone'
  /** Wait in the lock's queue (to take over when the owning tab closes). */
  | 'wait-for-lock'
  /** Ask the owning tab to release, and start the takeover timer. */
  | 'ask-release'
  /** Tell the asking tab the phone is stopped here. */
  | 'say-released'
  /** Take the lock now, preempting the holder and the queue. */
  | 'steal-lock'
  /** Tell the other tabs this tab owns the phone now. */
  | 'say-owner';

export interface OwnershipStep {
  state: OwnershipState;
  effects: OwnershipEffect[];
}

/** How long an owner has to stop its softphone before its lock is stolen anyway. */
export const TAKEOVER_TIMEOUT_MS = 3_000;

/** The one transition function; an event that means nothing in a state changes nothing. */
export function nextOwnership(state: OwnershipState, event: OwnershipEvent): OwnershipStep {
  const stay: OwnershipStep = { state, effects: [] };
  switch (event.type) {
    case 'granted':
      // Owning already (a duplicate grant) changes nothing.
      return state === 'owner' ? stay : { state: 'owner', effects: ['start-phone', 'say-owner'] };
    case 'busy':
      return state === 'starting' ? { state: 'elsewhere', effects: ['wait-for-lock'] } : stay;
    case 'lost':
      if (state === 'owner') return { state: 'elsewhere', effects: ['stop-phone', 'wait-for-lock'] };
      if (state === 'releasing') return { state: 'elsewhere', effects: ['wait-for-lock'] };
      // A third tab won the race for the phone: this one waits again.
      if (state === 'taking-over') return { state: 'elsewhere', effects: ['wait-for-lock'] };
      return stay;
    case 'use-here':
      return state === 'elsewhere' ? { state: 'taking-over', effects: ['ask-release'] } : stay;
    case 'release-asked':
      return state === 'owner' ? { state: 'releasing', effects: ['stop-phone'] } : stay;
    case 'phone-stopped':
      return state === 'releasing' ? { state, effects: ['say-released'] } : stay;
    case 'released':
    case 'timed-out':
      return state === 'taking-over' ? { state, effects: ['steal-lock'] } : stay;
  }
}

/** What the phone panel says about the phone's place. */
export function ownershipLabel(state: OwnershipState): string {
  switch (state) {
    case 'starting':
      return 'Checking for the phone in your other tabs…';
    case 'owner':
      return 'Phone is in this tab';
    case 'releasing':
      return 'Moving the phone to your other tab…';
    case 'elsewhere':
      return 'Phone is in another tab';
    case 'taking-over':
      return 'Moving the phone to this tab…';
  }
}
