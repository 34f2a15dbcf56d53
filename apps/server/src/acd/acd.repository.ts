import { Injectable } from '@nestjs/common';
import { type AgentStateName, type WallboardThresholds } from '@ccx/contracts';
import { type LoggedTransition } from '../calls/domain/agent-figures.js';
import { type AgentTransition, type MaxWaitOutcome, type OverflowRule, type RoutingStrategy } from './domain/index.js';
import { PrismaClient } from '../generated/prisma/client.js';

export interface StoredQueue {
  id: string;
  name: string;
  strategy: RoutingStrategy;
  offerTimeoutSeconds: number;
  wrapUpSeconds: number;
  serviceLevelSeconds: number;
  maxWaitSeconds: number | null;
  announceFirstAfterSeconds: number | null;
  announceEverySeconds: number;
  maxWaitOutcome: MaxWaitOutcome;
  /** As stored: checked by the domain when the queue is defined. */
  overflow: OverflowRule[];
  missedOfferSetsNotReady: boolean;
  agingPerSecond: number;
  skills: { skillId: string; minLevel: number }[];
  wallboardThresholds: WallboardThresholds;
}

export interface StoredAgent {
  id: string;
  userId: string;
  username: string;
  displayName: string;
  extension: string;
  skills: { skillId: string; level: number }[];
}

/** The ACD's tables: queues, agents and skills to load, and the append-only agent state log. */
@Injectable()
export class AcdRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async queues(): Promise<StoredQueue[]> {
    const rows = await this.prisma.queue.findMany({ include: { skills: true }, orderBy: { name: 'asc' } });
    return rows.map((q) => ({
      id: q.id,
      name: q.name,
      strategy: q.strategy,
      offerTimeoutSeconds: q.offerTimeoutSeconds,
      wrapUpSeconds: q.wrapUpSeconds,
      serviceLevelSeconds: q.serviceLevelSeconds,
      maxWaitSeconds: q.maxWaitSeconds,
      announceFirstAfterSeconds: q.announceFirstAfterSeconds,
      announceEverySeconds: q.announceEverySeconds,
      maxWaitOutcome: q.maxWaitOutcome,
      overflow: q.overflow as unknown as OverflowRule[],
      missedOfferSetsNotReady: q.missedOfferSetsNotReady,
      agingPerSecond: q.agingPerSecond,
      // In a stable order, so an unchanged queue reads the same every time.
      skills: q.skills.map((s) => ({ skillId: s.skillId, minLevel: s.minLevel })).sort((a, b) => a.skillId.localeCompare(b.skillId)),
      wallboardThresholds: wallboardThresholdsOf(q),
    }));
  }

  /** Agents of active users (a deactivated user's agent takes no calls). */
  async agents(agentId?: string): Promise<StoredAgent[]> {
    const rows = await this.prisma.agent.findMany({
      where: { user: { active: true }, ...(agentId ? { id: agentId } : {}) },
      include: { skills: true, user: { select: { displayName: true, username: true } } },
      orderBy: { extension: 'asc' },
    });
    return rows.map((a) => ({
      id: a.id,
      userId: a.userId,
      username: a.user.username,
      displayName: a.user.displayName,
      extension: a.extension,
      skills: a.skills.map((s) => ({ skillId: s.skillId, level: s.level })),
    }));
  }

  async skillNames(): Promise<Map<string, string>> {
    const rows = await this.prisma.skill.findMany();
    return new Map(rows.map((s) => [s.id, s.name]));
  }

  /** The codes agents may pick now (the administrator's active not-ready reasons). */
  async activeNotReadyReasons(): Promise<string[]> {
    const rows = await this.prisma.notReadyReason.findMany({ where: { active: true }, select: { code: true } });
    return rows.map((r) => r.code);
  }

  /** Agent state changes since `since`, oldest first (the wallboard's occupancy). */
  async stateEventsSince(since: Date): Promise<LoggedTransition[]> {
    const rows = await this.prisma.agentStateEvent.findMany({ where: { at: { gte: since } }, orderBy: { at: 'asc' }, select: { agentId: true, fromState: true, toState: true, at: true } });
    return rows.map((r) => ({ agentId: r.agentId, from: r.fromState as AgentStateName, to: r.toState as AgentStateName, at: r.at.getTime() }));
  }

  async appendStateEvents(transitions: readonly AgentTransition[]): Promise<void> {
    if (transitions.length === 0) return;
    await this.prisma.agentStateEvent.createMany({
      data: transitions.map((t) => ({ agentId: t.agentId, fromState: t.from, toState: t.to, reason: t.reason, cause: t.cause, at: new Date(t.at) })),
    });
  }
}

/** The wallboard thresholds as the `queues` row holds them (the queue admin reads them the same way). */
export function wallboardThresholdsOf(row: {
  wallboardSlWarnBelowPercent: number | null;
  wallboardSlAlertBelowPercent: number | null;
  wallboardWaitWarnSeconds: number | null;
  wallboardWaitAlertSeconds: number | null;
}): WallboardThresholds {
  return {
    serviceLevelWarnBelowPercent: row.wallboardSlWarnBelowPercent,
    serviceLevelAlertBelowPercent: row.wallboardSlAlertBelowPercent,
    longestWaitWarnSeconds: row.wallboardWaitWarnSeconds,
    longestWaitAlertSeconds: row.wallboardWaitAlertSeconds,
  };
}
