import { Injectable } from '@nestjs/common';
import { type FlowLanguage, type PromptKind, type PromptRecord } from '@ccx/contracts';
import { Prisma, PrismaClient } from '../generated/prisma/client.js';

export interface NewPrompt {
  name: string;
  kind: PromptKind;
  text: string | null;
  language: FlowLanguage | null;
  fileName: string | null;
  bytes: number;
  durationMs: number;
  createdById: string;
}

const withCreator = { createdBy: { select: { username: true } } } as const;
type PromptRow = Prisma.PromptGetPayload<{ include: typeof withCreator }>;

/** The prompts table; the only place that knows it. */
@Injectable()
export class PromptsRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async list(): Promise<PromptRecord[]> {
    return (await this.prisma.prompt.findMany({ include: withCreator, orderBy: { name: 'asc' } })).map(toRecord);
  }

  async find(id: string): Promise<PromptRecord | null> {
    const row = await this.prisma.prompt.findUnique({ where: { id }, include: withCreator });
    return row ? toRecord(row) : null;
  }

  async nameTaken(name: string): Promise<boolean> {
    return (await this.prisma.prompt.findUnique({ where: { name }, select: { id: true } })) !== null;
  }

  /** The new prompt, or `taken` when another got the name first (the unique index decides). */
  async create(input: NewPrompt): Promise<PromptRecord | 'taken'> {
    try {
      return toRecord(await this.prisma.prompt.create({ data: input, include: withCreator }));
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') return 'taken';
      throw error;
    }
  }

  async delete(id: string): Promise<void> {
    await this.prisma.prompt.delete({ where: { id } });
  }
}

function toRecord(row: PromptRow): PromptRecord {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    text: row.text,
    language: row.language as FlowLanguage | null,
    fileName: row.fileName,
    bytes: row.bytes,
    durationMs: row.durationMs,
    createdBy: row.createdBy?.username ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}
