import { type CallEventBody, type CallEventType, CallErrorCode } from '@ccx/contracts';

/**
 * The life of one call, as its timeline tells it: which event may come next. The writer asks
 * `applyCallEvent` before appending, so a stored timeline is always a legal one; the reducer
 * (`call-record.ts`) then never has to guess what an impossible order meant.
 *
 * ```
 *               call.started                queue.entered
 *   idle ───────────────────────► routing ──────────────────► queued ◄──┐ offer.made, offer.ended,
 *                                  │ ▲ ▲       queue.exited     │ │  └──┘ queue.overflowed,
 *                                  │ │ └────────────────────────┘ │       queue.announcement
 *      call.answered (outbound, or │ │ the last agent left        │ call.answered
 *      the IVR straight to agent)  │ │ (agent.hung-up, a blind    │
 *                                  │ │  transfer.initiated, or a  │
 *                                  │ │  transfer to a queue, an   │
 *                                  ▼ │  IVR or a number)          ▼
 *                                 connected ◄───────────────────────┘
 *                                  │      ▲
 *                        call.held │      │ call.resumed, conference.joined,
 *                                  ▼      │ transfer.completed
 *                                 held ───┘      (held → routing too, when the last agent leaves)
 *
 *   routing | queued | connected | held ──call.ended──► ended
 *   queued ──queue.abandoned──► ended
 *   routing ──transfer.completed (the target of a blind transfer answered)──► connected
 * ```
 *
 * - `routing`: the caller is with the system and no agent: the IVR, the post-call survey, an
 *   outbound call being dialed, a voicemail being left.
 * - `connected` / `held`: at least one agent is on the call; conferences and transfers move
 *   agents in and out without leaving these phases, until the last agent leaves. A blind
 *   transfer's agent leaves with its `transfer.initiated` (the caller is with the system,
 *   hearing music, while the target rings); a consult transfer's agent stays until its
 *   `transfer.completed`.
 * - `ended`: the customer's side is over. After-call events still come: wrap-up, disposition,
 *   tickets, a late survey score or offer withdrawal, the recording's file, the callback.
 *
 * After a server restart, `replayCallEvents` rebuilds each unfinished call's state from its
 * stored timeline, so the call goes on being recorded and its end is appended when it
 * happens (or as `call.ended` by `system` with cause `recovered` if its legs are gone).
 *
 * Besides the phase, the state tracks what events may refer to (open offers, pending
 * transfers, recordings, agents on the call and in wrap-up), so an event naming something
 * the call does not have is refused too. Illegal moves throw `CallStateError` with a code of
 * `CallErrorCode`; they are expected failures (a stale click, a race with a hang-up).
 */

export type CallPhase = 'idle' | 'routing' | 'queued' | 'connected' | 'held' | 'ended';

export interface CallState {
  readonly phase: CallPhase;
  /** The queue the call waits in (only while `queued`). */
  readonly queueId: string | null;
  readonly connectedAgentIds: readonly string[];
  /** Every agent who took part (and the agent who placed an outbound call). */
  readonly participantIds: readonly string[];
  readonly offers: readonly { offerId: string; agentId: string; open: boolean }[];
  readonly transfers: readonly { transferId: string; fromAgentId: string | null; open: boolean }[];
  readonly recordings: readonly { recordingId: string; open: boolean }[];
  readonly wrappingUpAgentIds: readonly string[];
  readonly outsideParties: readonly string[];
  readonly supervisorIds: readonly string[];
  readonly callbackRequested: boolean;
}

export const initialCallState: CallState = {
  phase: 'idle',
  queueId: null,
  connectedAgentIds: [],
  participantIds: [],
  offers: [],
  transfers: [],
  recordings: [],
  wrappingUpAgentIds: [],
  outsideParties: [],
  supervisorIds: [],
  callbackRequested: false,
};

export class CallStateError extends Error {
  constructor(
    readonly code: CallErrorCode,
    readonly eventType: CallEventType,
    readonly phase: CallPhase,
    message: string,
  ) {
    super(message);
    this.name = 'CallStateError';
  }
}

const LIVE: readonly CallPhase[] = ['routing', 'queued', 'connected', 'held'];
const STARTED: readonly CallPhase[] = [...LIVE, 'ended'];
const WITH_AGENT: readonly CallPhase[] = ['connected', 'held'];

