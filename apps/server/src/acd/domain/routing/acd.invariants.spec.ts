import { describe, expect, it } from 'vitest';
import { AcdError } from '../acd-error.js';
import { Acd } from './acd.js';
import { at } from './acd-test-kit.js';
import { type AcdDecision } from './decisions.js';
import { type QueueConfig, type SkillRequirement } from './queue-config.js';

function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SKILLS = ['en', 'fr', 'billing', 'tech'];
const STRATEGIES = ['longest_idle', 'fewest_calls', 'round_robin', 'best_skill', 'ring_all'] as const;

/**
 * Thousands of random events (some of them refused, as they would be in real life), and after
 * each one the promises of the ACD are checked from the outside:
 *   - no available, reachable agent is eligible for a waiting contact (declines are off here);
 *   - every ringing agent is reachable, and no agent rings for two offers at once;
 *   - a contact rings exactly while an offer for it is out;
 *   - the waiting contacts of each queue hold positions 1…n.
 */
describe(`${Acd.name} invariants under random events`, () => {
  it.each([1, 2, 3, 4])('hold for seed %i', (seed) => {
    const rnd = random(seed);
    const pick = <T,>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
    const sut = new Acd({ heartbeatTimeoutSeconds: 30, notReadyReasons: ['break'] });
    const queues = new Map<string, QueueConfig>();
    const skillsOf = new Map<string, Map<string, number>>();
    /** Skills a contact brings of its own (a third of them: a language from the flow). */
    const ownSkillsOf = new Map<string, SkillRequirement[]>();
    const agents = Array.from({ length: 8 }, (_, i) => `a${i}`);
    let now = at(0);

    for (let q = 0; q < 4; q++) {
      const skills: SkillRequirement[] = SKILLS.filter(() => rnd() < 0.4).map((skillId) => ({ skillId, minLevel: 1 + Math.floor(rnd() * 6) }));
      const config: QueueConfig = {
        id: `q${q}`,
        strategy: pick(STRATEGIES),
        skills,
        offerTimeoutSeconds: 5 + Math.floor(rnd() * 10),
        wrapUpSeconds: Math.floor(rnd() * 6),
        missedOfferSetsNotReady: rnd() < 0.5,
        agingPerSecond: pick([0, 0.5, 1, 3]),
        retryDeclinedAfterSeconds: 0,
        maxWait: rnd() < 0.5 ? { seconds: 60 + Math.floor(rnd() * 60), outcome: pick(['voicemail', 'callback'] as const) } : null,
        overflow: [
          { afterSeconds: 20, action: { type: 'widen', skills: skills.slice(1) } },
          ...(q > 0 ? [{ afterSeconds: 40, action: { type: 'move' as const, queueId: `q${q - 1}` } }] : []),
        ],
        announcements: { firstAfterSeconds: 0, everySeconds: 15 },
      };
      queues.set(config.id, config);
      sut.defineQueue(config, now);
    }
    const defineAgent = (id: string) => {
      const skills = new Map(SKILLS.filter(() => rnd() < 0.6).map((s) => [s, 1 + Math.floor(rnd() * 10)] as [string, number]));
      skillsOf.set(id, skills);
      return sut.defineAgent({ agentId: id, skills: [...skills].map(([skillId, level]) => ({ skillId, level })) }, now);
    };

    const ringing = new Map<string, string>(); // agentId → offerId
    const offerAgents = new Map<string, Set<string>>();
    const offerOf = new Map<string, string>(); // contactId → offerId
    const contacts = new Set<string>();
    let contactSeq = 0;

    const follow = (decisions: AcdDecision[]) => {
      for (const d of decisions) {
        if (d.type === 'offer') {
          for (const { agentId } of d.agents) {
            expect(ringing.has(agentId), `${agentId} rings twice`).toBe(false);
            ringing.set(agentId, d.offerId);
          }
          offerAgents.set(d.offerId, new Set(d.agents.map((t) => t.agentId)));
          offerOf.set(d.contactId, d.offerId);
        } else if (d.type === 'offerRevoked') {
          for (const agentId of d.agentIds) {
            ringing.delete(agentId);
            offerAgents.get(d.offerId)?.delete(agentId);
          }
          if (d.offerEnded) offerOf.delete(d.contactId);
        } else if (d.type === 'connect' || d.type === 'dialCallback') {
          const offerId = offerOf.get(d.contactId)!;
          for (const agentId of offerAgents.get(offerId) ?? []) if (ringing.get(agentId) === offerId) ringing.delete(agentId);
          offerOf.delete(d.contactId);
          contacts.delete(d.contactId);
        } else if (d.type === 'maxWait' && d.outcome === 'voicemail') {
          contacts.delete(d.contactId);
        }
      }
    };

    const check = (): string[] => {
      const problems: string[] = [];
      const waiting = [...contacts].map((id) => sut.contactView(id)).filter((c) => c !== null);
      if (waiting.length !== contacts.size) problems.push(`${contacts.size - waiting.length} contacts vanished`);
      for (const agentId of agents) {
        const view = sut.agentView(agentId);
        if ((view.state.name === 'reserved') !== ringing.has(agentId)) problems.push(`${agentId} is ${view.state.name}, ringing: ${ringing.has(agentId)}`);
        if (view.state.name === 'reserved' && !view.reachable) problems.push(`${agentId} rings while unreachable`);
        if (view.state.name !== 'available' || !view.reachable) continue;
        const skills = skillsOf.get(agentId)!;
        for (const contact of waiting) {
          if (contact.status !== 'waiting') continue;
          const config = queues.get(contact.queueId)!;
          const stages = [config.skills, ...(config.overflow ?? []).flatMap((r) => (r.action.type === 'widen' ? [r.action.skills] : []))];
          const needs = [...stages[contact.stage]!, ...(ownSkillsOf.get(contact.contactId) ?? [])];
          if (needs.every((r) => (skills.get(r.skillId) ?? 0) >= r.minLevel)) {
            problems.push(`${agentId} idles while ${contact.contactId} waits in ${contact.queueId}/${contact.stage}`);
          }
        }
      }
      for (const contact of waiting) {
        if ((contact.status === 'ringing') !== offerOf.has(contact.contactId)) problems.push(`${contact.contactId} is ${contact.status}`);
      }
      for (const queueId of queues.keys()) {
        const positions = waiting.filter((c) => c.queueId === queueId && c.status === 'waiting').map((c) => c.position!);
        if (positions.sort((a, b) => a - b).some((p, i) => p !== i + 1)) problems.push(`${queueId} positions ${positions.join(',')}`);
      }
      return problems;
    };
    const seen = new Map<string, number>();
    const count = (decisions: AcdDecision[]) => {
      for (const d of decisions) seen.set(d.type, (seen.get(d.type) ?? 0) + 1);
      return decisions;
    };

    for (const id of agents) follow(defineAgent(id));
    const events: (() => AcdDecision[])[] = [
      () => {
        const id = `c${contactSeq++}`;
        contacts.add(id);
        const own = rnd() < 0.33 ? [{ skillId: pick(SKILLS), minLevel: 1 + Math.floor(rnd() * 8) }] : [];
        ownSkillsOf.set(id, own);
        return sut.enqueue({ contactId: id, queueId: pick([...queues.keys()]), priority: pick([0, 0, 50]), callerNumber: rnd() < 0.7 ? '+1555' : null, skills: own }, now);
      },
      () => {
        const id = pick([...contacts, 'none']);
        const out = sut.abandon(id, now);
        contacts.delete(id);
        return out;
      },
      () => sut.callbackRequested(pick([...contacts, 'none']), now),
      () => {
        const agentId = pick([...ringing.keys(), 'a0']);
        return sut.offerAccepted(ringing.get(agentId) ?? 'none', agentId, now);
      },
      () => {
        const agentId = pick([...ringing.keys(), 'a0']);
        return sut.offerAccepted(ringing.get(agentId) ?? 'none', agentId, now);
      },
      () => {
        const agentId = pick(agents);
        return sut.offerRejected(ringing.get(agentId) ?? 'none', agentId, now);
      },
      () => sut.offerTimedOut(ringing.get(pick(agents)) ?? 'none', now),
      () => sut.callEnded(pick(agents), now),
      () => sut.callEnded(pick(agents), now),
      () => sut.endWrapUp(pick(agents), now),
      () => sut.setNotReady(pick(agents), 'break', now),
      () => sut.setAvailable(pick(agents), now),
      () => sut.login(pick(agents), now),
      () => sut.logout(pick(agents), now),
      () => sut.tabConnected(pick(agents), pick(['t1', 't2']), now),
      () => sut.tabGone(pick(agents), pick(['t1', 't2']), now),
      () => sut.heartbeat(pick(agents), pick(['t1', 't2']), now),
      () => sut.heartbeat(pick(agents), pick(['t1', 't2']), now),
      () => sut.heartbeat(pick(agents), pick(['t1', 't2']), now),
      () => sut.tabConnected(pick(agents), pick(['t1', 't2']), now),
      () => sut.registrationUp(pick(agents), now, rnd() < 0.3 ? now + 20_000 : null),
      () => sut.registrationDown(pick(agents), now),
      () => defineAgent(pick(agents)),
      () => sut.dialOutStarted(pick(agents), now),
      () => sut.tick(now),
    ];
    for (let step = 0; step < 4000; step++) {
      now += Math.floor(rnd() * 1000);
      try {
        follow(count(pick(events)()));
      } catch (error) {
        if (!(error instanceof AcdError)) throw error;
        follow(count(sut.tick(now))); // decisions that time produced before the refusal
      }
      const problems = check();
      if (problems.length > 0) expect({ step, problems }).toEqual({ step, problems: [] });
    }
    // The walk really went through the interesting places.
    for (const type of ['offer', 'connect', 'dialCallback', 'offerRevoked', 'overflow', 'maxWait', 'announce', 'reachability']) {
      expect(seen.get(type) ?? 0, type).toBeGreaterThan(2);
    }
  });
});
