/**
 * The life of one softphone call, as the apps show it. SIP.js has its own session states;
 * this is the contact-center view on top of them (held and muted are the user's doing, not
 * SIP's), enforced in one transition function so no adapter can invent a move.
 *
 *   incoming ──answer──▶ connecting ──established──▶ active ◀──resumed── held
 *      │                     │                        │  └──held──────▶ │
 *   reject/cancel            │ failed                 │ hang up / bye   │ hang up / bye
 *      ▼                     ▼                        ▼                 ▼
 *    ended ◀───────────────────────────────────────────────────────────────
 *   outgoing ──progress──▶ outgoing ──established──▶ active       (failed/cancel ▶ ended)
 *
 * `holding`/`resuming` mark a re-INVITE in flight, so a second click waits for the first.
 */
export type CallDirection = 'incoming' | 'outgoing';
export type CallPhase = 'incoming' | 'outgoing' | 'connecting' | 'active' | 'holding' | 'held' | 'resuming' | 'ended';

export type CallEvent =
  | { type: 'answer' }
  | { type: 'established'; at: number }
  | { type: 'hold' }
  | { type: 'held' }
  | { type: 'resume' }
  | { type: 'resumed' }
  /** A hold or resume re-INVITE was refused: back where the call was. */
  | { type: 'reinvite-failed' }
  | { type: 'ended'; at: number; reason: CallEndReason };

export type CallEndReason = 'hung-up' | 'remote-hung-up' | 'rejected' | 'cancelled' | 'failed';

export interface CallSnapshot {
  id: string;
  direction: CallDirection;
  phase: CallPhase;
  /** The other party: the user part of the From (incoming) or the dialed number (outgoing). */
  remoteNumber: string;
  remoteName: string | null;
  muted: boolean;
  startedAt: number;
  answeredAt: number | null;
  endedAt: number | null;
  endReason: CallEndReason | null;
}

export class IllegalCallTransition extends Error {
  override readonly name = 'IllegalCallTransition';
  constructor(
    readonly phase: CallPhase,
    readonly event: CallEvent['type'],
  ) {
    super(`A call that is ${phase} cannot take "${event}".`);
  }
}

export function newCall(init: { id: string; direction: CallDirection; remoteNumber: string; remoteName?: string | null; at: number }): CallSnapshot {
  return {
    id: init.id,
    direction: init.direction,
    phase: init.direction,
    remoteNumber: init.remoteNumber,
    remoteName: init.remoteName ?? null,
    muted: false,
    startedAt: init.at,
    answeredAt: null,
    endedAt: null,
    endReason: null,
  };
}

const MOVES: Record<Exclude<CallEvent['type'], 'ended'>, Partial<Record<CallPhase, CallPhase>>> = {
  answer: { incoming: 'connecting' },
  established: { connecting: 'active', outgoing: 'active', incoming: 'active' },
  hold: { active: 'holding' },
  held: { holding: 'held' },
  resume: { held: 'resuming' },
  resumed: { resuming: 'active' },
  'reinvite-failed': { holding: 'active', resuming: 'held' },
};

/** The one place a call changes phase; throws on a move the diagram does not have. */
export function transition(call: CallSnapshot, event: CallEvent): CallSnapshot {
  if (event.type === 'ended') {
    if (call.phase === 'ended') return call;
    return { ...call, phase: 'ended', endedAt: event.at, endReason: event.reason, muted: false };
  }
  const next = MOVES[event.type][call.phase];
  if (!next) throw new IllegalCallTransition(call.phase, event.type);
  if (event.type === 'established') return { ...call, phase: next, answeredAt: event.at };
  return { ...call, phase: next };
}

/** Whether the in-call controls (hold, mute, keypad, hang up) apply. */
export function isConnected(call: CallSnapshot): boolean {
  return call.phase === 'active' || call.phase === 'holding' || call.phase === 'held' || call.phase === 'resuming';
}

export function isOnHold(call: CallSnapshot): boolean {
  return call.phase === 'held' || call.phase === 'resuming';
}

/** DTMF keys RFC 4733 carries (the keypad offers 0-9, *, #; A-D for completeness). */
export const DTMF_TONES = /^[0-9*#A-D]+$/;
