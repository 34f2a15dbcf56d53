import { type AgentActivity, type AgentsByState, type QueueFigures, type Wallboard } from '@ccx/contracts';
import { type CallRecord } from './call-record.js';
import { buildAgentFigures } from './agent-figures.js';
import { buildIntraday } from './intraday.js';
import { type AgentStateInterval, computeEwtError, computeQueueMetrics, DEFAULT_SERVICE_LEVEL_SECONDS, estimateWaitSeconds, type QueueMetrics } from './metrics.js';

/**
 * The supervisor's wallboard as a pure function of the live snapshot (who waits where, what
 * each agent is doing) and today's call records. The caller recomputes it on each call or
 * agent event (or each second) and pushes it; the figures are those of `metrics.ts`, the
 * agents' of `agent-figures.ts`, the 15-minute series of `intraday.ts`. A queue's EWT is
 * the one its next caller would hear (`estimateWaitSeconds` at position waiting + 1, with
 * the ACD's inputs: the queue's recent AHT, its staffed agents and the reachable available ones).
 */

export interface WallboardInput {
  now: number;
  /** Start of the period (local midnight). */
  since: number;
  queues: readonly { queueId: string; serviceLevelSeconds?: number }[];
  /** Calls waiting now, with the time they first entered a queue. */
  waiting: readonly { queueId: string; waitingSince: number }[];
  /** Logged-in agents and the queues they serve. */
  agents: readonly { agentId: string; state: AgentActivity; queueIds: readonly string[]; reachable?: boolean }[];
  /** Today's records, reduced with `now` so a waiting call's wait so far is known. */
  records: readonly CallRecord[];
  /** Every known agent (logged in or not), in the order the board lists them. */
  agentIds?: readonly string[];
  /** Today's agent state stretches (`agentStretches`), for occupancy. */
  stretches?: readonly AgentStateInterval[];
  /** AHT_recent per queue id (`recentAverageHandleSeconds`); a queue not listed has none. */
  recentHandleSeconds?: Readonly<Record<string, number | null>>;
}

export function buildWallboard(input: WallboardInput): Wallboard {
  const { now, since } = input;
  // Half-open interval, so "up to and including now".
  const interval = { from: since, to: now + 1 };
  const thresholds = Object.fromEntries(input.queues.map((q) => [q.queueId, q.serviceLevelSeconds ?? DEFAULT_SERVICE_LEVEL_SECONDS]));

  const ewtOf = (queueId: string): number | null => {
    const serving = input.agents.filter((a) => a.queueIds.includes(queueId) && a.state !== 'not-ready');
    return estimateWaitSeconds({
      position: input.waiting.filter((w) => w.queueId === queueId).length + 1,
      ahtSeconds: input.recentHandleSeconds?.[queueId] ?? null,
      staffedAgents: serving.length,
      availableAgents: serving.filter((a) => a.state === 'available' && a.reachable !== false).length,
    });
  };

  const figures = (
    metrics: QueueMetrics,
    waiting: readonly { waitingSince: number }[],
    agents: readonly { state: AgentActivity }[],
    ewtSeconds: number | null,
    queueId?: string,
  ): QueueFigures => ({
    waiting: waiting.length,
    longestWaitSeconds: waiting.length === 0 ? null : Math.max(0, now - Math.min(...waiting.map((w) => w.waitingSince))) / 1000,
    offered: metrics.offered,
    answered: metrics.answered,
    abandoned: metrics.abandoned,
    serviceLevel: metrics.serviceLevel,
    asaSeconds: metrics.asaSeconds,
    ahtSeconds: metrics.ahtSeconds,
    abandonRate: metrics.abandonRate,
    agentsByState: countByState(agents),
    ewtSeconds,
    ewtError: computeEwtError(input.records, { interval, queueId }),
  });

  const queues = input.queues.map((q) => ({
    queueId: q.queueId,
    serviceLevelSeconds: thresholds[q.queueId] ?? DEFAULT_SERVICE_LEVEL_SECONDS,
    ...figures(
      computeQueueMetrics(input.records, { interval, queueId: q.queueId, serviceLevelSeconds: thresholds }),
      input.waiting.filter((w) => w.queueId === q.queueId),
      input.agents.filter((a) => a.queueIds.includes(q.queueId)),
      ewtOf(q.queueId),
      q.queueId,
    ),
  }));
  const estimates = queues.flatMap((q) => (q.ewtSeconds === null ? [] : [q.ewtSeconds]));
  const agentFigures = buildAgentFigures({ now, since, agentIds: input.agentIds ?? input.agents.map((a) => a.agentId), records: input.records, stretches: input.stretches ?? [] });

  return {
    at: new Date(now).toISOString(),
    since: new Date(since).toISOString(),
    queues,
    totals: figures(
      computeQueueMetrics(input.records, { interval, serviceLevelSeconds: thresholds }),
      input.waiting,
      input.agents,
      estimates.length === 0 ? null : Math.max(...estimates),
    ),
    agents: agentFigures.agents,
    agentTotals: agentFigures.totals,
    intraday: buildIntraday({ now, since, queueIds: input.queues.map((q) => q.queueId), serviceLevelSeconds: thresholds, records: input.records }),
  };
}

function countByState(agents: readonly { state: AgentActivity }[]): AgentsByState {
  const counts: AgentsByState = { available: 0, ringing: 0, 'on-call': 0, 'wrap-up': 0, 'not-ready': 0 };
  for (const agent of agents) counts[agent.state] += 1;
  return counts;
}
