import { Injectable } from '@nestjs/common';
import {
  type CreateTicketRequest,
  ErrorCode,
  type FieldIssue,
  type SessionUser,
  type Ticket,
  type UpdateTicketRequest,
} from '@ccx/contracts';
import { AuditService } from '../audit/audit.service.js';
import { AppError } from '../common/app-error.js';
import { CustomersRepository } from './customers.repository.js';
import { changedFields, followUpIssue, statusChange } from './domain/ticket-rules.js';
import { TicketsRepository } from './tickets.repository.js';

/**
 * Tickets: opened by an agent (usually in a call's wrap-up, which then names the ticket in
 * `call:wrapUp`), edited, closed and reopened by anyone on the desk. Every write is audited.
 */
@Injectable()
export class TicketsService {
  constructor(
    private readonly tickets: TicketsRepository,
    private readonly customers: CustomersRepository,
    private readonly audit: AuditService,
  ) {}

  async create(actor: SessionUser, input: CreateTicketRequest): Promise<Ticket> {
    const issues: FieldIssue[] = [];
    const followUp = followUpIssue(input.followUpAt, Date.now());
    if (followUp) issues.push(followUp);
    if (input.customerId && !(await this.customers.exists(input.customerId))) issues.push({ path: 'customerId', message: 'no such customer' });
    if (input.callId && !(await this.tickets.callExists(input.callId))) issues.push({ path: 'callId', message: 'no such call' });
    if (issues.length > 0) throw invalid(issues);

    const ticket = await this.tickets.create({ ...input, createdById: actor.id });
    await this.audit.record({
      actorId: actor.id,
      action: 'tickets/create',
      targetType: 'ticket',
      targetId: ticket.id,
      data: { customerId: ticket.customerId, callId: ticket.callId, followUpAt: ticket.followUpAt },
    });
    return ticket;
  }

  async update(actor: SessionUser, id: string, changes: UpdateTicketRequest): Promise<Ticket> {
    const before = await this.tickets.find(id);
    if (!before) throw new AppError(ErrorCode.NotFound, `no ticket ${id}`);
    const fields = changedFields(before, normalised(changes));
    // An unchanged follow-up that has meanwhile passed may be sent back as it is.
    const followUp = fields.includes('followUpAt') ? followUpIssue(changes.followUpAt, Date.now()) : null;
    if (followUp) throw invalid([followUp]);
    if (fields.length === 0) return before;

    const after = await this.tickets.update(id, changes);
    const status = statusChange(before.status, changes.status);
    await this.audit.record({ actorId: actor.id, action: `tickets/${status ?? 'update'}`, targetType: 'ticket', targetId: id, data: { fields } });
    return after;
  }

  async ofCustomer(customerId: string): Promise<Ticket[]> {
    if (!(await this.customers.exists(customerId))) throw new AppError(ErrorCode.NotFound, `no customer ${customerId}`);
    return this.tickets.ofCustomer(customerId);
  }
}

/** The follow-up time as the database gives it back (millisecond ISO), so equal times compare equal. */
function normalised(changes: UpdateTicketRequest): UpdateTicketRequest {
  const { followUpAt } = changes;
  return followUpAt ? { ...changes, followUpAt: new Date(followUpAt).toISOString() } : changes;
}

function invalid(issues: FieldIssue[]): AppError {
  return new AppError(ErrorCode.Validation, issues.map((i) => `${i.path}: ${i.message}`).join('; '), { issues });
}
