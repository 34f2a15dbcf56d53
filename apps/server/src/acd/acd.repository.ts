import { Injectable } from '@nestjs/common';
import { type AgentTransition, type RoutingStrategy } from './domain/index.js';
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
  skills: { skillId: string; minLevel: number }[];
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
      skills: q.skills.map((s) => ({ skillId: s.skillId, minLevel: s.minLevel })),
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

  async appendStateEvents(transitions: readonly AgentTransition[]): Promise<void> {
    if (transitions.length === 0) return;
    await this.prisma.agentStateEvent.createMany({
      data: transitions.map((t) => ({ agentId: t.agentId, fromState: t.from, toState: t.to, reason: t.reason, cause: t.cause, at: new Date(t.at) })),
    });
  }
}