/** The phases each event type may arrive in; the data is checked by `applyCallEvent`. */
const allowedPhases: Record<CallEventType, readonly CallPhase[]> = {
  'call.started': ['idle'],
  'ivr.node-entered': ['routing', 'queued'],
  'digit.pressed': LIVE,
  'ivr.input-collected': ['routing', 'queued'],
  'crm.matched': STARTED,
  'queue.entered': ['routing'],
  'queue.announcement': ['queued'],
  'queue.overflowed': ['queued'],
  'queue.exited': ['queued'],
  'queue.abandoned': ['queued'],
  'offer.made': ['queued'],
  'offer.ended': STARTED,
  'call.answered': ['routing', 'queued'],
  'call.held': ['connected'],
  'call.resumed': ['held'],
  'transfer.initiated': ['routing', 'connected', 'held'],
  'transfer.completed': ['routing', 'connected', 'held'],
  'transfer.failed': STARTED,
  'conference.joined': WITH_AGENT,
  'conference.left': LIVE,
  'agent.hung-up': WITH_AGENT,
  'supervisor.joined': WITH_AGENT,
  'supervisor.left': STARTED,
  'recording.started': LIVE,
  'recording.stopped': STARTED,
  'call.ended': LIVE,
  'voicemail.left': ['routing', 'ended'],
  'callback.requested': ['routing', 'queued'],
  'callback.placed': STARTED,
  'wrap-up.started': STARTED,
  'wrap-up.ended': STARTED,
  'disposition.set': STARTED,
  'ticket.linked': STARTED,
  'survey.scored': ['routing', 'ended'],
};

/** Event types the phase allows next (their data may still be refused). */
export function legalNextEventTypes(state: CallState): CallEventType[] {
  return (Object.keys(allowedPhases) as CallEventType[]).filter((type) => allowedPhases[type].includes(state.phase));
}

/** Whether `event` may come next; never throws. */
export function canApplyCallEvent(state: CallState, event: CallEventBody): boolean {
  try {
    applyCallEvent(state, event);
    return true;
  } catch (error) {
    if (error instanceof CallStateError) return false;
    throw error;
  }
}

/** Replays a stored timeline (in `seq` order) into the state its next event must fit. */
export function replayCallEvents(events: Iterable<CallEventBody>): CallState {
  let state = initialCallState;
  for (const event of events) state = applyCallEvent(state, event);
  return state;
}

