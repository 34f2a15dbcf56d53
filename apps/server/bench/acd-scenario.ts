import { Acd, type QueueConfig, type RoutingStrategy, type SkillRequirement } from '../src/acd/domain/index.js';

/**
 * The benchmark's contact center, built from a seed: 50 queues over 20 skills, 2,000 agents
 * with 2–5 skills each at levels 1–10, and 10,000 waiting contacts.
 *
 * Two pools, so both kinds of decision can be measured while 10,000 contacts wait:
 *   - busy: queues q0…q44 (skills s0…s17) hold the waiting contacts; their 1,800 agents are
 *     all on calls at the start. An agent who becomes available takes a waiting contact.
 *   - quiet: queues q45…q49 (skills s18, s19) have 200 agents of their own and no backlog,
 *     so a contact arriving there is offered at once.
 * Every queue has the features switched on that cost something at run time: priority aging
 * (10% VIP callers), a widen overflow after 60 s, a maximum wait (→ callback) and position /
 * EWT announcements every 30 s. Strategies rotate over the five; ring-all only in the quiet
 * pool, for a team of about 8 (ringing hundreds of agents at once is not a configuration
 * anyone runs, and its cost grows with the agents rung).
 */
export interface ScenarioSize {
  queues: number;
  quietQueues: number;
  agents: number;
  quietAgents: number;
  contacts: number;
}

export const DEFAULT_SIZE: ScenarioSize = { queues: 50, quietQueues: 5, agents: 2000, quietAgents: 200, contacts: 10_000 };

const BUSY_SKILLS = 18;
const QUIET_SKILLS = ['s18', 's19'];
export const HEARTBEAT_EVERY_MS = 5000;

