import { type AgentCallView, type CallEndCause, type CallEventBody, type CommandResult, type CrmMatchedBy, type Flow, type GatewayCommandInput, type GatewayEvent } from '@ccx/contracts';
import { type CrmCustomer, type PathStep, type VariableValue } from '../../ivr/domain/runner-types.js';
import { type InterventionChange, type LiveIntervention } from './interventions.js';

/**
 * What a call session needs from the world, as small interfaces: the adapter
 * (`contact-center.service.ts`) joins them to the media gateway, the call recorder, the CRM
 * tables, the ACD, the agents' tabs and the supervisors' apps; the specs join them to fakes with a made-up clock.
 */

/** A call event to append, with the time it happened (ms since the epoch). */
export type TimelineEvent = CallEventBody & { at: number };

export interface SessionGateway {
  /** Sends one command; the answer says whether the gateway took it. Never rejects. */
  execute(command: GatewayCommandInput): Promise<CommandResult>;
}

export interface SessionRecorder {
  /** Appends to the call's timeline, in the order asked; a refusal is the adapter's to log. */
  append(callId: string, events: TimelineEvent[]): void;
}

/**
 * The customer a lookup by caller found, and how: by the caller's number, or (the adapter
 * knows) by who the web page that embeds the widget said its visitor is.
 */
export interface CallerMatch {
  customer: CrmCustomer;
  matchedBy: Extract<CrmMatchedBy, 'caller-number' | 'web-visitor'>;
}

export interface SessionCrm {
  callerList(number: string): Promise<'vip' | 'blacklist' | null>;
  findByCaller(number: string): Promise<CallerMatch | null>;
  findByAccount(accountNumber: string): Promise<CrmCustomer | null>;
  /** The customer whose account and PIN match (the PIN checked against its hash), else null. */
  verifyPin(accountNumber: string, pin: string): Promise<CrmCustomer | null>;
}

export interface EnqueueRequest {
  contactId: string;
  queueId: string;
  priority: number;
  callerNumber: string | null;
  /** Skills (by name) the caller needs on top of the queue's: the flow's queue node, its language. */
  skills: { skill: string; minLevel: number }[];
  /** When the caller first queued, for a caller coming back (a failed transfer): ahead of later callers of the same priority. */
  enqueuedAt?: number;
}

/**
 * The ACD as a call sees it. Calls return at once; the ACD's decisions about the contact
 * (offer, connect, announce …) come back later through `CallSession.onAcdDecision`.
 * Methods answering a boolean return false when the ACD refused (an offer that is gone,
 * an unknown queue).
 */
export interface SessionAcd {
  queueIdOf(name: string): string | null;
  enqueue(request: EnqueueRequest): boolean;
  /** 1-based place of a waiting contact; null while it rings or when it is not queued. */
  positionOf(contactId: string): number | null;
  abandon(contactId: string): void;
  offerAccepted(offerId: string, agentId: string): boolean;
  offerRejected(offerId: string, agentId: string): void;
  offerTimedOut(offerId: string): void;
  callbackRequested(contactId: string, number: string): boolean;
  /**
   * The agent's side of a call ended: after-call work (or available) follows.
   * `afterCallWork: false`: the agent was taken for a call they never joined (a transfer they did not take).
   */
  callEnded(agentId: string, options?: { afterCallWork?: boolean }): void;
  extensionOf(agentId: string): string | null;
  /** Names for what agents' desks show: null for an agent or queue the ACD does not know. */
  agentName(agentId: string): string | null;
  queueName(queueId: string): string | null;
  /**
   * A transfer to an agent: an IVR transfer node's (by username or extension) or a
   * colleague's (by id, with the call's queue for the wrap-up after it). A free, reachable
   * agent is taken for the call (see AcdService).
   */
  takeForDirectCall(
    target: { username: string } | { extension: string } | { agentId: string },
    callId: string,
    queueId?: string | null,
  ): { status: 'taken'; agentId: string; extension: string } | { status: 'busy'; agentId: string } | 'not-an-agent';
}

