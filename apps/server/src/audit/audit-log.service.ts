import { Injectable } from '@nestjs/common';
import { type AuditActorList, type AuditList, type AuditListQuery, ErrorCode } from '@ccx/contracts';
import { AppError } from '../common/app-error.js';
import { AuditRepository } from './audit.repository.js';
import { decodeAuditCursor, encodeAuditCursor, toAuditEntry } from './domain/audit-entry.js';

/** Reads the audit log for supervisors and admins: pages of entries with names, and who appears in it. */
@Injectable()
export class AuditLogService {
  constructor(private readonly repository: AuditRepository) {}

  async list(query: AuditListQuery): Promise<AuditList> {
    const { cursor: cursorText, limit, ...filter } = query;
    const cursor = cursorText === undefined ? null : decodeAuditCursor(cursorText);
    if (cursorText !== undefined && cursor === null) {
      throw new AppError(ErrorCode.Validation, 'cursor: not a cursor this server issued', { issues: [{ path: 'cursor', message: 'not a cursor this server issued' }] });
    }
    // One more than asked: whether there is a next page, without a second query.
    const rows = await this.repository.page(filter, cursor, limit + 1);
    const page = rows.slice(0, limit);
    const people = await this.repository.people(page.flatMap((r) => (r.actorId ? [r.actorId] : [])));
    const targets = await this.repository.targetNames(page.flatMap((r) => (r.targetType && r.targetId ? [{ type: r.targetType, id: r.targetId }] : [])));
    const names = { people: new Map(people.map((p) => [p.id, p.displayName])), targets };
    const last = page.at(-1);
    return { entries: page.map((row) => toAuditEntry(row, names)), nextCursor: rows.length > limit && last ? encodeAuditCursor(last.id) : null };
  }

  async actors(): Promise<AuditActorList> {
    const actors = await this.repository.actors();
    return { actors: actors.sort((a, b) => a.displayName.localeCompare(b.displayName)) };
  }
}
