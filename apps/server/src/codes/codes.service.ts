import { Injectable } from '@nestjs/common';
import { BUILT_IN_NOT_READY_REASON, type CodedEntry, type CreateCodedEntryRequest, ErrorCode, type SessionUser, type UpdateCodedEntryRequest } from '@ccx/contracts';
import { AcdService } from '../acd/acd.service.js';
import { AuditService } from '../audit/audit.service.js';
import { AppError } from '../common/app-error.js';
import { type CodeList, CodesRepository } from './codes.repository.js';

/**
 * Not-ready reasons and dispositions for the administrator, and the active ones for the
 * agents who pick them. A change to the not-ready reasons reaches the ACD at once: a new
 * reason can be picked, a retired or deleted one no longer (agents already in it stay).
 */
@Injectable()
export class CodesService {
  constructor(
    private readonly repository: CodesRepository,
    private readonly acd: AcdService,
    private readonly audit: AuditService,
  ) {}

  /** Agents see what they may pick; admins and supervisors see the whole list. */
  list(actor: SessionUser, list: CodeList): Promise<CodedEntry[]> {
    return this.repository.list(list, actor.role === 'agent');
  }

  async create(actor: SessionUser, list: CodeList, input: CreateCodedEntryRequest): Promise<CodedEntry> {
    if (list === 'not-ready-reasons' && input.code === BUILT_IN_NOT_READY_REASON) {
      throw new AppError(ErrorCode.Validation, `code: ${BUILT_IN_NOT_READY_REASON} is the system's own reason`, {
        issues: [{ path: 'code', message: `"${BUILT_IN_NOT_READY_REASON}" is the system's own reason (an offer rang out)` }],
      });
    }
    if (await this.repository.codeTaken(list, input.code)) {
      throw new AppError(ErrorCode.Conflict, `code ${input.code} already exists`, { issues: [{ path: 'code', message: 'already taken' }] });
    }
    const entry = await this.repository.create(list, input);
    await this.changed(actor, list, 'create', entry.id, { code: entry.code, label: entry.label, active: entry.active });
    return entry;
  }

  async update(actor: SessionUser, list: CodeList, id: string, changes: UpdateCodedEntryRequest): Promise<CodedEntry> {
    const before = await this.find(list, id);
    const entry = await this.repository.update(list, id, changes);
    await this.changed(actor, list, 'update', id, { code: before.code, changes });
    return entry;
  }

  async delete(actor: SessionUser, list: CodeList, id: string): Promise<void> {
    const entry = await this.find(list, id);
    await this.repository.delete(list, id);
    await this.changed(actor, list, 'delete', id, { code: entry.code });
  }

  private async changed(actor: SessionUser, list: CodeList, verb: string, id: string, data: Record<string, unknown>): Promise<void> {
    await this.audit.record({ actorId: actor.id, action: `${list}/${verb}`, targetType: list === 'not-ready-reasons' ? 'not-ready-reason' : 'disposition', targetId: id, data });
    if (list === 'not-ready-reasons') await this.acd.reloadNotReadyReasons();
  }

  private async find(list: CodeList, id: string): Promise<CodedEntry> {
    const entry = await this.repository.find(list, id);
    if (!entry) throw new AppError(ErrorCode.NotFound, `no ${list === 'not-ready-reasons' ? 'not-ready reason' : 'disposition'} ${id}`);
    return entry;
  }
}
