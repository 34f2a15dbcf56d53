import { Injectable } from '@nestjs/common';
import {
  type BusinessHoursCalendar,
  type CreateBusinessHoursCalendarRequest,
  type CreateIvrFlowRequest,
  ErrorCode,
  type FieldIssue,
  flowReferences,
  IvrErrorCode,
  type IvrFlowDetail,
  type IvrFlowSummary,
  type IvrFlowVersion,
  type SessionUser,
  type UpdateBusinessHoursCalendarRequest,
  type UpdateIvrFlowRequest,
  validateFlow,
} from '@ccx/contracts';
import { AuditService } from '../audit/audit.service.js';
import { AppError } from '../common/app-error.js';
import { ConfigChanges } from '../common/config-changes.js';
import { IvrFlowsRepository } from './ivr-flows.repository.js';

/**
 * IVR flows and business hours calendars for the administrator. Saving a flow adds an
 * immutable version; publishing checks it in full (schema, graph, and that every queue and
 * calendar it names exists) and then tells the contact center, which answers the flow's
 * numbers with it from the next call. A calendar's change reaches the next call the same way.
 */
@Injectable()
export class IvrAdminService {
  constructor(
    private readonly repository: IvrFlowsRepository,
    private readonly audit: AuditService,
    private readonly changes: ConfigChanges,
  ) {}

  // ---- flows ----------------------------------------------------------------------------

  flows(): Promise<IvrFlowSummary[]> {
    return this.repository.flows();
  }

  flow(id: string): Promise<IvrFlowDetail> {
    return this.find(id);
  }

  async version(flowId: string, version: number): Promise<IvrFlowVersion> {
    const found = await this.repository.version(flowId, version);
    if (!found) throw new AppError(ErrorCode.NotFound, `flow ${flowId} has no version ${version}`);
    return found;
  }

  async createFlow(actor: SessionUser, input: CreateIvrFlowRequest): Promise<IvrFlowDetail> {
    if (await this.repository.flowNameTaken(input.name)) throw taken('name', `flow ${input.name}`);
    await this.checkNumbersFree(input.entryNumbers);
    const flow = await this.repository.createFlow({ ...input, createdBy: actor.id });
    await this.audit.record({ actorId: actor.id, action: 'ivr-flows/create', targetType: 'ivr-flow', targetId: flow.id, data: { name: flow.name, entryNumbers: flow.entryNumbers } });
    return flow;
  }

  async updateFlow(actor: SessionUser, id: string, changes: UpdateIvrFlowRequest): Promise<IvrFlowDetail> {
    const before = await this.find(id);
    if (changes.name !== undefined && (await this.repository.flowNameTaken(changes.name, id))) throw taken('name', `flow ${changes.name}`);
    if (changes.entryNumbers) await this.checkNumbersFree(changes.entryNumbers, id);
    const flow = await this.repository.updateFlow(id, changes);
    await this.audit.record({ actorId: actor.id, action: 'ivr-flows/update', targetType: 'ivr-flow', targetId: id, data: { changes } });
    if (before.publishedVersion !== null) await this.changes.changed('flows');
    return flow;
  }

  async saveVersion(actor: SessionUser, flowId: string, definition: Record<string, unknown>): Promise<IvrFlowVersion> {
    await this.find(flowId);
    const version = await this.repository.saveVersion(flowId, definition, actor.id);
    await this.audit.record({ actorId: actor.id, action: 'ivr-flows/save-version', targetType: 'ivr-flow', targetId: flowId, data: { version } });
    return this.version(flowId, version);
  }

