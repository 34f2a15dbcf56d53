import { type AgentTransition } from '../agent-state.js';
import { type Unreachable } from '../agent-presence.js';
import { type MaxWaitOutcome } from './queue-config.js';

/**
 * What the ACD decided, as plain data, in the order it happened. The adapters carry them out
 * (Socket.IO to the agent's tab, gateway commands, call events, persistence); the domain
 * never does I/O.
 */
export type AcdDecision =
  | OfferDecision
  | OfferRevokedDecision
  | ConnectDecision
  | DialCallbackDecision
  | AnnounceDecision
  | OverflowDecision
  | MaxWaitDecision
  | AgentStateDecision
  | ReachabilityDecision;

/** The agent (and the one tab of theirs) an offer rings. */
export interface OfferTarget {
  agentId: string;
  /** The agent's freshest live tab: the only tab that should ring and pop the screen. */
  tabId: string;
}

/** Ring these agents (one, or several for ring-all) until `ringUntil`. */
export interface OfferDecision {
  type: 'offer';
  offerId: string;
  contactId: string;
  queueId: string;
  agents: OfferTarget[];
  ringUntil: number;
  /** The caller is not on the line: on accept the ACD answers with `dialCallback`. */
  callback: boolean;
}

/** Stop ringing these agents. `offerEnded`: nobody rings any more (the contact waits again, was answered, or left). */
export interface OfferRevokedDecision {
  type: 'offerRevoked';
  offerId: string;
  contactId: string;
  agentIds: string[];
  reason: 'timeout' | 'rejected' | 'agent-unreachable' | 'agent-left' | 'answered-elsewhere' | 'abandoned';
  offerEnded: boolean;
}

/** The agent took the waiting caller: bridge them. */
export interface ConnectDecision {
  type: 'connect';
  contactId: string;
  queueId: string;
  agentId: string;
  waitedMs: number;
}

/** The agent took a callback: now dial the customer and bridge the agent to that call. */
export interface DialCallbackDecision {
  type: 'dialCallback';
  contactId: string;
  queueId: string;
  agentId: string;
  number: string;
}

/** Tell the waiting caller their position and estimated wait (null: no estimate). */
export interface AnnounceDecision {
  type: 'announce';
  contactId: string;
  queueId: string;
  position: number;
  ewtSeconds: number | null;
}

/** An overflow rule applied: the requirement was widened to `stage`, or the contact moved queue. */
export interface OverflowDecision {
  type: 'overflow';
  contactId: string;
  action: 'widen' | 'move';
  fromQueueId: string;
  toQueueId: string;
  stage: number;
}

/**
 * The contact reached the queue's maximum wait. `voicemail`: it left the queue, take a
 * message. `callback`: it stays at its place as a callback, the caller may hang up.
 */
export interface MaxWaitDecision {
  type: 'maxWait';
  contactId: string;
  queueId: string;
  outcome: MaxWaitOutcome;
}

/** Persist this agent state change (and show it). */
export interface AgentStateDecision {
  type: 'agentState';
  transition: AgentTransition;
}

/** The agent became reachable or unreachable (offers stop or resume; wallboards show it). */
export interface ReachabilityDecision {
  type: 'reachability';
  agentId: string;
  reachable: boolean;
  why: Unreachable | null;
  at: number;
}
