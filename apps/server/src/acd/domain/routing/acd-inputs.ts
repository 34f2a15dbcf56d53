import { type SkillRequirement } from './queue-config.js';
import { type Unreachable } from '../agent-presence.js';
import { type AgentState } from '../agent-state.js';
import { type WaitEstimator } from './routing-engine.js';

/** What the `Acd` takes (settings, definitions, contacts) and the read-only views it gives. */
export interface AcdSettings {
  /** A tab unheard of for this long is dead. Default 10 s. */
  heartbeatTimeoutSeconds: number;
  /** The not-ready reasons the administrator defined ('missed-offer' is built in). */
  notReadyReasons: readonly string[];
  /** EWT for announcements (metrics lives in calls/domain); default: no estimate. */
  estimateWait: WaitEstimator;
  /** After-call work after a call the agent dialled (click-to-dial). Default 0. */
  defaultWrapUpSeconds: number;
  /** The day a time belongs to, for "fewest calls today". Default: UTC days. */
  dayOf: (at: number) => number;
}

export interface AgentDefinition {
  agentId: string;
  skills: readonly { skillId: string; level: number }[];
}

export interface EnqueueInput {
  contactId: string;
  queueId: string;
  /** Base priority, higher first (`Priority.Vip`, `Priority.Normal`, or any number). Default normal. */
  priority?: number;
  /** Dialled back for a callback. */
  callerNumber?: string | null;
  /**
   * Skills this caller needs on top of the queue's (the flow's queue node: a language, a
   * product), kept through overflows; an agent must meet both. Default none.
   */
  skills?: readonly SkillRequirement[];
  /** When the contact first queued; defaults to now (set it when rebuilding after a restart). */
  enqueuedAt?: number;
}

export interface AgentView {
  agentId: string;
  state: AgentState;
  reachable: boolean;
  /** Why offers cannot reach the agent (as of the latest time the ACD saw); null when reachable. */
  unreachable: Unreachable | null;
  tabs: number;
  callsToday: number;
  idleSince: number;
}

export interface ContactView {
  contactId: string;
  queueId: string;
  stage: number;
  status: 'waiting' | 'ringing';
  /** 1-based place in its queue while waiting. */
  position: number | null;
  callback: boolean;
  priority: number;
  enqueuedAt: number;
}
