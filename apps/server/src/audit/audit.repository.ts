import { Injectable } from '@nestjs/common';
import { type Role } from '@ccx/contracts';
import { Prisma, PrismaClient } from '../generated/prisma/client.js';

/** The filters of the audit log's pages. */
export interface AuditFilter {
  /** Exactly this action, or every action under it when it ends with `/`. */
  action?: string;
  actorId?: string;
  targetId?: string;
  from?: string;
  to?: string;
}

export interface AuditRow {
  id: bigint;
  at: Date;
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  data: unknown;
}

export interface AuditPerson {
  id: string;
  displayName: string;
  username: string;
  role: Role;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `audit_entries` as the log's readers see it, and the names of the people and things it mentions. */
@Injectable()
export class AuditRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * Up to `limit` entries matching `filter`, newest first by id (ids grow as entries are
   * written), those older than `beforeId` when it is given.
   */
  async page(filter: AuditFilter, beforeId: bigint | null, limit: number): Promise<AuditRow[]> {
    return this.prisma.auditEntry.findMany({
      where: { AND: [whereOf(filter), beforeId === null ? {} : { id: { lt: beforeId } }] },
      orderBy: { id: 'desc' },
      take: limit,
    });
  }

  async people(ids: readonly string[]): Promise<AuditPerson[]> {
    const valid = [...new Set(ids)].filter((id) => UUID.test(id));
    if (valid.length === 0) return [];
    return this.prisma.user.findMany({ where: { id: { in: valid } }, select: { id: true, displayName: true, username: true, role: true } });
  }

  /** Everyone who has written an entry. */
  async actors(): Promise<AuditPerson[]> {
    const rows = await this.prisma.auditEntry.findMany({ where: { actorId: { not: null } }, distinct: ['actorId'], select: { actorId: true } });
    return this.people(rows.flatMap((r) => (r.actorId ? [r.actorId] : [])));
  }

  /** The current names of targets, keyed `type:id`; a type without a name, or a target that is gone, is left out. */
  async targetNames(targets: readonly { type: string; id: string }[]): Promise<Map<string, string>> {
    const idsOf = (type: string) => [...new Set(targets.filter((t) => t.type === type && UUID.test(t.id)).map((t) => t.id))];
    const names = new Map<string, string>();
    const put = (type: string, rows: { id: string; name: string }[]) => rows.forEach((r) => names.set(`${type}:${r.id}`, r.name));
    const read = async (type: string, find: (ids: string[]) => Promise<{ id: string; name: string }[]>) => {
      const ids = idsOf(type);
      if (ids.length > 0) put(type, await find(ids));
    };
    // One after another: the embedded database runs one statement at a time anyway.
    await read('user', async (ids) => (await this.prisma.user.findMany({ where: { id: { in: ids } } })).map((u) => ({ id: u.id, name: u.displayName })));
    await read('agent', async (ids) =>
      (await this.prisma.agent.findMany({ where: { id: { in: ids } }, include: { user: true } })).map((a) => ({ id: a.id, name: a.user.displayName })),
    );
    await read('queue', (ids) => this.prisma.queue.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }));
    await read('skill', (ids) => this.prisma.skill.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }));
    await read('business-hours', (ids) => this.prisma.businessHoursCalendar.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }));
    await read('ivr-flow', (ids) => this.prisma.ivrFlow.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }));
    await read('customer', async (ids) => (await this.prisma.customer.findMany({ where: { id: { in: ids } } })).map((c) => ({ id: c.id, name: c.displayName })));
    await read('not-ready-reason', async (ids) => (await this.prisma.notReadyReason.findMany({ where: { id: { in: ids } } })).map((r) => ({ id: r.id, name: r.label })));
    await read('disposition', async (ids) => (await this.prisma.disposition.findMany({ where: { id: { in: ids } } })).map((d) => ({ id: d.id, name: d.label })));
    await read('ticket', async (ids) => (await this.prisma.ticket.findMany({ where: { id: { in: ids } } })).map((t) => ({ id: t.id, name: t.subject })));
    await read('caller-list-entry', async (ids) => (await this.prisma.callerListEntry.findMany({ where: { id: { in: ids } } })).map((e) => ({ id: e.id, name: e.number })));
    return names;
  }
}

function whereOf(filter: AuditFilter): Prisma.AuditEntryWhereInput {
  const at: Prisma.DateTimeFilter = {};
  if (filter.from) at.gte = new Date(filter.from);
  if (filter.to) at.lt = new Date(filter.to);
  return {
    ...(filter.action ? { action: filter.action.endsWith('/') ? { startsWith: filter.action } : filter.action } : {}),
    ...(filter.actorId ? { actorId: filter.actorId } : {}),
    ...(filter.targetId ? { targetId: filter.targetId } : {}),
    ...(filter.from || filter.to ? { at } : {}),
  };
}
