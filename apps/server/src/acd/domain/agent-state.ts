import { AcdError, AcdErrorCode } from './acd-error.js';

/**
 * The agent state machine: what an agent has declared or is doing, as the ACD sees it.
 * Whether the agent can actually be reached (a live tab, a SIP registration, heartbeats) is
 * a separate fact (agent-presence.ts); an agent is offered calls only when both say so.
 *
 *   +---------+  login            +-----------+   offer    +----------+
 *   | offline |------------------>| available |----------->| reserved |  (ringing)
 *   +---------+                   +-----------+<-----------+----------+
 *     |    ^  logout from           |   ^   ^    rejected,    |      |
 *     |    |  available, not-ready, |   |   |    withdrawn,   |      | accepted
 *     |    |  reserved or           |   |   |    answered     |      v
 *     |    |  after-call-work       |   |   |    elsewhere,   |  +---------+
 *     |    |              not ready |   |   |    missed*      |  | on-call |
 *     |    |              (reason)  v   |   |                 |  +---------+
 *     |    |                +-----------+   | ready           |    |     |
 *     +----|--------------->| not-ready |---+                 |    |     | call ended,
 *  login   |                +-----------+<--------------------+    |     | no wrap-up:
 *  (reason)|                  |  ^   ^  missed* ('missed-offer'),  |     +--> available
 *          |                  +--+   |  not ready while ringing    | call ended
 *          |         reason change   | not ready                   v
 *          |                         |                    +-----------------+
 *          |                         +--------------------| after-call-work |
 *          |                                              +-----------------+
 *          |        wrap-up timer runs out, or the agent ends it early (ready): -> available
 *
 *   * missed: the offer rang out. To not-ready ('missed-offer') when the queue says so, else
 *     back to available.   Dialling out: available | not-ready | after-call-work -> on-call.
 *
 * `transition` is the only place that decides a move: it takes the current state and an
 * event and returns the next state with its record `{agentId, from, to, reason, cause, at}`
 * for the adapter to persist, or throws `acd/illegal-transition`.
 */
export type AgentStateName = 'offline' | 'available' | 'not-ready' | 'reserved' | 'on-call' | 'after-call-work';

/** The built-in not-ready reason set by the ACD when an offer rings out (admins define the others). */
export const MISSED_OFFER_REASON = 'missed-offer';

export type AgentState =
  | { name: 'offline'; since: number }
  | { name: 'available'; since: number }
  | { name: 'not-ready'; since: number; reasonId: string }
  | { name: 'reserved'; since: number; contactId: string; offerId: string }
  /**
   * `queueId`: the queue whose wrap-up time follows the call; null for a call from no queue.
   * `dialled`: the agent placed it (click-to-dial): the default wrap-up follows.
   */
  | { name: 'on-call'; since: number; contactId: string | null; queueId: string | null; dialled?: boolean }
  /** `until` null: no automatic end; the agent ends it. */
  | { name: 'after-call-work'; since: number; until: number | null };

export type RequestedBy = 'agent' | 'supervisor';

export type AgentEvent =
  | { type: 'login'; notReadyReasonId?: string }
  | { type: 'logout' }
  | { type: 'ready'; by: RequestedBy }
  | { type: 'not-ready'; reasonId: string; by: RequestedBy }
  | { type: 'offer'; contactId: string; offerId: string }
  | { type: 'offer-accepted'; contactId: string; queueId: string }
  | { type: 'offer-rejected' }
  | { type: 'offer-missed'; setNotReady: boolean }
  /** The agent became unreachable, or the caller left, while it rang. */
  | { type: 'offer-withdrawn' }
  /** Ring-all: another agent answered first. */
  | { type: 'answered-elsewhere' }
  /** `wrapUpUntil` null: no after-call work, straight back to available. */
  | { type: 'call-ended'; wrapUpUntil: number | null }
  | { type: 'wrap-up-timeout' }
  | { type: 'dial-out'; callId: string | null }
  /**
   * A caller is put through to this agent by name: an IVR transfer node (no queue), or a
   * colleague's transfer (the call's queue, whose wrap-up then follows).
   */
  | { type: 'direct-call'; callId: string; queueId?: string | null };

/** Why a move happened: the event, or who asked. */
export type TransitionCause =
  | 'login'
  | 'logout'
  | 'agent-request'
  | 'supervisor-request'
  | 'offer'
  | 'offer-accepted'
  | 'offer-rejected'
  | 'offer-missed'
  | 'offer-withdrawn'
  | 'answered-elsewhere'
  | 'call-ended'
  | 'wrap-up-timeout'
  | 'wrap-up-ended'
  | 'dial-out'
  | 'direct-call';

