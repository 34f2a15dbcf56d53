import { Injectable } from '@nestjs/common';
import { type BusinessHoursCalendar, type FlowReference, flowReferences, type IvrFlowDetail, type IvrFlowSummary, type IvrFlowVersion, validateFlow } from '@ccx/contracts';
import { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { type CalendarHours } from './domain/calendar-resolution.js';

const flowInclude = {
  entryNumbers: { orderBy: { number: 'asc' } },
  publishedVersion: { select: { version: true } },
  versions: { select: { version: true, createdBy: true, createdAt: true, id: true }, orderBy: { version: 'asc' } },
} satisfies Prisma.IvrFlowInclude;
type FlowRow = Prisma.IvrFlowGetPayload<{ include: typeof flowInclude }>;

export interface PublishedFlow {
  name: string;
  entryNumbers: string[];
  version: number;
  definition: unknown;
}

export interface NewCalendar {
  name: string;
  timeZone: string;
  weekly: CalendarHours['weekly'];
  holidays: CalendarHours['holidays'];
}

/**
 * IVR flows (versions, the published one, entry numbers) and business hours calendars: the
 * only place that knows their tables. Versions are only ever inserted (a trigger refuses
 * UPDATE); the next version number is taken inside the transaction that inserts it.
 */
@Injectable()
export class IvrFlowsRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async flows(): Promise<IvrFlowSummary[]> {
    const rows = await this.prisma.ivrFlow.findMany({ include: flowInclude, orderBy: { name: 'asc' } });
    return rows.map(toSummary);
  }

  async flow(id: string): Promise<IvrFlowDetail | null> {
    const row = await this.prisma.ivrFlow.findUnique({ where: { id }, include: flowInclude });
    return row ? toDetail(row) : null;
  }

  async version(flowId: string, version: number): Promise<IvrFlowVersion | null> {
    const row = await this.prisma.ivrFlowVersion.findUnique({ where: { flowId_version: { flowId, version } }, include: { publishedOf: { select: { id: true } } } });
    if (!row) return null;
    return {
      flowId,
      version: row.version,
      createdBy: row.createdBy,
      createdAt: row.createdAt.toISOString(),
      published: row.publishedOf !== null,
      definition: row.definition as Record<string, unknown>,
    };
  }

  async flowNameTaken(name: string, exceptId?: string): Promise<boolean> {
    const row = await this.prisma.ivrFlow.findFirst({ where: { name: { equals: name, mode: 'insensitive' } } });
    return row !== null && row.id !== exceptId;
  }

  /** Which of these numbers another flow answers already, and which flow. */
  async numbersTaken(numbers: readonly string[], exceptFlowId?: string): Promise<{ number: string; flow: string }[]> {
    const rows = await this.prisma.ivrEntryNumber.findMany({ where: { number: { in: [...numbers] } }, include: { flow: { select: { name: true } } } });
    return rows.filter((r) => r.flowId !== exceptFlowId).map((r) => ({ number: r.number, flow: r.flow.name }));
  }

  /** The flow, its numbers and its version 1, in one transaction. */
  async createFlow(input: { name: string; entryNumbers: string[]; definition: unknown; createdBy: string | null }): Promise<IvrFlowDetail> {
    const id = await this.prisma.$transaction(async (tx) => {
      const flow = await tx.ivrFlow.create({ data: { name: input.name } });
      await tx.ivrEntryNumber.createMany({ data: input.entryNumbers.map((number) => ({ number, flowId: flow.id })) });
      await tx.ivrFlowVersion.create({ data: { flowId: flow.id, version: 1, definition: input.definition as Prisma.InputJsonValue, createdBy: input.createdBy } });
      return flow.id;
    });
    return (await this.flow(id))!;
  }

  async updateFlow(id: string, changes: { name?: string; entryNumbers?: string[] }): Promise<IvrFlowDetail> {
    await this.prisma.$transaction(async (tx) => {
      await tx.ivrFlow.update({ where: { id }, data: { name: changes.name, updatedAt: new Date() } });
      if (changes.entryNumbers) {
        await tx.ivrEntryNumber.deleteMany({ where: { flowId: id } });
        await tx.ivrEntryNumber.createMany({ data: changes.entryNumbers.map((number) => ({ number, flowId: id })) });
      }
    });
    return (await this.flow(id))!;
  }

  async saveVersion(flowId: string, definition: unknown, createdBy: string | null): Promise<number> {
    return this.prisma.$transaction(async (tx) => {
      const last = await tx.ivrFlowVersion.aggregate({ where: { flowId }, _max: { version: true } });
      const version = (last._max.version ?? 0) + 1;
      await tx.ivrFlowVersion.create({ data: { flowId, version, definition: definition as Prisma.InputJsonValue, createdBy } });
      await tx.ivrFlow.update({ where: { id: flowId }, data: { updatedAt: new Date() } });
      return version;
    });
  }

  async publish(flowId: string, version: number): Promise<IvrFlowDetail> {
    const row = await this.prisma.ivrFlowVersion.findUniqueOrThrow({ where: { flowId_version: { flowId, version } }, select: { id: true } });
    await this.prisma.ivrFlow.update({ where: { id: flowId }, data: { publishedVersionId: row.id } });
    return (await this.flow(flowId))!;
  }

  /** The flows calls run now: each published version with the numbers its flow answers. */
  async publishedFlows(): Promise<PublishedFlow[]> {
    const rows = await this.prisma.ivrFlow.findMany({
      where: { publishedVersionId: { not: null } },
      include: { entryNumbers: true, publishedVersion: { select: { version: true, definition: true } } },
      orderBy: { name: 'asc' },
    });
    return rows.map((row) => ({
      name: row.name,
      entryNumbers: row.entryNumbers.map((e) => e.number),
      version: row.publishedVersion!.version,
      definition: row.publishedVersion!.definition,
    }));
  }

  /** The queues and calendars each published flow names (it was valid when published). */
  async publishedReferences(): Promise<{ name: string; references: FlowReference[] }[]> {
    return (await this.publishedFlows()).map((flow) => {
      const result = validateFlow(flow.definition);
      return { name: flow.name, references: result.ok ? flowReferences(result.flow) : [] };
    });
  }

  async queueNames(): Promise<Set<string>> {
    return new Set((await this.prisma.queue.findMany({ select: { name: true } })).map((q) => q.name));
  }

  // ---- business hours calendars --------------------------------------------------------

  async calendars(): Promise<BusinessHoursCalendar[]> {
    return (await this.prisma.businessHoursCalendar.findMany({ orderBy: { name: 'asc' } })).map(toCalendar);
  }

  async calendar(id: string): Promise<BusinessHoursCalendar | null> {
    const row = await this.prisma.businessHoursCalendar.findUnique({ where: { id } });
    return row ? toCalendar(row) : null;
  }

  async calendarNameTaken(name: string, exceptId?: string): Promise<boolean> {
    const row = await this.prisma.businessHoursCalendar.findFirst({ where: { name: { equals: name, mode: 'insensitive' } } });
    return row !== null && row.id !== exceptId;
  }

  async createCalendar(input: NewCalendar): Promise<BusinessHoursCalendar> {
    const data = { name: input.name, timeZone: input.timeZone, weekly: input.weekly as Prisma.InputJsonValue, holidays: input.holidays as Prisma.InputJsonValue };
    return toCalendar(await this.prisma.businessHoursCalendar.create({ data }));
  }

  async updateCalendar(id: string, changes: Partial<NewCalendar>): Promise<BusinessHoursCalendar> {
    return toCalendar(await this.prisma.businessHoursCalendar.update({ where: { id }, data: calendarColumns(changes) }));
  }

  async deleteCalendar(id: string): Promise<void> {
    await this.prisma.businessHoursCalendar.delete({ where: { id } });
  }

  /** Every calendar's hours by name, for the calls' flows. */
  async calendarHours(): Promise<Map<string, CalendarHours>> {
    return new Map((await this.calendars()).map((c) => [c.name, { timeZone: c.timeZone, weekly: c.weekly, holidays: c.holidays }]));
  }
}

