import { Injectable } from '@nestjs/common';
import { type CodedEntry } from '@ccx/contracts';
import { PrismaClient } from '../generated/prisma/client.js';

/** The two lists of codes agents pick from. */
export type CodeList = 'not-ready-reasons' | 'dispositions';

interface CodeRow {
  id: string;
  code: string;
  label: string;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** The same five operations on either table; Prisma's delegates differ only in name. */
interface CodeTable {
  findMany(args: { where?: { active?: boolean }; orderBy: { code: 'asc' } }): Promise<CodeRow[]>;
  findUnique(args: { where: { id: string } | { code: string } }): Promise<CodeRow | null>;
  create(args: { data: { code: string; label: string; active: boolean } }): Promise<CodeRow>;
  update(args: { where: { id: string }; data: { label?: string; active?: boolean } }): Promise<CodeRow>;
  delete(args: { where: { id: string } }): Promise<CodeRow>;
}

/** Not-ready reasons and dispositions; the only place that knows their tables. */
@Injectable()
export class CodesRepository {
  constructor(private readonly prisma: PrismaClient) {}

  private table(list: CodeList): CodeTable {
    return (list === 'not-ready-reasons' ? this.prisma.notReadyReason : this.prisma.disposition) as unknown as CodeTable;
  }

  async list(list: CodeList, onlyActive: boolean): Promise<CodedEntry[]> {
    return (await this.table(list).findMany({ where: onlyActive ? { active: true } : {}, orderBy: { code: 'asc' } })).map(toEntry);
  }

  async find(list: CodeList, id: string): Promise<CodedEntry | null> {
    const row = await this.table(list).findUnique({ where: { id } });
    return row ? toEntry(row) : null;
  }

  async codeTaken(list: CodeList, code: string): Promise<boolean> {
    return (await this.table(list).findUnique({ where: { code } })) !== null;
  }

  async create(list: CodeList, input: { code: string; label: string; active: boolean }): Promise<CodedEntry> {
    return toEntry(await this.table(list).create({ data: input }));
  }

  async update(list: CodeList, id: string, changes: { label?: string; active?: boolean }): Promise<CodedEntry> {
    return toEntry(await this.table(list).update({ where: { id }, data: changes }));
  }

  async delete(list: CodeList, id: string): Promise<void> {
    await this.table(list).delete({ where: { id } });
  }
}

function toEntry(row: CodeRow): CodedEntry {
  return { id: row.id, code: row.code, label: row.label, active: row.active, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}
