import { Injectable } from '@nestjs/common';
import { Prisma, PrismaClient } from '../generated/prisma/client.js';

export interface AuditRecord {
  actorId: string | null;
  /** Namespaced like error codes: `auth/login`, `users/create`, `monitor/whisper`, … */
  action: string;
  targetType?: string;
  targetId?: string;
  traceId?: string;
  data?: Record<string, unknown>;
}

/** Appends to the audit log (append-only in the database itself). */
@Injectable()
export class AuditService {
  constructor(private readonly prisma: PrismaClient) {}

  async record(entry: AuditRecord): Promise<void> {
    await this.prisma.auditEntry.create({
      data: {
        actorId: entry.actorId,
        action: entry.action,
        targetType: entry.targetType ?? null,
        targetId: entry.targetId ?? null,
        traceId: entry.traceId ?? null,
        data: (entry.data ?? {}) as Prisma.InputJsonValue,
      },
    });
  }
}