/** The one transition function: the state after `event`, or a `CallStateError`. */
export function applyCallEvent(state: CallState, event: CallEventBody): CallState {
  const fail: (code: CallErrorCode, why: string) => never = (code, why) => {
    throw new CallStateError(code, event.type, state.phase, `${event.type} ${why}`);
  };
  if (!allowedPhases[event.type].includes(state.phase)) {
    if (state.phase === 'ended') fail(CallErrorCode.CallEnded, 'cannot follow the end of the call');
    fail(CallErrorCode.IllegalEvent, `is not allowed while the call is ${state.phase}`);
  }
  const requireQueue = (queueId: string) => {
    if (queueId !== state.queueId) fail(CallErrorCode.UnknownReference, `names queue ${queueId}, but the call waits in ${state.queueId}`);
  };
  const requireConnected = (agentId: string) => {
    if (!state.connectedAgentIds.includes(agentId)) fail(CallErrorCode.UnknownReference, `names agent ${agentId}, who is not on the call`);
  };
  const requireParticipant = (agentId: string) => {
    if (!state.participantIds.includes(agentId)) fail(CallErrorCode.UnknownReference, `names agent ${agentId}, who took no part in the call`);
  };
  /** After agents left: still `connected`/`held` if any remain, else back with the system. */
  const withAgents = (connectedAgentIds: readonly string[], whenAny: CallPhase): CallState => ({
    ...state,
    connectedAgentIds,
    phase: connectedAgentIds.length > 0 ? whenAny : 'routing',
  });

  switch (event.type) {
    case 'call.started': {
      const { agentId } = event.data;
      return { ...state, phase: 'routing', participantIds: agentId ? [agentId] : [] };
    }
    case 'ivr.node-entered':
    case 'digit.pressed':
    case 'ivr.input-collected':
    case 'crm.matched':
    case 'voicemail.left':
    case 'survey.scored':
      return state;

    case 'queue.entered':
      return { ...state, phase: 'queued', queueId: event.data.queueId };
    case 'queue.announcement':
      requireQueue(event.data.queueId);
      return state;
    case 'queue.overflowed':
      requireQueue(event.data.fromQueueId);
      if (event.data.toQueueId === event.data.fromQueueId) fail(CallErrorCode.IllegalEvent, 'must move to another queue');
      return { ...state, queueId: event.data.toQueueId };
    case 'queue.exited':
      requireQueue(event.data.queueId);
      return { ...state, phase: 'routing', queueId: null };
    case 'queue.abandoned':
      requireQueue(event.data.queueId);
      return { ...state, phase: 'ended', queueId: null };

    case 'offer.made': {
      const { offerId, agentId, queueId } = event.data;
      requireQueue(queueId);
      if (state.offers.some((o) => o.offerId === offerId)) fail(CallErrorCode.IllegalEvent, `reuses offer id ${offerId}`);
      if (state.offers.some((o) => o.open && o.agentId === agentId)) fail(CallErrorCode.IllegalEvent, `rings agent ${agentId} twice`);
      return { ...state, offers: [...state.offers, { offerId, agentId, open: true }] };
    }
    case 'offer.ended': {
      const { offerId, agentId } = event.data;
      const offer = state.offers.find((o) => o.offerId === offerId && o.open);
      if (!offer || offer.agentId !== agentId) fail(CallErrorCode.UnknownReference, `names no ringing offer ${offerId} to agent ${agentId}`);
      return { ...state, offers: state.offers.map((o) => (o.offerId === offerId ? { ...o, open: false } : o)) };
    }
    case 'call.answered': {
      const { agentId, offerId } = event.data;
      if (offerId !== null) {
        const offer = state.offers.find((o) => o.offerId === offerId && o.open);
        if (!offer || offer.agentId !== agentId) fail(CallErrorCode.UnknownReference, `names no ringing offer ${offerId} to agent ${agentId}`);
      }
      return {
        ...state,
        phase: 'connected',
        queueId: null,
        connectedAgentIds: [agentId],
        participantIds: addOnce(state.participantIds, agentId),
        offers: state.offers.map((o) => (o.offerId === offerId ? { ...o, open: false } : o)),
      };
    }

    case 'call.held':
    case 'call.resumed':
      requireConnected(event.data.agentId);
      return { ...state, phase: event.type === 'call.held' ? 'held' : 'connected' };

    case 'transfer.initiated': {
      const { transferId, fromAgentId, target } = event.data;
      // The IVR transfers a caller no agent has; an agent transfers a call they are on.
      if (fromAgentId === null) {
        if (state.phase !== 'routing') fail(CallErrorCode.IllegalEvent, 'by the IVR only while no agent has the call');
      } else requireConnected(fromAgentId);
      if (state.transfers.some((t) => t.transferId === transferId)) fail(CallErrorCode.IllegalEvent, `reuses transfer id ${transferId}`);
      if (target.kind === 'agent' && target.agentId === fromAgentId) fail(CallErrorCode.IllegalEvent, 'cannot transfer an agent to themself');
      const transfers = [...state.transfers, { transferId, fromAgentId, open: true }];
      // A blind transfer's agent leaves at once (their leg is hung up): the caller waits with
      // the system while the target rings, so the agent can start their after-call work.
      if (event.data.kind === 'blind' && fromAgentId !== null) {
        return { ...withAgents(state.connectedAgentIds.filter((id) => id !== fromAgentId), state.phase), transfers };
      }
      return { ...state, transfers };
    }
    case 'transfer.completed': {
      const { transferId, toAgentId } = event.data;
      const transfer = state.transfers.find((t) => t.transferId === transferId && t.open);
      if (!transfer) fail(CallErrorCode.UnknownReference, `names no pending transfer ${transferId}`);
      const remaining = state.connectedAgentIds.filter((id) => id !== transfer.fromAgentId);
      const connected = toAgentId ? addOnce(remaining, toAgentId) : remaining;
      return {
        ...withAgents(connected, 'connected'),
        participantIds: toAgentId ? addOnce(state.participantIds, toAgentId) : state.participantIds,
        transfers: state.transfers.map((t) => (t.transferId === transferId ? { ...t, open: false } : t)),
      };
    }
    case 'transfer.failed': {
      const { transferId } = event.data;
      if (!state.transfers.some((t) => t.transferId === transferId && t.open)) fail(CallErrorCode.UnknownReference, `names no pending transfer ${transferId}`);
      return { ...state, transfers: state.transfers.map((t) => (t.transferId === transferId ? { ...t, open: false } : t)) };
    }
    case 'conference.joined': {
      const { byAgentId, party } = event.data;
      requireConnected(byAgentId);
      if (party.kind === 'agent') {
        if (state.connectedAgentIds.includes(party.agentId)) fail(CallErrorCode.IllegalEvent, `adds agent ${party.agentId}, who is already on the call`);
        return {
          ...state,
          phase: 'connected',
          connectedAgentIds: [...state.connectedAgentIds, party.agentId],
          participantIds: addOnce(state.participantIds, party.agentId),
        };
      }
      if (state.outsideParties.includes(party.number)) fail(CallErrorCode.IllegalEvent, `adds ${party.number}, who is already on the call`);
      return { ...state, phase: 'connected', outsideParties: [...state.outsideParties, party.number] };
    }
    case 'conference.left': {
      const { number } = event.data.party;
      if (!state.outsideParties.includes(number)) fail(CallErrorCode.UnknownReference, `names ${number}, who is not on the call`);
      return { ...state, outsideParties: state.outsideParties.filter((n) => n !== number) };
    }
    case 'agent.hung-up': {
      requireConnected(event.data.agentId);
      const remaining = state.connectedAgentIds.filter((id) => id !== event.data.agentId);
      return withAgents(remaining, state.phase);
    }

    case 'supervisor.joined': {
      const { supervisorId } = event.data;
      if (state.supervisorIds.includes(supervisorId)) fail(CallErrorCode.IllegalEvent, `adds supervisor ${supervisorId} twice`);
      return { ...state, supervisorIds: [...state.supervisorIds, supervisorId] };
    }
    case 'supervisor.left': {
      const { supervisorId } = event.data;
      if (!state.supervisorIds.includes(supervisorId)) fail(CallErrorCode.UnknownReference, `names supervisor ${supervisorId}, who is not listening`);
      return { ...state, supervisorIds: state.supervisorIds.filter((id) => id !== supervisorId) };
    }

    case 'recording.started': {
      const { recordingId } = event.data;
      if (state.recordings.some((r) => r.recordingId === recordingId)) fail(CallErrorCode.IllegalEvent, `reuses recording id ${recordingId}`);
      return { ...state, recordings: [...state.recordings, { recordingId, open: true }] };
    }
    case 'recording.stopped': {
      const { recordingId } = event.data;
      if (!state.recordings.some((r) => r.recordingId === recordingId && r.open)) fail(CallErrorCode.UnknownReference, `names no running recording ${recordingId}`);
      return { ...state, recordings: state.recordings.map((r) => (r.recordingId === recordingId ? { ...r, open: false } : r)) };
    }

    case 'call.ended': {
      const { by, agentId } = event.data;
      if (by === 'customer' && state.phase === 'queued') fail(CallErrorCode.IllegalEvent, 'by the customer while queued is queue.abandoned');
      if (by === 'agent') {
        if (agentId === null) fail(CallErrorCode.IllegalEvent, 'by an agent must name the agent');
        requireConnected(agentId);
      }
      return { ...state, phase: 'ended', queueId: null, connectedAgentIds: [], outsideParties: [], supervisorIds: [] };
    }

    case 'callback.requested':
      return { ...state, callbackRequested: true };
    case 'callback.placed':
      if (!state.callbackRequested) fail(CallErrorCode.UnknownReference, 'but no callback was requested');
      return state;

    case 'wrap-up.started': {
      const { agentId } = event.data;
      requireParticipant(agentId);
      if (state.connectedAgentIds.includes(agentId)) fail(CallErrorCode.IllegalEvent, `while agent ${agentId} is still on the call`);
      if (state.wrappingUpAgentIds.includes(agentId)) fail(CallErrorCode.IllegalEvent, `twice for agent ${agentId}`);
      return { ...state, wrappingUpAgentIds: [...state.wrappingUpAgentIds, agentId] };
    }
    case 'wrap-up.ended': {
      const { agentId } = event.data;
      if (!state.wrappingUpAgentIds.includes(agentId)) fail(CallErrorCode.UnknownReference, `but agent ${agentId} is not in wrap-up`);
      return { ...state, wrappingUpAgentIds: state.wrappingUpAgentIds.filter((id) => id !== agentId) };
    }
    case 'disposition.set':
      requireParticipant(event.data.agentId);
      return state;
    case 'ticket.linked':
      if (event.data.agentId !== null) requireParticipant(event.data.agentId);
      return state;
  }
}

function addOnce(ids: readonly string[], id: string): readonly string[] {
  return ids.includes(id) ? ids : [...ids, id];
}
