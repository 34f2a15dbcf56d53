import { Injectable } from '@nestjs/common';
import { type Customer, type RecentInteraction, type UpdateCustomerRequest } from '@ccx/contracts';
import { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { readRecentInteractions } from '../calls/recent-interactions.js';
import { type CustomerSearchPlan, escapeLike } from './domain/customer-search.js';

/** How many earlier calls a customer's record shows. */
const RECENT_INTERACTIONS = 10;

type CustomerRow = Prisma.CustomerGetPayload<object>;

/** The CRM's customers table for the desk: search, read, edit; the only place that knows it. */
@Injectable()
export class CustomersRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async search(plan: CustomerSearchPlan | null, page: { limit: number; offset: number }): Promise<{ customers: Customer[]; total: number }> {
    const where = whereOf(plan);
    const [rows, total] = await Promise.all([
      this.prisma.customer.findMany({ where, orderBy: [{ displayName: 'asc' }, { id: 'asc' }], take: page.limit, skip: page.offset }),
      this.prisma.customer.count({ where }),
    ]);
    return { customers: rows.map(toCustomer), total };
  }

  async find(id: string): Promise<Customer | null> {
    const row = await this.prisma.customer.findUnique({ where: { id } });
    return row ? toCustomer(row) : null;
  }

  async exists(id: string): Promise<boolean> {
    return (await this.prisma.customer.count({ where: { id } })) > 0;
  }

  async update(id: string, changes: UpdateCustomerRequest): Promise<Customer> {
    return toCustomer(await this.prisma.customer.update({ where: { id }, data: changes }));
  }

  /** Display names of the customers with these ids (ids without a row are left out). */
  async names(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.prisma.customer.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, displayName: true } });
    return new Map(rows.map((row) => [row.id, row.displayName]));
  }

  /** The customer's latest calls, newest first (read as the screen pop reads them). */
  recentInteractions(customerId: string): Promise<RecentInteraction[]> {
    return readRecentInteractions(this.prisma, { customerId }, { limit: RECENT_INTERACTIONS });
  }
}

function whereOf(plan: CustomerSearchPlan | null): Prisma.CustomerWhereInput {
  if (!plan) return {};
  const like = (text: string) => ({ contains: escapeLike(text), mode: 'insensitive' as const });
  const any: Prisma.CustomerWhereInput[] = [];
  if (plan.name) any.push({ displayName: like(plan.name) });
  if (plan.email) any.push({ email: like(plan.email) });
  if (plan.account) any.push({ accountNumber: like(plan.account) });
  if (plan.phoneDigits) any.push({ phoneNumber: { contains: plan.phoneDigits } });
  return { OR: any };
}

function toCustomer(row: CustomerRow): Customer {
  return {
    id: row.id,
    displayName: row.displayName,
    phoneNumber: row.phoneNumber,
    email: row.email,
    accountNumber: row.accountNumber,
    balanceCents: row.balanceCents,
    language: row.language,
    notes: row.notes,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
