import { Injectable } from '@nestjs/common';
import { type Skill } from '@ccx/contracts';
import { wallboardThresholdsOf } from '../acd/acd.repository.js';
import { type OverflowRule } from '../acd/domain/index.js';
import { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { type NameBook, type StoredQueueSettings } from './domain/queue-settings.js';

export interface StoredQueue extends StoredQueueSettings {
  id: string;
  createdAt: Date;
  updatedAt: Date;
}

const withSkills = { skills: true } satisfies Prisma.QueueInclude;
type QueueRow = Prisma.QueueGetPayload<{ include: typeof withSkills }>;

/** Skills and queues as the administrator edits them; the only place that knows their tables. */
@Injectable()
export class QueuesRepository {
  constructor(private readonly prisma: PrismaClient) {}

  // ---- skills -------------------------------------------------------------------------

  async skills(): Promise<Skill[]> {
    const rows = await this.prisma.skill.findMany({ orderBy: { name: 'asc' } });
    return rows.map((s) => ({ id: s.id, name: s.name }));
  }

  async skill(id: string): Promise<Skill | null> {
    const row = await this.prisma.skill.findUnique({ where: { id } });
    return row ? { id: row.id, name: row.name } : null;
  }

  async skillNameTaken(name: string, exceptId?: string): Promise<boolean> {
    const row = await this.prisma.skill.findFirst({ where: { name: { equals: name, mode: 'insensitive' } } });
    return row !== null && row.id !== exceptId;
  }

  async createSkill(name: string): Promise<Skill> {
    const row = await this.prisma.skill.create({ data: { name } });
    return { id: row.id, name: row.name };
  }

  async renameSkill(id: string, name: string): Promise<Skill> {
    const row = await this.prisma.skill.update({ where: { id }, data: { name } });
    return { id: row.id, name: row.name };
  }

  /** Agents lose the skill with it (their rows cascade). */
  async deleteSkill(id: string): Promise<void> {
    await this.prisma.skill.delete({ where: { id } });
  }

  /** Names of the queues that require the skill, directly or in an overflow rule. */
  async queuesUsingSkill(skillId: string): Promise<string[]> {
    const rows = await this.prisma.queue.findMany({ include: withSkills, orderBy: { name: 'asc' } });
    return rows
      .filter((row) => {
        const stored = toStored(row);
        return stored.skills.some((s) => s.skillId === skillId) || stored.overflow.some((rule) => rule.action.type === 'widen' && rule.action.skills.some((s) => s.skillId === skillId));
      })
      .map((row) => row.name);
  }

  // ---- queues -------------------------------------------------------------------------

  async queues(): Promise<StoredQueue[]> {
    const rows = await this.prisma.queue.findMany({ include: withSkills, orderBy: { name: 'asc' } });
    return rows.map(toStored);
  }

  async queue(id: string): Promise<StoredQueue | null> {
    const row = await this.prisma.queue.findUnique({ where: { id }, include: withSkills });
    return row ? toStored(row) : null;
  }

  async queueNameTaken(name: string, exceptId?: string): Promise<boolean> {
    const row = await this.prisma.queue.findFirst({ where: { name: { equals: name, mode: 'insensitive' } } });
    return row !== null && row.id !== exceptId;
  }

  /** Skill and queue ids by name, for turning a body's names into ids. */
  async nameBook(): Promise<NameBook> {
    const [skills, queues] = await Promise.all([this.prisma.skill.findMany(), this.prisma.queue.findMany({ select: { id: true, name: true } })]);
    return { skills: new Map(skills.map((s) => [s.name, s.id])), queues: new Map(queues.map((q) => [q.name, q.id])) };
  }

  /** Names of the queues whose overflow moves calls to this one. */
  async queuesMovingTo(queueId: string): Promise<string[]> {
    return (await this.queues()).filter((q) => q.id !== queueId && q.overflow.some((rule) => rule.action.type === 'move' && rule.action.queueId === queueId)).map((q) => q.name);
  }

  /** The queue and its required skills, in one transaction. */
  async createQueue(settings: StoredQueueSettings): Promise<StoredQueue> {
    const id = await this.prisma.$transaction(async (tx) => {
      const row = await tx.queue.create({ data: columns(settings) });
      await tx.queueSkill.createMany({ data: settings.skills.map((s) => ({ queueId: row.id, skillId: s.skillId, minLevel: s.minLevel })) });
      return row.id;
    });
    return (await this.queue(id))!;
  }

  /** Replaces every setting, skills included, in one transaction. */
  async updateQueue(id: string, settings: StoredQueueSettings): Promise<StoredQueue> {
    await this.prisma.$transaction(async (tx) => {
      await tx.queue.update({ where: { id }, data: columns(settings) });
      await tx.queueSkill.deleteMany({ where: { queueId: id } });
      await tx.queueSkill.createMany({ data: settings.skills.map((s) => ({ queueId: id, skillId: s.skillId, minLevel: s.minLevel })) });
    });
    return (await this.queue(id))!;
  }

  /** Call records keep their history: their queue reference is cleared (SetNull), their queue ids stay. */
  async deleteQueue(id: string): Promise<void> {
    await this.prisma.queue.delete({ where: { id } });
  }
}

function columns(settings: StoredQueueSettings) {
  return {
    name: settings.name,
    strategy: settings.strategy,
    offerTimeoutSeconds: settings.offerTimeoutSeconds,
    wrapUpSeconds: settings.wrapUpSeconds,
    serviceLevelSeconds: settings.serviceLevelSeconds,
    maxWaitSeconds: settings.maxWait?.seconds ?? null,
    maxWaitOutcome: settings.maxWait?.outcome ?? 'voicemail',
    overflow: settings.overflow as unknown as Prisma.InputJsonValue,
    missedOfferSetsNotReady: settings.missedOfferSetsNotReady,
    agingPerSecond: settings.agingPerSecond,
    announceFirstAfterSeconds: settings.announcements?.firstAfterSeconds ?? null,
    announceEverySeconds: settings.announcements?.everySeconds ?? 60,
    wallboardSlWarnBelowPercent: settings.wallboardThresholds.serviceLevelWarnBelowPercent,
    wallboardSlAlertBelowPercent: settings.wallboardThresholds.serviceLevelAlertBelowPercent,
    wallboardWaitWarnSeconds: settings.wallboardThresholds.longestWaitWarnSeconds,
    wallboardWaitAlertSeconds: settings.wallboardThresholds.longestWaitAlertSeconds,
  };
}

function toStored(row: QueueRow): StoredQueue {
  return {
    id: row.id,
    name: row.name,
    strategy: row.strategy,
    skills: row.skills.map((s) => ({ skillId: s.skillId, minLevel: s.minLevel })).sort((a, b) => a.skillId.localeCompare(b.skillId)),
    offerTimeoutSeconds: row.offerTimeoutSeconds,
    wrapUpSeconds: row.wrapUpSeconds,
    serviceLevelSeconds: row.serviceLevelSeconds,
    maxWait: row.maxWaitSeconds === null ? null : { seconds: row.maxWaitSeconds, outcome: row.maxWaitOutcome },
    overflow: row.overflow as unknown as OverflowRule[],
    missedOfferSetsNotReady: row.missedOfferSetsNotReady,
    agingPerSecond: row.agingPerSecond,
    announcements: row.announceFirstAfterSeconds === null ? null : { firstAfterSeconds: row.announceFirstAfterSeconds, everySeconds: row.announceEverySeconds },
    wallboardThresholds: wallboardThresholdsOf(row),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