  /** 400 (`ivr/invalid-flow`) naming node and field of every problem; else live at once. */
  async publish(actor: SessionUser, flowId: string, versionNumber: number): Promise<IvrFlowDetail> {
    const version = await this.version(flowId, versionNumber);
    const issues = await this.publishProblems(version.definition);
    if (issues.length > 0) {
      throw new AppError(IvrErrorCode.InvalidFlow, `version ${versionNumber} cannot be published: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, { issues });
    }
    const flow = await this.repository.publish(flowId, versionNumber);
    await this.audit.record({ actorId: actor.id, action: 'ivr-flows/publish', targetType: 'ivr-flow', targetId: flowId, data: { version: versionNumber, entryNumbers: flow.entryNumbers } });
    await this.changes.changed('flows');
    return flow;
  }

  private async publishProblems(definition: unknown): Promise<FieldIssue[]> {
    const result = validateFlow(definition);
    if (!result.ok) return result.errors;
    const [queues, calendars] = await Promise.all([this.repository.queueNames(), this.repository.calendarHours()]);
    return flowReferences(result.flow)
      .filter((ref) => (ref.kind === 'queue' ? !queues.has(ref.name) : !calendars.has(ref.name)))
      .map((ref) => ({ path: ref.path, message: `no ${ref.kind} "${ref.name}"` }));
  }

  private async checkNumbersFree(numbers: readonly string[], flowId?: string): Promise<void> {
    const taken = await this.repository.numbersTaken(numbers, flowId);
    if (taken.length === 0) return;
    throw new AppError(ErrorCode.Conflict, taken.map((t) => `${t.number} is answered by flow ${t.flow}`).join('; '), {
      issues: taken.map((t) => ({ path: `entryNumbers.${numbers.indexOf(t.number)}`, message: `answered by flow ${t.flow}` })),
    });
  }

  private async find(id: string): Promise<IvrFlowDetail> {
    const flow = await this.repository.flow(id);
    if (!flow) throw new AppError(ErrorCode.NotFound, `no flow ${id}`);
    return flow;
  }

  // ---- calendars ------------------------------------------------------------------------

  calendars(): Promise<BusinessHoursCalendar[]> {
    return this.repository.calendars();
  }

  async createCalendar(actor: SessionUser, input: CreateBusinessHoursCalendarRequest): Promise<BusinessHoursCalendar> {
    if (await this.repository.calendarNameTaken(input.name)) throw taken('name', `calendar ${input.name}`);
    const calendar = await this.repository.createCalendar(input);
    await this.audit.record({ actorId: actor.id, action: 'business-hours/create', targetType: 'business-hours', targetId: calendar.id, data: { calendar: input } });
    await this.changes.changed('calendars');
    return calendar;
  }

  async updateCalendar(actor: SessionUser, id: string, changes: UpdateBusinessHoursCalendarRequest): Promise<BusinessHoursCalendar> {
    const before = await this.findCalendar(id);
    if (changes.name !== undefined && changes.name !== before.name) {
      if (await this.repository.calendarNameTaken(changes.name, id)) throw taken('name', `calendar ${changes.name}`);
      await this.refuseWhileNamed(before, 'renamed');
    }
    const calendar = await this.repository.updateCalendar(id, changes);
    await this.audit.record({ actorId: actor.id, action: 'business-hours/update', targetType: 'business-hours', targetId: id, data: { changes } });
    await this.changes.changed('calendars');
    return calendar;
  }

  async deleteCalendar(actor: SessionUser, id: string): Promise<void> {
    const calendar = await this.findCalendar(id);
    await this.refuseWhileNamed(calendar, 'deleted');
    await this.repository.deleteCalendar(id);
    await this.audit.record({ actorId: actor.id, action: 'business-hours/delete', targetType: 'business-hours', targetId: id, data: { name: calendar.name } });
    await this.changes.changed('calendars');
  }

  /** A published flow finds its calendar by name: renaming or deleting it would close that flow. */
  private async refuseWhileNamed(calendar: BusinessHoursCalendar, what: string): Promise<void> {
    const flows = (await this.repository.publishedReferences()).filter((f) => f.references.some((r) => r.kind === 'calendar' && r.name === calendar.name)).map((f) => f.name);
    if (flows.length === 0) return;
    throw new AppError(ErrorCode.Conflict, `calendar ${calendar.name} cannot be ${what}: published flow${flows.length > 1 ? 's' : ''} ${flows.join(', ')} use${flows.length > 1 ? '' : 's'} it`, {
      issues: flows.map((flow) => ({ path: 'flows', message: flow })),
    });
  }

  private async findCalendar(id: string): Promise<BusinessHoursCalendar> {
    const calendar = await this.repository.calendar(id);
    if (!calendar) throw new AppError(ErrorCode.NotFound, `no calendar ${id}`);
    return calendar;
  }
}

function taken(path: string, what: string): AppError {
  return new AppError(ErrorCode.Conflict, `${what} already exists`, { issues: [{ path, message: 'already taken' }] });
}