function calendarColumns(input: Partial<NewCalendar>) {
  return {
    name: input.name,
    timeZone: input.timeZone,
    weekly: input.weekly as Prisma.InputJsonValue | undefined,
    holidays: input.holidays as Prisma.InputJsonValue | undefined,
  };
}

function toCalendar(row: { id: string; name: string; timeZone: string; weekly: unknown; holidays: unknown; createdAt: Date; updatedAt: Date }): BusinessHoursCalendar {
  return {
    id: row.id,
    name: row.name,
    timeZone: row.timeZone,
    weekly: row.weekly as BusinessHoursCalendar['weekly'],
    holidays: row.holidays as BusinessHoursCalendar['holidays'],
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function toSummary(row: FlowRow): IvrFlowSummary {
  return {
    id: row.id,
    name: row.name,
    entryNumbers: row.entryNumbers.map((e) => e.number),
    publishedVersion: row.publishedVersion?.version ?? null,
    latestVersion: row.versions.at(-1)?.version ?? 0,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function toDetail(row: FlowRow): IvrFlowDetail {
  return {
    ...toSummary(row),
    versions: row.versions.map((v) => ({ version: v.version, createdBy: v.createdBy, createdAt: v.createdAt.toISOString(), published: v.id === row.publishedVersionId })),
  };
}
