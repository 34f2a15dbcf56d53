import { Injectable } from '@nestjs/common';
import {
  type Customer,
  type CustomerDetail,
  type CustomerSearchQuery,
  type CustomerSearchResult,
  ErrorCode,
  type SessionUser,
  type UpdateCustomerRequest,
} from '@ccx/contracts';
import { AuditService } from '../audit/audit.service.js';
import { AppError } from '../common/app-error.js';
import { CustomersRepository } from './customers.repository.js';
import { planCustomerSearch } from './domain/customer-search.js';
import { changedFields } from './domain/ticket-rules.js';

/**
 * The desk's CRM: finding a customer, their record with recent calls, and the edits an agent
 * makes. Every edit is audited by field name (the values are the customer's personal data,
 * and the audit log is read more widely than the CRM).
 */
@Injectable()
export class CustomersService {
  constructor(
    private readonly customers: CustomersRepository,
    private readonly audit: AuditService,
  ) {}

  async search(query: CustomerSearchQuery): Promise<CustomerSearchResult> {
    const { customers, total } = await this.customers.search(planCustomerSearch(query.q), query);
    const next = query.offset + customers.length;
    return { customers, total, nextOffset: next < total ? next : null };
  }

  async detail(id: string): Promise<CustomerDetail> {
    const customer = await this.find(id);
    return { customer, recentInteractions: await this.customers.recentInteractions(id) };
  }

  async update(actor: SessionUser, id: string, changes: UpdateCustomerRequest): Promise<Customer> {
    const before = await this.find(id);
    const fields = changedFields(before, changes);
    if (fields.length === 0) return before;
    const after = await this.customers.update(id, changes);
    await this.audit.record({ actorId: actor.id, action: 'customers/update', targetType: 'customer', targetId: id, data: { fields } });
    return after;
  }

  private async find(id: string): Promise<Customer> {
    const customer = await this.customers.find(id);
    if (!customer) throw new AppError(ErrorCode.NotFound, `no customer ${id}`);
    return customer;
  }
}
