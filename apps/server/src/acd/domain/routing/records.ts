import { type AgentPresence } from '../agent-presence.js';
import { type AgentState } from '../agent-state.js';
import { type Bucket } from './bucket.js';
import { type QueueRules, type SkillRequirement } from './queue-config.js';
import { type Timer } from './timer-queue.js';

/**
 * The ACD's working records. Internal to the routing package: the outside sees decisions
 * (decisions.ts) and read-only views (`Acd.agentView`, `Acd.contactView`).
 */
export interface QueueRecord {
  rules: QueueRules;
  /** One per stage (see queue-config.ts): `buckets[contact.stage]` holds a contact with no skills of its own while it waits. */
  buckets: Bucket[];
  /**
   * Buckets for contacts that bring skills of their own (the flow's queue node: a language,
   * a product), one per stage and set of those skills, made when the first such contact is
   * seated and dropped when the last one leaves.
   */
  variants: Map<string, Bucket>;
  /** Every contact of this queue, waiting or being offered. */
  readonly contacts: Set<ContactRecord>;
}

export interface ContactRecord {
  readonly id: string;
  /** Arrival order, the last tie-break. */
  readonly seq: number;
  readonly priority: number;
  readonly enqueuedAt: number;
  readonly callerNumber: string | null;
  /** Skills the contact itself requires on top of its queue's stage (sorted by skill id; usually none). */
  readonly skills: readonly SkillRequirement[];
  queue: QueueRecord;
  queueEnteredAt: number;
  stage: number;
  /** Index of the queue's next overflow rule. */
  nextRule: number;
  /** Set while the contact waits in a bucket; null while an offer rings. */
  entry: ContactEntry | null;
  /** The bucket it waits in (with `entry`). */
  bucket: Bucket | null;
  offer: OfferRecord | null;
  /** Set once the caller chose a callback (or max wait made one): no more announcements or max wait. */
  callback: { number: string } | null;
  /** Max wait came while an offer rang: applied if the contact comes back. */
  maxWaitDue: boolean;
  /** agentId → until when that agent is not offered this contact again. */
  declined: Map<string, number> | null;
  overflowTimer: Timer | null;
  maxWaitTimer: Timer | null;
  announceTimer: Timer | null;
}

/** A contact's place in a bucket, its key frozen when it was seated. */
export interface ContactEntry {
  readonly contact: ContactRecord;
  readonly key: number;
}

export interface AgentRecord {
  readonly id: string;
  /** Definition order, the last tie-break between agents. */
  readonly rank: number;
  skills: ReadonlyMap<string, number>;
  state: AgentState;
  readonly presence: AgentPresence;
  reachable: boolean;
  /** Buckets whose requirement this agent meets (worked out when skills or queues change). */
  buckets: Set<Bucket>;
  /** In the agent lists of its buckets: available and reachable. */
  listed: boolean;
  /** Since when the agent has been available without taking a call (longest idle). */
  idleSince: number;
  callsToday: number;
  /** queueId → last offer from that queue (round robin). */
  readonly lastOfferedAt: Map<string, number>;
  offer: OfferRecord | null;
  presenceTimer: Timer | null;
  wrapUpTimer: Timer | null;
}

/** An agent's place in a bucket, its strategy key frozen when it was listed. */
export interface AgentEntry {
  readonly agent: AgentRecord;
  readonly a: number;
  readonly b: number;
}

export interface OfferRecord {
  readonly id: string;
  readonly contact: ContactRecord;
  readonly queueId: string;
  /** The agents it still rings (several with ring-all). */
  readonly agents: Set<AgentRecord>;
  readonly ringUntil: number;
  timer: Timer | null;
}

export function isDeclinedBy(contact: ContactRecord, agentId: string, at: number): boolean {
  const until = contact.declined?.get(agentId);
  return until !== undefined && until > at;
}
