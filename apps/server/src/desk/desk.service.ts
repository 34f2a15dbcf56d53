import { Injectable } from '@nestjs/common';
import { type AgentDirectory, type MyCallList, type MyCallsQuery, type SessionUser } from '@ccx/contracts';
import { AcdService } from '../acd/acd.service.js';
import { CallLogService } from '../calls/call-log.service.js';
import { CustomersRepository } from '../crm/customers.repository.js';

/**
 * What the agent's desk reads about others and about itself: who and where a call can be
 * transferred to (the ACD's live view, read-only), and the agent's own call history (the
 * call log, filtered to calls the agent took part in: never anyone else's).
 */
@Injectable()
export class DeskService {
  constructor(
    private readonly acd: AcdService,
    private readonly callLog: CallLogService,
    private readonly customers: CustomersRepository,
  ) {}

  directory(): AgentDirectory {
    const agents = this.acd
      .agentRows()
      .map((row) => ({ agentId: row.agentId, displayName: row.displayName, extension: row.extension, state: row.state.name, reachable: row.reachable }))
      .sort((a, b) => a.displayName.localeCompare(b.displayName));
    const queues = this.acd
      .queueInfos()
      .map((queue) => ({ queueId: queue.queueId, name: queue.name }))
      .sort((a, b) => a.name.localeCompare(b.name));
    return { agents, queues };
  }

  async myCalls(user: SessionUser, query: MyCallsQuery): Promise<MyCallList> {
    // A user without an agent profile takes no calls.
    if (!user.agentId) return { calls: [], nextCursor: null };
    const page = await this.callLog.list({ agentId: user.agentId, limit: query.limit, cursor: query.cursor });
    const names = await this.customers.names(page.calls.flatMap((call) => (call.customerId ? [call.customerId] : [])));
    return {
      calls: page.calls.map((call) => {
        const name = call.customerId ? names.get(call.customerId) : undefined;
        return {
          callId: call.id,
          startedAt: call.startedAt,
          direction: call.direction,
          channel: call.channel,
          number: call.direction === 'inbound' ? call.callerNumber : call.dialedNumber,
          customer: call.customerId && name !== undefined ? { id: call.customerId, displayName: name } : null,
          status: call.status,
          talkSeconds: call.talkSeconds,
          disposition: call.disposition,
        };
      }),
      nextCursor: page.nextCursor,
    };
  }
}
