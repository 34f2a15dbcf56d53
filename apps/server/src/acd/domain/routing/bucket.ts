import { orderKey } from './priority.js';
import { type RoutingStrategy, type SkillRequirement } from './queue-config.js';
import { type AgentEntry, type AgentRecord, type ContactEntry, type ContactRecord, type QueueRecord } from './records.js';
import { SortedList } from './sorted-list.js';

/**
 * One stage of one queue: a skill requirement, the contacts waiting under it in priority
 * order, and the reachable available agents who meet it in the queue's strategy order.
 *
 * The strategies are nothing but the agent order (keys frozen when an agent is listed; an
 * agent's key cannot change while it is listed, because calls taken, offers and idle time
 * only change while it is not available):
 *
 *   longest_idle  idleSince ↑                         (available longest first)
 *   fewest_calls  callsToday ↑, idleSince ↑
 *   round_robin   last offer from this queue ↑        (never offered first, then least recently:
 *                                                      each offer sends the agent to the back)
 *   best_skill    skill score ↓, idleSince ↑          (score: sum of the agent's levels in the
 *                                                      queue's own skills, so widened stages
 *                                                      still prefer the most skilled)
 *   ring_all      idleSince ↑                         (every listed agent rings at once)
 * and then definition order (`rank`).
 */
const NEVER = Number.MIN_SAFE_INTEGER;

function compareContacts(x: ContactEntry, y: ContactEntry): number {
  if (x.key !== y.key) return x.key > y.key ? -1 : 1;
  const a = x.contact;
  const b = y.contact;
  if (a.enqueuedAt !== b.enqueuedAt) return a.enqueuedAt < b.enqueuedAt ? -1 : 1;
  return a.seq - b.seq;
}

function compareAgents(x: AgentEntry, y: AgentEntry): number {
  if (x.a !== y.a) return x.a < y.a ? -1 : 1;
  if (x.b !== y.b) return x.b < y.b ? -1 : 1;
  return x.agent.rank - y.agent.rank;
}

export function skillScore(agent: AgentRecord, skills: readonly SkillRequirement[]): number {
  let score = 0;
  for (const { skillId } of skills) score += agent.skills.get(skillId) ?? 0;
  return score;
}

function agentKey(strategy: RoutingStrategy, agent: AgentRecord, queue: QueueRecord): [number, number] {
  switch (strategy) {
    case 'longest_idle':
    case 'ring_all':
      return [agent.idleSince, 0];
    case 'fewest_calls':
      return [agent.callsToday, agent.idleSince];
    case 'round_robin':
      return [agent.lastOfferedAt.get(queue.rules.id) ?? NEVER, 0];
    case 'best_skill':
      return [-skillScore(agent, queue.rules.skills), agent.idleSince];
  }
}

export class Bucket {
  readonly contacts = new SortedList<ContactEntry>(compareContacts);
  readonly agents = new SortedList<AgentEntry>(compareAgents);
  private readonly agentEntries = new Map<AgentRecord, AgentEntry>();

  constructor(
    readonly queue: QueueRecord,
    readonly stage: number,
    readonly requirement: readonly SkillRequirement[],
    /** Set for a variant bucket (contacts with skills of their own): its key in `queue.variants`. */
    readonly variantKey: string | null = null,
  ) {}

  admits(agent: AgentRecord): boolean {
    for (const { skillId, minLevel } of this.requirement) {
      if ((agent.skills.get(skillId) ?? 0) < minLevel) return false;
    }
    return true;
  }

  listAgent(agent: AgentRecord): void {
    if (this.agentEntries.has(agent)) return;
    const [a, b] = agentKey(this.queue.rules.strategy, agent, this.queue);
    const entry: AgentEntry = { agent, a, b };
    this.agentEntries.set(agent, entry);
    this.agents.insert(entry);
  }

  unlistAgent(agent: AgentRecord): void {
    const entry = this.agentEntries.get(agent);
    if (!entry) return;
    this.agentEntries.delete(agent);
    this.agents.remove(entry);
  }

  seat(contact: ContactRecord): void {
    const entry: ContactEntry = {
      contact,
      key: orderKey(contact.priority, this.queue.rules.agingPerSecond, contact.enqueuedAt),
    };
    contact.entry = entry;
    this.contacts.insert(entry);
  }

  unseat(contact: ContactRecord): void {
    if (contact.entry) this.contacts.remove(contact.entry);
    contact.entry = null;
  }

  /** Contacts of this bucket ahead of `entry` (which may sit in another bucket of the same queue). */
  countAhead(entry: ContactEntry): number {
    return this.contacts.countBefore(entry);
  }
}
