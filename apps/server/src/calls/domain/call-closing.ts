import { type CallEndCause, type CallEventBody } from '@ccx/contracts';
import { type CallState } from './call-state.js';

/**
 * The events that close what a call left open when the process carrying it stops: offers
 * still ringing are withdrawn, pending transfers fail, supervisors leave, recordings stop
 * (their audio lived in the gateway's memory, so no file is kept), the call ends by the
 * system, and agents still in after-call work leave it. Applied in this order to `state`,
 * every one of them is legal, and the result has nothing open.
 *
 * Used twice: at shutdown, for the calls still up when the drain time is over (cause
 * `gateway-lost`: the embedded gateway stops with the server), and at start, for calls a
 * crashed process left unfinished (cause `recovered`).
 */
export function closingEvents(state: CallState, end: { cause: Extract<CallEndCause, 'gateway-lost' | 'recovered'>; detail: string }): CallEventBody[] {
  const events: CallEventBody[] = [];
  for (const offer of state.offers) {
    if (offer.open) events.push({ type: 'offer.ended', data: { offerId: offer.offerId, agentId: offer.agentId, result: 'withdrawn' } });
  }
  for (const transfer of state.transfers) {
    if (transfer.open) events.push({ type: 'transfer.failed', data: { transferId: transfer.transferId, reason: 'failed' } });
  }
  for (const supervisorId of state.supervisorIds) events.push({ type: 'supervisor.left', data: { supervisorId } });
  for (const recording of state.recordings) {
    if (recording.open) events.push({ type: 'recording.stopped', data: { recordingId: recording.recordingId, path: null, durationSeconds: null } });
  }
  if (state.phase !== 'ended' && state.phase !== 'idle') {
    events.push({ type: 'call.ended', data: { by: 'system', agentId: null, cause: end.cause, detail: end.detail } });
  }
  for (const agentId of state.wrappingUpAgentIds) events.push({ type: 'wrap-up.ended', data: { agentId } });
  return events;
}
