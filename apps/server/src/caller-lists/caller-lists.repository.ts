import { Injectable } from '@nestjs/common';
import { type CallerListEntry, type CallerListKind } from '@ccx/contracts';
import { PrismaClient } from '../generated/prisma/client.js';

/** The VIP list and the blacklist. Calls read them per call (contact-center/crm.repository.ts), so a change applies to the next call. */
@Injectable()
export class CallerListsRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async entries(kind?: CallerListKind): Promise<CallerListEntry[]> {
    const rows = await this.prisma.callerListEntry.findMany({ where: kind ? { kind } : {}, orderBy: [{ kind: 'asc' }, { number: 'asc' }] });
    return rows.map(toEntry);
  }

  async entry(id: string): Promise<CallerListEntry | null> {
    const row = await this.prisma.callerListEntry.findUnique({ where: { id } });
    return row ? toEntry(row) : null;
  }

  async listed(kind: CallerListKind, number: string): Promise<boolean> {
    return (await this.prisma.callerListEntry.findUnique({ where: { kind_number: { kind, number } } })) !== null;
  }

  async add(input: { kind: CallerListKind; number: string; note: string }): Promise<CallerListEntry> {
    return toEntry(await this.prisma.callerListEntry.create({ data: input }));
  }

  async remove(id: string): Promise<void> {
    await this.prisma.callerListEntry.delete({ where: { id } });
  }
}

function toEntry(row: { id: string; kind: CallerListKind; number: string; note: string; createdAt: Date }): CallerListEntry {
  return { id: row.id, kind: row.kind, number: row.number, note: row.note, createdAt: row.createdAt.toISOString() };
}
