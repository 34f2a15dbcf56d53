import { AgentPresence } from '../agent-presence.js';
import { Bucket } from './bucket.js';
import { effectivePriority } from './priority.js';
import { type QueueRules, type SkillRequirement } from './queue-config.js';
import { type AgentRecord, type ContactRecord, type QueueRecord, isDeclinedBy } from './records.js';

/**
 * The indexes that make a routing decision cheap. Eligibility is worked out when skills or
 * queues change, never at decision time: each agent knows the buckets (queue stages) whose
 * skill requirement it meets, and each bucket knows its eligible agents. What changes at run
 * time is only who is *listed* (available and reachable) and which contacts wait:
 *
 *   - a contact arrives (or comes back, or overflows) → the first listed agent of its bucket
 *     in strategy order: O(1) plus skipping agents who recently declined it;
 *   - an agent becomes available → the head contact of each of its buckets (a handful), the
 *     best of those by effective priority: no scan over the waiting contacts;
 *   - listing or unlisting an agent → one sorted insert or remove per eligible bucket.
 *
 * The invariant the ACD keeps after every event: no listed agent is eligible for a waiting
 * contact it has not recently declined (otherwise that pair would have been offered).
 *
 * A contact that brings skills of its own waits in a variant bucket of its stage, whose
 * requirement is both (the higher minimum where they share a skill). Variants exist only
 * while such contacts wait: making one looks at every agent once, which is the price of a
 * requirement nobody had asked for before, not of a decision.
 */
export class RoutingIndex {
  readonly queues = new Map<string, QueueRecord>();
  readonly agents = new Map<string, AgentRecord>();
  private nextRank = 0;

  /**
   * Creates a queue, or replaces an existing queue's rules and stages. On replacement every
   * waiting contact is taken out of the old buckets; the caller seats them again.
   */
  defineQueue(rules: QueueRules): QueueRecord {
    let queue = this.queues.get(rules.id);
    if (queue) {
      for (const contact of queue.contacts) if (contact.bucket) this.unseat(contact);
      this.detachBuckets(queue);
      queue.variants = new Map();
      queue.rules = rules;
    } else {
      queue = { rules, buckets: [], variants: new Map(), contacts: new Set() };
      this.queues.set(rules.id, queue);
    }
    const record = queue;
    queue.buckets = rules.stages.map((requirement, stage) => new Bucket(record, stage, requirement));
    for (const agent of this.agents.values()) this.attach(agent, queue.buckets);
    return queue;
  }

  removeQueue(queue: QueueRecord): void {
    this.detachBuckets(queue);
    this.queues.delete(queue.rules.id);
  }

  defineAgent(id: string, skills: ReadonlyMap<string, number>, at: number): AgentRecord {
    let agent = this.agents.get(id);
    if (agent) {
      const listed = agent.listed;
      this.setListed(agent, false);
      agent.skills = skills;
      agent.buckets = new Set();
      for (const queue of this.queues.values()) this.attach(agent, allBuckets(queue));
      this.setListed(agent, listed);
      return agent;
    }
    agent = {
      id,
      rank: this.nextRank++,
      skills,
      state: { name: 'offline', since: at },
      presence: new AgentPresence(),
      reachable: false,
      buckets: new Set(),
      listed: false,
      idleSince: at,
      callsToday: 0,
      lastOfferedAt: new Map(),
      offer: null,
      presenceTimer: null,
      wrapUpTimer: null,
    };
    this.agents.set(id, agent);
    for (const queue of this.queues.values()) this.attach(agent, allBuckets(queue));
    return agent;
  }

  removeAgent(agent: AgentRecord): void {
    this.setListed(agent, false);
    this.agents.delete(agent.id);
  }

  /** Lists or unlists the agent in all its buckets; true when that changed something. */
  setListed(agent: AgentRecord, listed: boolean): boolean {
    if (agent.listed === listed) return false;
    agent.listed = listed;
    for (const bucket of agent.buckets) {
      if (listed) bucket.listAgent(agent);
      else bucket.unlistAgent(agent);
    }
    return true;
  }

  /** Re-keys the listed agents of a queue (after their keys changed, e.g. a new day's counts). */
  relist(queue: QueueRecord): void {
    for (const bucket of allBuckets(queue)) {
      for (const { agent } of bucket.agents.toArray()) {
        bucket.unlistAgent(agent);
        bucket.listAgent(agent);
      }
    }
  }

  seat(contact: ContactRecord): void {
    const bucket = this.bucketFor(contact);
    bucket.seat(contact);
    contact.bucket = bucket;
  }

