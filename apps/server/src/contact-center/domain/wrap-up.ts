import { type CallEventBody, CallControlErrorCode, type CallWrapUp } from '@ccx/contracts';
import { replayCallEvents } from '../../calls/domain/call-state.js';
import { CallControlError, invalidField, notNow } from './call-control-error.js';

/**
 * The agent's after-call form (`call:wrapUp`): who may file it, and what it writes.
 *
 * - Only an agent who took part in the call, for the call they are in after-call work for,
 *   or — once that is over (the queue's wrap-up time ran out, or there was none) — for the
 *   last call they were on, up to `LATE_WRAP_UP_MS` after they left it. An agent still on
 *   the call files it after hanging up.
 * - The disposition must be an active code (`GET /api/dispositions`); the refusal names the
 *   field, like a bad payload.
 * - One wrap-up per agent and call: a second one is refused (a conflict), not taken as an
 *   update, so the first agent's disposition is what the record keeps and reports count.
 *
 * It writes `disposition.set` (and `ticket.linked` for a ticket); the adapter then ends the
 * after-call work if the agent is still in it for this call (`wrap-up.ended` follows from
 * the ACD's state change).
 */

/** How long after leaving their last call an agent may still file its wrap-up. */
export const LATE_WRAP_UP_MS = 60 * 60 * 1000;

export interface WrapUpInput {
  agentId: string;
  request: CallWrapUp;
  /** The call the agent is in after-call work for now, if any. */
  wrappingUpCallId: string | null;
  /** The last call the agent was on, and when they left it (null: still on it). */
  lastCall: { callId: string; leftAt: number | null } | null;
  /** The call's stored timeline; null when there is no such call. */
  timeline: readonly CallEventBody[] | null;
  /** The active disposition codes. */
  dispositions: readonly string[];
  now: number;
}

export interface WrapUpDecision {
  /** To append to the call's timeline, in this order. */
  events: CallEventBody[];
  /** The agent's after-call work is for this call: it ends now. */
  endsAfterCallWork: boolean;
}

/** Decides a wrap-up, or throws `CallControlError` (nothing is written then). */
export function decideWrapUp(input: WrapUpInput): WrapUpDecision {
  const { agentId, request, timeline } = input;
  const callId = request.callId;
  const notYours = () => new CallControlError(CallControlErrorCode.NotYourCall, `you took no part in call ${callId}`);
  if (timeline === null) throw notYours();
  if (!replayCallEvents(timeline).participantIds.includes(agentId)) throw notYours();

  const inAfterCallWork = input.wrappingUpCallId === callId;
  if (!inAfterCallWork) {
    const last = input.lastCall?.callId === callId ? input.lastCall : null;
    if (last && last.leftAt === null) throw notNow('you are still on this call: its wrap-up follows the hang-up');
    if (!last || input.now - last.leftAt! > LATE_WRAP_UP_MS) {
      throw new CallControlError(
        CallControlErrorCode.WrapUpExpired,
        `call ${callId} can no longer be wrapped up: only the call you are in after-call work for, or your last call up to ${LATE_WRAP_UP_MS / 60_000} minutes after it`,
      );
    }
  }
  if (timeline.some((e) => e.type === 'disposition.set' && e.data.agentId === agentId)) {
    throw new CallControlError(CallControlErrorCode.AlreadyWrappedUp, `you have wrapped up call ${callId} already`);
  }
  if (!input.dispositions.includes(request.disposition)) {
    throw invalidField('disposition', `"${request.disposition}" is not an active disposition code (GET /api/dispositions lists them)`);
  }

  const events: CallEventBody[] = [{ type: 'disposition.set', data: { agentId, code: request.disposition, notes: request.notes } }];
  if (request.ticketId !== null) events.push({ type: 'ticket.linked', data: { agentId, ticketId: request.ticketId } });
  return { events, endsAfterCallWork: inAfterCallWork };
}
