import { type RecentInteraction } from '@ccx/contracts';
import { type PrismaClient } from '../generated/prisma/client.js';

/**
 * The latest calls of a customer (or of a number no customer owns), newest first, as the
 * screen pop and the desk's customer record both show them.
 */
export async function readRecentInteractions(
  prisma: PrismaClient,
  who: { customerId: string } | { callerNumber: string },
  options: { limit: number; excludeCallId?: string },
): Promise<RecentInteraction[]> {
  const { limit, excludeCallId } = options;
  const rows = await prisma.call.findMany({
    where: { ...who, ...(excludeCallId ? { id: { not: excludeCallId } } : {}) },
    orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
    take: limit,
    include: { agents: { orderBy: { joinedAt: 'asc' }, select: { agentId: true } } },
  });
  return rows.map((row) => ({
    callId: row.id,
    startedAt: row.startedAt.toISOString(),
    direction: row.direction,
    channel: row.channel,
    status: row.endedAt ? 'ended' : 'in-progress',
    queueId: row.queueId,
    agentIds: row.agents.map((a) => a.agentId),
    waitOutcome: row.waitOutcome,
    talkSeconds: row.talkSeconds,
    disposition: row.disposition,
    notes: row.notes,
  }));
}