  unseat(contact: ContactRecord): void {
    const bucket = contact.bucket;
    if (!bucket) return;
    bucket.unseat(contact);
    contact.bucket = null;
    const { queue } = contact;
    if (bucket.contacts.size === 0 && bucket.variantKey !== null && queue.variants.get(bucket.variantKey) === bucket) {
      queue.variants.delete(bucket.variantKey);
      this.detach([bucket]);
    }
  }

  /** The agents to offer a waiting contact to: the first in strategy order, or all of them for ring-all. */
  agentsFor(contact: ContactRecord, at: number): AgentRecord[] {
    const bucket = contact.bucket ?? contact.queue.buckets[contact.stage]!;
    if (bucket.agents.size === 0) return [];
    const eligible = ({ agent }: { agent: AgentRecord }) => !isDeclinedBy(contact, agent.id, at);
    if (contact.queue.rules.strategy === 'ring_all') return bucket.agents.filter(eligible).map((e) => e.agent);
    const first = bucket.agents.find(eligible);
    return first ? [first.agent] : [];
  }

  /** The waiting contact a newly listed agent should take: best of its buckets' heads. */
  bestContactFor(agent: AgentRecord, at: number): ContactRecord | null {
    let best: ContactRecord | null = null;
    for (const bucket of agent.buckets) {
      if (bucket.contacts.size === 0) continue;
      const head = bucket.contacts.find(({ contact }) => !isDeclinedBy(contact, agent.id, at));
      if (head && (best === null || outranks(head.contact, best, at))) best = head.contact;
    }
    return best;
  }

  /** 1-based place among the queue's waiting contacts (all stages); null while an offer rings. */
  position(contact: ContactRecord): number | null {
    const entry = contact.entry;
    if (!entry) return null;
    let ahead = 0;
    for (const bucket of allBuckets(contact.queue)) ahead += bucket.countAhead(entry);
    return ahead + 1;
  }

  /** The stage's bucket, or the variant of it for the contact's own skills (made on first use). */
  private bucketFor(contact: ContactRecord): Bucket {
    const { queue, stage } = contact;
    const base = queue.buckets[stage]!;
    if (contact.skills.length === 0) return base;
    const key = `${stage}|${contact.skills.map((s) => `${s.skillId}:${s.minLevel}`).join(',')}`;
    let variant = queue.variants.get(key);
    if (!variant) {
      variant = new Bucket(queue, stage, combine(base.requirement, contact.skills), key);
      queue.variants.set(key, variant);
      for (const agent of this.agents.values()) this.attach(agent, [variant]);
    }
    return variant;
  }

  private attach(agent: AgentRecord, buckets: Iterable<Bucket>): void {
    for (const bucket of buckets) {
      if (!bucket.admits(agent)) continue;
      agent.buckets.add(bucket);
      if (agent.listed) bucket.listAgent(agent);
    }
  }

  private detachBuckets(queue: QueueRecord): void {
    this.detach([...allBuckets(queue)]);
  }

  private detach(buckets: readonly Bucket[]): void {
    for (const bucket of buckets) {
      for (const { agent } of bucket.agents.toArray()) bucket.unlistAgent(agent);
    }
    for (const agent of this.agents.values()) {
      for (const bucket of buckets) agent.buckets.delete(bucket);
    }
  }
}

/** Every bucket of a queue: its stages', then the variants of waiting contacts with skills of their own. */
export function* allBuckets(queue: QueueRecord): Iterable<Bucket> {
  yield* queue.buckets;
  yield* queue.variants.values();
}

/** A stage's requirement and a contact's own skills together: each skill at the higher minimum. */
function combine(stage: readonly SkillRequirement[], own: readonly SkillRequirement[]): SkillRequirement[] {
  const levels = new Map(stage.map((s) => [s.skillId, s.minLevel]));
  for (const { skillId, minLevel } of own) levels.set(skillId, Math.max(minLevel, levels.get(skillId) ?? 0));
  return [...levels].map(([skillId, minLevel]) => ({ skillId, minLevel }));
}

/** Does waiting contact `a` go before `b` at time `at`? Same queue: the frozen order; else effective priority. */
export function outranks(a: ContactRecord, b: ContactRecord, at: number): boolean {
  if (a.queue === b.queue && a.entry && b.entry) {
    if (a.entry.key !== b.entry.key) return a.entry.key > b.entry.key;
  } else {
    const pa = effectivePriority(a.priority, a.queue.rules.agingPerSecond, a.enqueuedAt, at);
    const pb = effectivePriority(b.priority, b.queue.rules.agingPerSecond, b.enqueuedAt, at);
    if (pa !== pb) return pa > pb;
  }
  if (a.enqueuedAt !== b.enqueuedAt) return a.enqueuedAt < b.enqueuedAt;
  return a.seq < b.seq;
}
