import { Injectable } from '@nestjs/common';
import { type Ticket, type TicketStatus } from '@ccx/contracts';
import { Prisma, PrismaClient } from '../generated/prisma/client.js';

const withAuthor = { createdBy: { select: { id: true, displayName: true } } } satisfies Prisma.TicketInclude;
type TicketRow = Prisma.TicketGetPayload<{ include: typeof withAuthor }>;

export interface NewTicket {
  customerId: string | null;
  callId: string | null;
  subject: string;
  body: string;
  followUpAt: string | null;
  createdById: string;
}

export interface TicketChanges {
  subject?: string;
  body?: string;
  status?: TicketStatus;
  followUpAt?: string | null;
}

/** The tickets table; the only place that knows it. */
@Injectable()
export class TicketsRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async create(input: NewTicket): Promise<Ticket> {
    const row = await this.prisma.ticket.create({
      data: { ...input, followUpAt: toDate(input.followUpAt) },
      include: withAuthor,
    });
    return toTicket(row);
  }

  async find(id: string): Promise<Ticket | null> {
    const row = await this.prisma.ticket.findUnique({ where: { id }, include: withAuthor });
    return row ? toTicket(row) : null;
  }

  async update(id: string, changes: TicketChanges): Promise<Ticket> {
    const { followUpAt, ...rest } = changes;
    const row = await this.prisma.ticket.update({
      where: { id },
      data: { ...rest, ...(followUpAt !== undefined ? { followUpAt: toDate(followUpAt) } : {}) },
      include: withAuthor,
    });
    return toTicket(row);
  }

  async ofCustomer(customerId: string): Promise<Ticket[]> {
    const rows = await this.prisma.ticket.findMany({ where: { customerId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], include: withAuthor });
    return rows.map(toTicket);
  }

  async callExists(callId: string): Promise<boolean> {
    return (await this.prisma.call.count({ where: { id: callId } })) > 0;
  }
}

const toDate = (iso: string | null) => (iso === null ? null : new Date(iso));

function toTicket(row: TicketRow): Ticket {
  return {
    id: row.id,
    customerId: row.customerId,
    callId: row.callId,
    subject: row.subject,
    body: row.body,
    status: row.status,
    followUpAt: row.followUpAt?.toISOString() ?? null,
    createdBy: { userId: row.createdBy.id, displayName: row.createdBy.displayName },
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