export function seededRandom(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Scenario {
  acd: Acd;
  busyQueues: string[];
  quietQueues: string[];
  busyAgents: string[];
  quietAgents: string[];
  /** Busy agents on a call right now (the loop ends one of these calls each cycle). */
  onCall: string[];
  now: number;
  nextContact: number;
  rnd: () => number;
}

const BUSY_STRATEGIES: RoutingStrategy[] = ['longest_idle', 'fewest_calls', 'round_robin', 'best_skill'];
const QUIET_STRATEGIES: RoutingStrategy[] = [...BUSY_STRATEGIES, 'ring_all'];

function queueConfig(id: string, strategy: RoutingStrategy, skills: SkillRequirement[], quiet: boolean, rnd: () => number): QueueConfig {
  return {
    id,
    strategy,
    skills,
    offerTimeoutSeconds: 15,
    wrapUpSeconds: quiet ? 0 : 30,
    agingPerSecond: 1,
    maxWait: { seconds: 1200 + Math.floor(rnd() * 600), outcome: 'callback' },
    overflow: [{ afterSeconds: 60, action: { type: 'widen', skills: skills.slice(0, 1).map((s) => ({ ...s, minLevel: 1 })) } }],
    announcements: { firstAfterSeconds: 10, everySeconds: 30 },
  };
}

function pickDistinct(rnd: () => number, pool: readonly string[], n: number): string[] {
  const copy = [...pool];
  const out: string[] = [];
  while (out.length < n && copy.length > 0) out.push(copy.splice(Math.floor(rnd() * copy.length), 1)[0]!);
  return out;
}

export function buildScenario(seed: number, size: ScenarioSize = DEFAULT_SIZE, start = Date.UTC(2024, 0, 15, 9)): Scenario {
  const rnd = seededRandom(seed);
  const acd = new Acd({ heartbeatTimeoutSeconds: 15, defaultWrapUpSeconds: 30, estimateWait: (_q, position) => position * 20 });
  const busySkillIds = Array.from({ length: BUSY_SKILLS }, (_, i) => `s${i}`);
  let now = start;

  const busyQueues: string[] = [];
  const quietQueues: string[] = [];
  const requirements = new Map<string, SkillRequirement[]>();
  for (let i = 0; i < size.queues; i++) {
    const quiet = i >= size.queues - size.quietQueues;
    const id = `q${i}`;
    const strategy = quiet ? QUIET_STRATEGIES[i % QUIET_STRATEGIES.length]! : BUSY_STRATEGIES[i % BUSY_STRATEGIES.length]!;
    // Ring-all is for a small team: both quiet skills at level 9 or more (about 8 agents).
    const skills =
      strategy === 'ring_all'
        ? QUIET_SKILLS.map((skillId) => ({ skillId, minLevel: 9 }))
        : quiet
          ? pickDistinct(rnd, QUIET_SKILLS, 1).map((skillId) => ({ skillId, minLevel: 1 + Math.floor(rnd() * 3) }))
          : pickDistinct(rnd, busySkillIds, 1 + Math.floor(rnd() * 3)).map((skillId) => ({ skillId, minLevel: 1 + Math.floor(rnd() * 5) }));
    requirements.set(id, skills);
    acd.defineQueue(queueConfig(id, strategy, skills, quiet, rnd), now);
    (quiet ? quietQueues : busyQueues).push(id);
  }

  const busyAgents: string[] = [];
  const quietAgents: string[] = [];
  for (let i = 0; i < size.agents; i++) {
    const quiet = i >= size.agents - size.quietAgents;
    const id = `agent${i}`;
    const skills = new Map<string, number>();
    const pool = quiet ? QUIET_SKILLS : busySkillIds;
    for (const skillId of pickDistinct(rnd, pool, quiet ? 2 : 2 + Math.floor(rnd() * 4))) skills.set(skillId, 1 + Math.floor(rnd() * 10));
    // Everyone serves at least one queue of their pool at its strictest stage.
    const own = quiet ? quietQueues : busyQueues;
    const serves = own.some((q) => requirements.get(q)!.every((r) => (skills.get(r.skillId) ?? 0) >= r.minLevel));
    if (!serves) for (const r of requirements.get(own[Math.floor(rnd() * own.length)]!)!) skills.set(r.skillId, Math.max(r.minLevel, 5));
    acd.defineAgent({ agentId: id, skills: [...skills].map(([skillId, level]) => ({ skillId, level })) }, now);
    acd.tabConnected(id, `${id}-tab`, now);
    acd.registrationUp(id, now);
    acd.login(id, now);
    (quiet ? quietAgents : busyAgents).push(id);
  }
  // Busy agents start on calls, so the backlog can build up.
  for (const id of busyAgents) acd.dialOutStarted(id, now, `warmup-${id}`);

  const scenario: Scenario = { acd, busyQueues, quietQueues, busyAgents, quietAgents, onCall: [...busyAgents], now, nextContact: 0, rnd };
  for (let i = 0; i < size.contacts; i++) {
    now += 1;
    scenario.now = now;
    enqueueBusy(scenario);
  }
  return scenario;
}

/** A new caller in a random busy queue, 10% VIP, having waited up to 10 minutes already (IVR, transfers). */
export function enqueueBusy(s: Scenario) {
  const id = `c${s.nextContact++}`;
  const queueId = s.busyQueues[Math.floor(s.rnd() * s.busyQueues.length)]!;
  return s.acd.enqueue(
    { contactId: id, queueId, priority: s.rnd() < 0.1 ? 100 : 0, callerNumber: `+1555${s.nextContact}`, enqueuedAt: s.now - Math.floor(s.rnd() * 600_000) },
    s.now,
  );
}

export function enqueueQuiet(s: Scenario) {
  const id = `c${s.nextContact++}`;
  const queueId = s.quietQueues[Math.floor(s.rnd() * s.quietQueues.length)]!;
  return s.acd.enqueue({ contactId: id, queueId, priority: s.rnd() < 0.1 ? 100 : 0, callerNumber: `+1555${s.nextContact}` }, s.now);
}