/** One move, as persisted: `reason` is the not-ready reason id when `to` is not-ready, else null. */
export interface AgentTransition {
  agentId: string;
  from: AgentStateName;
  to: AgentStateName;
  reason: string | null;
  cause: TransitionCause;
  at: number;
}

/** The arrows of the diagram: the states each event may leave. */
const leaves: Record<AgentEvent['type'], readonly AgentStateName[]> = {
  login: ['offline'],
  logout: ['available', 'not-ready', 'reserved', 'after-call-work'],
  ready: ['not-ready', 'after-call-work'],
  'not-ready': ['available', 'not-ready', 'reserved', 'after-call-work'],
  offer: ['available'],
  'offer-accepted': ['reserved'],
  'offer-rejected': ['reserved'],
  'offer-missed': ['reserved'],
  'offer-withdrawn': ['reserved'],
  'answered-elsewhere': ['reserved'],
  'call-ended': ['on-call'],
  'wrap-up-timeout': ['after-call-work'],
  'dial-out': ['available', 'not-ready', 'after-call-work'],
  // Only a free agent: the caller did not choose the moment, the agent did not ask for it.
  'direct-call': ['available'],
};

export function accepts(state: AgentStateName, event: AgentEvent['type']): boolean {
  return leaves[event].includes(state);
}

const requested = (by: RequestedBy): TransitionCause => (by === 'agent' ? 'agent-request' : 'supervisor-request');

function next(from: AgentState, event: AgentEvent, at: number): { to: AgentState; cause: TransitionCause } {
  switch (event.type) {
    case 'login':
      return event.notReadyReasonId === undefined
        ? { to: { name: 'available', since: at }, cause: 'login' }
        : { to: { name: 'not-ready', since: at, reasonId: event.notReadyReasonId }, cause: 'login' };
    case 'logout':
      return { to: { name: 'offline', since: at }, cause: 'logout' };
    case 'ready':
      return {
        to: { name: 'available', since: at },
        cause: from.name === 'after-call-work' ? 'wrap-up-ended' : requested(event.by),
      };
    case 'not-ready':
      return { to: { name: 'not-ready', since: at, reasonId: event.reasonId }, cause: requested(event.by) };
    case 'offer':
      return { to: { name: 'reserved', since: at, contactId: event.contactId, offerId: event.offerId }, cause: 'offer' };
    case 'offer-accepted':
      return {
        to: { name: 'on-call', since: at, contactId: event.contactId, queueId: event.queueId },
        cause: 'offer-accepted',
      };
    case 'offer-missed':
      return event.setNotReady
        ? { to: { name: 'not-ready', since: at, reasonId: MISSED_OFFER_REASON }, cause: 'offer-missed' }
        : { to: { name: 'available', since: at }, cause: 'offer-missed' };
    case 'offer-rejected':
    case 'offer-withdrawn':
    case 'answered-elsewhere':
      return { to: { name: 'available', since: at }, cause: event.type };
    case 'call-ended':
      return event.wrapUpUntil === null
        ? { to: { name: 'available', since: at }, cause: 'call-ended' }
        : { to: { name: 'after-call-work', since: at, until: event.wrapUpUntil }, cause: 'call-ended' };
    case 'wrap-up-timeout':
      return { to: { name: 'available', since: at }, cause: 'wrap-up-timeout' };
    case 'dial-out':
      return { to: { name: 'on-call', since: at, contactId: event.callId, queueId: null, dialled: true }, cause: 'dial-out' };
    case 'direct-call':
      return { to: { name: 'on-call', since: at, contactId: event.callId, queueId: event.queueId ?? null }, cause: 'direct-call' };
  }
}

/**
 * Decides one move. Pure: returns the next state and its record, or throws
 * `acd/illegal-transition` when the diagram has no such arrow from the current state.
 */
export function transition(
  agentId: string,
  from: AgentState,
  event: AgentEvent,
  at: number,
): { state: AgentState; record: AgentTransition } {
  if (!accepts(from.name, event.type)) {
    throw new AcdError(AcdErrorCode.IllegalTransition, `agent ${agentId} is ${from.name}: cannot ${event.type}`);
  }
  const { to, cause } = next(from, event, at);
  return {
    state: to,
    record: { agentId, from: from.name, to: to.name, reason: to.name === 'not-ready' ? to.reasonId : null, cause, at },
  };
}
