import { Injectable } from '@nestjs/common';
import { type CallExportQuery, type CallRecord } from '@ccx/contracts';
import { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { fromCallRow, toCallRow } from './call-row.js';
import { type CallLogCursor } from './domain/call-log-cursor.js';
import { type TimedCallEvent } from './domain/call-record.js';

/** The filters of the call log (the list and the export share them). */
export type CallFilter = CallExportQuery;

/** What one append writes: the new events (numbered, timed) and the record of the whole timeline. */
export interface AppendPlan {
  events: TimedCallEvent[];
  record: CallRecord;
}

/**
 * The call log's tables (`calls`, `call_agents`, `call_events`); the only place that knows
 * them. `call_events` is append-only (a trigger refuses changes); the other two are derived
 * from it and rewritten on every append.
 */
@Injectable()
export class CallsRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * One append, all or nothing: locks the call's row (appends to one call queue up, also
   * across server processes), reads its stored timeline, lets `plan` decide the new events
   * and the record (it throws to refuse: nothing is written), then writes the events and
   * the row. Everything inside uses the transaction's client only: the embedded database is
   * one session, and a query on another connection would wait for this transaction forever.
   */
  async append<T extends AppendPlan>(callId: string, plan: (stored: TimedCallEvent[]) => T): Promise<T> {
    return this.prisma.$transaction(
      async (tx) => {
        await tx.$queryRaw`SELECT id FROM calls WHERE id = ${callId}::uuid FOR UPDATE`;
        const stored = await tx.callEvent.findMany({ where: { callId }, orderBy: { seq: 'asc' } });
        const decided = plan(stored.map(toTimedEvent));
        if (decided.events.length === 0) return decided;

        const { record } = decided;
        const agentIds = [...new Set(record.agents.map((a) => a.agentId))];
        const queue = record.queueId ? await tx.queue.findUnique({ where: { id: record.queueId }, select: { id: true } }) : null;
        const customer = record.customerId ? await tx.customer.findUnique({ where: { id: record.customerId }, select: { id: true } }) : null;
        const agents = agentIds.length > 0 ? await tx.agent.findMany({ where: { id: { in: agentIds } }, select: { id: true } }) : [];
        const row = toCallRow(record, { queueId: queue !== null, customerId: customer !== null });
        // The row first: the events' foreign key needs it.
        await tx.call.upsert({ where: { id: callId }, create: { id: callId, ...row }, update: row });
        await tx.callEvent.createMany({
          data: decided.events.map((event) => ({
            callId,
            seq: event.seq,
            type: event.type,
            at: new Date(event.at),
            data: event.data as Prisma.InputJsonObject,
          })),
        });
        const known = new Set(agents.map((a) => a.id));
        const firstJoins = new Map<string, string>();
        for (const stretch of record.agents) if (!firstJoins.has(stretch.agentId)) firstJoins.set(stretch.agentId, stretch.joinedAt);
        const callAgents = [...firstJoins].filter(([agentId]) => known.has(agentId));
        if (callAgents.length > 0) {
          await tx.callAgent.createMany({
            data: callAgents.map(([agentId, joinedAt]) => ({ callId, agentId, joinedAt: new Date(joinedAt) })),
            skipDuplicates: true,
          });
        }
        return decided;
      },
      // Appends to the embedded database wait for each other's transactions.
      { maxWait: 10_000, timeout: 20_000 },
    );
  }

  /** Up to `limit` records matching `filter`, newest first, after `cursor`. */
  async page(filter: CallFilter, cursor: CallLogCursor | null, limit: number): Promise<CallRecord[]> {
    const rows = await this.prisma.call.findMany({
      where: { AND: [whereOf(filter), cursor ? after(cursor) : {}] },
      orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
      take: limit,
    });
    return rows.map(fromCallRow);
  }

  /** The call's timeline in `seq` order; null when there is no such call. */
  async timeline(callId: string): Promise<TimedCallEvent[] | null> {
    const rows = await this.prisma.callEvent.findMany({ where: { callId }, orderBy: { seq: 'asc' } });
    // A call's row and its first event are written together: no events, no call.
    return rows.length > 0 ? rows.map(toTimedEvent) : null;
  }

  /**
   * Calls that may have something open: not ended, or ended since `since` (after-call work
   * outlives the call). A call's record is closed only by appending to its timeline.
   */
  async possiblyOpenCallIds(since: Date): Promise<string[]> {
    const rows = await this.prisma.call.findMany({ where: { OR: [{ endedAt: null }, { endedAt: { gte: since } }] }, select: { id: true } });
    return rows.map((row) => row.id);
  }

  /**
   * The timelines of the calls that started at or after `since` or are still in progress
   * (the wallboard's day), each in `seq` order.
   */
  async timelinesSince(since: Date): Promise<Map<string, TimedCallEvent[]>> {
    const rows = await this.prisma.callEvent.findMany({
      where: { call: { OR: [{ startedAt: { gte: since } }, { endedAt: null }] } },
      orderBy: [{ callId: 'asc' }, { seq: 'asc' }],
    });
    const timelines = new Map<string, TimedCallEvent[]>();
    for (const row of rows) {
      const events = timelines.get(row.callId) ?? [];
      events.push(toTimedEvent(row));
      timelines.set(row.callId, events);
    }
    return timelines;
  }
}

function toTimedEvent(row: { seq: number; type: string; at: Date; data: Prisma.JsonValue }): TimedCallEvent {
  // Stored only after the contract's schema and the call state machine accepted it.
  return { type: row.type, data: row.data, seq: row.seq, at: row.at.getTime() } as TimedCallEvent;
}

function whereOf(filter: CallFilter): Prisma.CallWhereInput {
  return {
    startedAt: filter.from || filter.to ? { gte: dateOrUndefined(filter.from), lt: dateOrUndefined(filter.to) } : undefined,
    queueIds: filter.queueId ? { has: filter.queueId } : undefined,
    agents: filter.agentId ? { some: { agentId: filter.agentId } } : undefined,
    direction: filter.direction,
    channel: filter.channel,
    disposition: filter.disposition,
    // LIKE would read `%` and `_` in the text as wildcards; Prisma does not escape them.
    waitSeconds: filter.minWaitSeconds === undefined ? undefined : { gte: filter.minWaitSeconds },
    callerNumber: filter.callerNumber ? { contains: filter.callerNumber.replace(/[\\%_]/g, '\\$&'), mode: 'insensitive' } : undefined,
  };
}

/**
 * Strictly after the cursor in (started_at DESC, id DESC) order. The leading `started_at <=`
 * bound is implied by the OR, but without it PostgreSQL cannot range-scan the
 * (started_at, id) index for an OR and sorts the whole filtered table for every page.
 */
function after(cursor: CallLogCursor): Prisma.CallWhereInput {
  const startedAt = new Date(cursor.startedAt);
  return { startedAt: { lte: startedAt }, OR: [{ startedAt: { lt: startedAt } }, { startedAt, id: { lt: cursor.id } }] };
}

const dateOrUndefined = (iso: string | undefined) => (iso === undefined ? undefined : new Date(iso));
