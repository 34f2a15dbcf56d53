import { type AgentActivity, type AgentFigures, type AgentStateName, type AgentTotals } from '@ccx/contracts';
import { type CallRecord } from './call-record.js';
import { type AgentStateInterval, computeOccupancy, isHandled, mean, type TimeInterval } from './metrics.js';

/**
 * The wallboard's per-agent figures for today, pure:
 * - **handled**: calls offered to a queue today that this agent answered (the first agent
 *   on the call, by answering), whose handling is over (`isHandled`: ended, wrap-up ended);
 * - **AHT**: the mean talk + hold + after-call work of those calls (SPEC's AHT, per agent);
 * - **occupancy** (SPEC): time on calls and in wrap-up ÷ time logged in and not in a
 *   not-ready state, over the agent state log from midnight to now (`agentStretches`);
 * - **current call**: the call the agent is connected to now, with the time they joined.
 * Totals: all handled calls, their mean handle time, busy ÷ staffed of all agents together.
 */

/** One agent state change as the ACD logs it (`agent_state_events`). */
export interface LoggedTransition {
  agentId: string;
  from: AgentStateName;
  to: AgentStateName;
  at: number;
}

const ACTIVITY: Record<AgentStateName, AgentActivity | null> = {
  offline: null,
  available: 'available',
  'not-ready': 'not-ready',
  reserved: 'ringing',
  'on-call': 'on-call',
  'after-call-work': 'wrap-up',
};

/**
 * Turns today's state changes into stretches of time per state, from `since` to `now`.
 * Before an agent's first change of the day they were in that change's `from` state; after
 * their last, in its `to` state until now. An agent with no change today keeps `current`
 * (the ACD's state now) since the later of `since` and when it began. Logged out is no stretch.
 */
export function agentStretches(
  transitions: readonly LoggedTransition[],
  options: { since: number; now: number; current: readonly { agentId: string; state: AgentStateName; since: number }[] },
): AgentStateInterval[] {
  const { since, now } = options;
  const byAgent = new Map<string, LoggedTransition[]>();
  for (const t of transitions) {
    if (t.at < since || t.at > now) continue;
    const list = byAgent.get(t.agentId) ?? [];
    list.push(t);
    byAgent.set(t.agentId, list);
  }
  const stretches: AgentStateInterval[] = [];
  const push = (agentId: string, state: AgentStateName, start: number, end: number | null) => {
    const activity = ACTIVITY[state];
    if (activity && (end === null || end > start)) stretches.push({ agentId, state: activity, start, end });
  };
  for (const [agentId, list] of byAgent) {
    list.sort((a, b) => a.at - b.at);
    let state = list[0]!.from;
    let start = since;
    for (const t of list) {
      push(agentId, state, start, t.at);
      state = t.to;
      start = t.at;
    }
    push(agentId, state, start, null);
  }
  for (const agent of options.current) {
    if (!byAgent.has(agent.agentId)) push(agent.agentId, agent.state, Math.max(since, Math.min(agent.since, now)), null);
  }
  return stretches;
}

export interface AgentFiguresInput {
  now: number;
  since: number;
  agentIds: readonly string[];
  records: readonly CallRecord[];
  stretches: readonly AgentStateInterval[];
}

export function buildAgentFigures(input: AgentFiguresInput): { agents: AgentFigures[]; totals: AgentTotals } {
  const { now, since } = input;
  // Open stretches run to now: the interval ends at now itself.
  const interval: TimeInterval = { from: since, to: now };
  const handledBy = new Map<string, number[]>();
  const current = new Map<string, NonNullable<AgentFigures['currentCall']>>();
  for (const r of input.records) {
    const first = r.agents[0];
    if (first?.joinedBy === 'answer' && r.enqueuedAt !== null && r.enqueuedAt >= since && r.enqueuedAt <= now && isHandled(r)) {
      const list = handledBy.get(first.agentId) ?? [];
      list.push(r.handleSeconds ?? 0);
      handledBy.set(first.agentId, list);
    }
    if (r.status !== 'in-progress') continue;
    for (const stretch of r.agents) {
      if (stretch.leftAt !== null || stretch.joinedAt > now) continue;
      const known = current.get(stretch.agentId);
      if (known && Date.parse(known.since) >= stretch.joinedAt) continue;
      current.set(stretch.agentId, { callId: r.id, callerNumber: r.callerNumber, queueId: r.queueId, direction: r.direction, since: new Date(stretch.joinedAt).toISOString() });
    }
  }
  const occupancy = computeOccupancy(input.stretches, interval);
  const agents = input.agentIds.map((agentId): AgentFigures => {
    const handled = handledBy.get(agentId) ?? [];
    const busy = occupancy.byAgent[agentId];
    return {
      agentId,
      handled: handled.length,
      ahtSeconds: mean(handled),
      occupancy: busy?.occupancy ?? null,
      busySeconds: busy?.busySeconds ?? 0,
      staffedSeconds: busy?.staffedSeconds ?? 0,
      currentCall: current.get(agentId) ?? null,
    };
  });
  const all = input.agentIds.flatMap((agentId) => handledBy.get(agentId) ?? []);
  return { agents, totals: { handled: all.length, ahtSeconds: mean(all), occupancy: occupancy.occupancy } };
}
