/**
 * What the widget shows its visitor about their call, folded from the call's own timeline
 * (the events the recorder appends): in the IVR, in a queue at a position, talking to an
 * agent, on hold, called back later, ended. Plain TypeScript: events in, status out.
 *
 *   (no call) waiting ──call.started──▶ ivr ──queue.entered──▶ queued ──call.answered──▶ talking ⇄ on-hold
 *                                       ▲                        │  callback.requested           │
 *                                       └── queue.exited ────────┤        ▼                      │
 *                                       └───────── last agent hung up (the survey) ──────────────┘
 *   any ──call.ended / queue.abandoned──▶ ended
 */
import { type CallEventBody, type WidgetCallStatus } from '@ccx/contracts';

/** The SIP user of a widget visitor: `widget.<entry number>.<random>` (the call token's). */
export const VISITOR_USER = /^widget\.[0-9A-Za-z_-]{1,64}\.[A-Za-z0-9_-]{6,64}$/;

export interface VisitorCall {
  status: WidgetCallStatus;
  /** Agents connected to the caller right now (answered, transferred to, conferenced in). */
  agents: readonly string[];
}

export const NO_CALL: VisitorCall = { status: { phase: 'waiting' }, agents: [] };

/** The visitor's call after one more event of its timeline. */
export function nextVisitorCall(call: VisitorCall, event: CallEventBody): VisitorCall {
  if (call.status.phase === 'ended') return call;
  const agents = call.agents;
  switch (event.type) {
    case 'call.started':
      return { status: { phase: 'ivr' }, agents: [] };
    case 'queue.entered':
      return { ...call, status: { phase: 'queued', position: event.data.position } };
    case 'queue.announcement':
      return call.status.phase === 'queued' ? { ...call, status: { phase: 'queued', position: event.data.position } } : call;
    case 'queue.exited':
      return event.data.reason === 'callback' ? call : { ...call, status: { phase: 'ivr' } };
    case 'callback.requested':
      return { ...call, status: { phase: 'callback-booked', number: event.data.number } };
    case 'call.answered':
      return { status: { phase: 'talking' }, agents: [...agents.filter((a) => a !== event.data.agentId), event.data.agentId] };
    case 'transfer.completed':
      return event.data.toAgentId ? { ...call, status: { phase: 'talking' }, agents: [...agents, event.data.toAgentId] } : call;
    case 'conference.joined':
      return event.data.party.kind === 'agent' ? { ...call, agents: [...agents, event.data.party.agentId] } : call;
    case 'call.held':
      return { ...call, status: { phase: 'on-hold' } };
    case 'call.resumed':
      return { ...call, status: { phase: 'talking' } };
    case 'agent.hung-up': {
      const left = agents.filter((a) => a !== event.data.agentId);
      // The last agent gone with the caller still there: the flow takes them back (the survey).
      if (left.length === 0 && (call.status.phase === 'talking' || call.status.phase === 'on-hold')) return { status: { phase: 'ivr' }, agents: left };
      return { ...call, agents: left };
    }
    case 'call.ended':
    case 'queue.abandoned':
      return { status: { phase: 'ended' }, agents: [] };
    default:
      return call;
  }
}

/** A queued call's position as the ACD sees it now (it moves as callers ahead are answered). */
export function withPosition(call: VisitorCall, position: number | null): VisitorCall {
  if (call.status.phase !== 'queued' || position === null || position === call.status.position) return call;
  return { ...call, status: { phase: 'queued', position } };
}