/** What the agent's tab needs to ring and pop the screen; the adapter adds the CRM record and history. */
export interface OfferContext {
  offerId: string;
  callId: string;
  queueId: string;
  ringUntil: number;
  callback: boolean;
  callerNumber: string;
  dialedNumber: string;
  channel: 'web' | 'trunk';
  vip: boolean;
  language: string;
  customerId: string | null;
  /** How `customerId` was found; null with no customer. */
  customerMatchedBy: CrmMatchedBy | null;
  flowId: string | null;
  path: readonly PathStep[];
  inputs: Record<string, VariableValue>;
  /** A colleague puts the call through to this agent. */
  transfer?: { kind: 'blind' | 'consult'; fromAgentId: string; fromName: string } | null;
}

export type OfferEndReason = 'answered' | 'timeout' | 'rejected' | 'withdrawn' | 'failed';

export interface SessionDesk {
  /** The call waits for an agent: what its screen pop shows can be read ahead of the first offer. */
  queued(callId: string, customerId: string | null, callerNumber: string): void;
  offer(agentId: string, tabId: string, offer: OfferContext): void;
  offerEnded(agentId: string, offerId: string, reason: OfferEndReason): void;
  /** The agent talks to the customer on this call (its record): wrap-up and disposition belong to it. */
  callConnected(agentId: string, callId: string): void;
  /** The call the agent is in changed (`agent:call` to every tab of the agent). */
  callView(agentId: string, view: AgentCallView): void;
}

/** Supervisors' apps and the audit log, for supervisors stepping into calls (interventions.ts). */
export interface SessionSupervision {
  interventionChanged(call: { callId: string; customerNumber: string; agentName: string }, intervention: Readonly<LiveIntervention>, change: InterventionChange): void;
}

export interface SessionLog {
  warn(message: string, data?: Record<string, unknown>): void;
}

export interface SessionPorts {
  now(): number;
  /** A new call id (a UUID). */
  newId(): string;
  gateway: SessionGateway;
  recorder: SessionRecorder;
  crm: SessionCrm;
  acd: SessionAcd;
  desk: SessionDesk;
  supervision: SessionSupervision;
  log: SessionLog;
}

/** Where a dialed number leads: the flow to run and the entry point's name for the record. */
export interface EntryPoint {
  name: string;
  flow: Flow;
}

export interface SessionSettings {
  /** The number callbacks present to the customer. */
  callerId: string;
  /** Forces every business-hours node (configuration `IVR_HOURS_OVERRIDE`). */
  hoursOverride: 'open' | 'closed' | 'holiday' | null;
  /** How long an originated callback rings the customer (and a dialled call its number). */
  callbackRingMs: number;
  /** Numbers can be dialled (SIP_TRUNK_URI is set): transfers to a number, click-to-dial. */
  trunk: boolean;
}

/** An agent's click-to-dial: the call to place. */
export interface DialRequest {
  /** The new call's id (its record; the ACD has the agent on it already). */
  callId: string;
  agentId: string;
  number: string;
  /** The CRM record the call is filed with (checked to exist), or null. */
  customerId: string | null;
  at: number;
}

/** The INVITE that started a call, as the gateway reported it. */
export interface IncomingCall {
  legId: string;
  channel: 'web' | 'trunk';
  from: string;
  to: string;
  at: number;
}

/** Events about one of a call's legs (the gateway also reports registrations and its own figures). */
export type CallLegEvent = Exclude<Extract<GatewayEvent, { legId: string }>, { event: 'incoming' }>;
export type SessionGatewayEvent = CallLegEvent | Extract<GatewayEvent, { event: 'recordingDone' }>;

/** The data of a call's `call.ended`. */
export interface EndData {
  by: 'customer' | 'agent' | 'system';
  agentId: string | null;
  cause: Exclude<CallEndCause, 'abandoned'>;
  detail: string | null;
}
