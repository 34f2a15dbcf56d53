import { randomUUID } from 'node:crypto';
import {
  type AgentDirectory,
  type ApiError,
  type CallEventData,
  type CallEventType,
  type Customer,
  type CustomerDetail,
  type CustomerSearchResult,
  ErrorCode,
  type MyCallList,
  type Ticket,
  type TicketList,
  type TokenPair,
} from '@ccx/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallRecorder, type NewCallEvent } from '../src/calls/call-recorder.service.js';
import { apiClient, availableBackends, bootServer, type TestServer } from './harness.js';

/**
 * What the agent's desk reads and writes over REST, on real databases: customer search,
 * records and edits; tickets; the transfer directory; the agent's own call history.
 */
const backends = await availableBackends();

const NOBODY = '00000000-0000-4000-8000-000000000000';
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

function ev<T extends CallEventType>(type: T, data: CallEventData<T>, at: number): NewCallEvent {
  return { type, data, at } as NewCallEvent;
}

describe.each(backends)('the desk’s CRM, tickets and own calls on %s', (backend) => {
  let server: TestServer;
  let api: ReturnType<typeof apiClient>;
  let admin: TokenPair;
  let supervisor: TokenPair;
  let agent1: TokenPair;
  let agent2: TokenPair;
  let bob: Customer;

  /** What a call answers when the test reads only an error or a field or two: an error body, or any JSON. */
  type Loose = ApiError & Record<string, unknown>;
  const as = <T = Loose>(pair: TokenPair, method: string, path: string, body?: unknown) => api.call<T>(method, path, { token: pair.accessToken, body });
  const issuePaths = (body: { issues?: { path: string }[] }) => (body.issues ?? []).map((i) => i.path);
  async function audit(targetId: string): Promise<{ action: string; actor_id: string | null; data: Record<string, unknown> }[]> {
    const { rows } = await server.database.pool.query('SELECT action, actor_id, data FROM audit_entries WHERE target_id = $1 ORDER BY id', [targetId]);
    return rows;
  }
  const search = async (q: string, extra = '') => as<CustomerSearchResult>(agent1, 'GET', `/api/customers?q=${encodeURIComponent(q)}${extra}`);
  const names = (answer: { body: CustomerSearchResult }) => answer.body.customers.map((c) => c.displayName);

  beforeAll(async () => {
    server = await bootServer(backend);
    api = apiClient(server.url);
    [admin, supervisor, agent1, agent2] = await Promise.all([
      api.login('admin', 'admin123!'),
      api.login('supervisor', 'super123!'),
      api.login('agent1', 'agent123!'),
      api.login('agent2', 'agent123!'),
    ]);
    bob = (await search('Bob Smith')).body.customers[0]!;
  });
  afterAll(() => server?.destroy());

  describe('customers', () => {
    it('finds a customer by part of the name, email, account number, or the phone number however it is typed', async () => {
      expect(bob).toMatchObject({ displayName: 'Bob Smith', phoneNumber: '+14155550102', accountNumber: '10003' });
      expect(names(await search('smi'))).toEqual(['Bob Smith']);
      expect(names(await search('(415) 555-0102'))).toEqual(['Bob Smith']);
      expect(names(await search('10003'))).toEqual(['Bob Smith']);
      const byDigits = names(await search('4155550'));
      expect(byDigits).toEqual(expect.arrayContaining(['Bob Smith', 'Carmen Díaz']));
      expect(byDigits).not.toContain('Li Wei');
      expect(names(await search('no such person'))).toEqual([]);
      // LIKE wildcards in the text are literal.
      expect(names(await search('%'))).toEqual([]);
    });

    it('pages by name: total, limit, nextOffset', async () => {
      const all = await as<CustomerSearchResult>(agent1, 'GET', '/api/customers');
      expect(all.status).toBe(200);
      const total = all.body.total;
      expect(total).toBeGreaterThanOrEqual(4);
      const first = await as<CustomerSearchResult>(agent1, 'GET', '/api/customers?limit=2');
      expect(first.body).toMatchObject({ total, nextOffset: 2 });
      const second = await as<CustomerSearchResult>(agent1, 'GET', `/api/customers?limit=2&offset=2`);
      expect([...names(first), ...names(second)]).toEqual(names(all).slice(0, 4));
      const last = await as<CustomerSearchResult>(agent1, 'GET', `/api/customers?limit=2&offset=${total - 1}`);
      expect(last.body.nextOffset).toBeNull();
    });

    it('refuses bad search parameters with 400 naming each one', async () => {
      const answer = await as(agent1, 'GET', `/api/customers?limit=0&offset=-1&sort=name&q=${'x'.repeat(101)}`);
      expect(answer.status).toBe(400);
      expect(answer.body.code).toBe(ErrorCode.Validation);
      expect(issuePaths(answer.body).sort()).toEqual(['(root)', 'limit', 'offset', 'q']);
    });

    it('shows a record with the customer’s latest calls, newest first', async () => {
      const recorder = server.app.get(CallRecorder);
      const older = randomUUID();
      const newer = randomUUID();
      for (const [id, at] of [[older, Date.parse('2025-05-01T09:00:00Z')], [newer, Date.parse('2025-05-02T09:00:00Z')]] as const) {
        await recorder.append(id, [
          ev('call.started', { direction: 'inbound', channel: 'trunk', ani: '+14155550102', dnis: '1001', entryPoint: null, agentId: null, callbackOfCallId: null }, at),
          ev('crm.matched', { customerId: bob.id, matchedBy: 'caller-number' }, at + 1000),
        ]);
      }
      const answer = await as<CustomerDetail>(agent1, 'GET', `/api/customers/${bob.id}`);
      expect(answer.status).toBe(200);
      expect(answer.body.customer).toEqual(bob);
      expect(answer.body.recentInteractions.map((i) => i.callId)).toEqual([newer, older]);
      expect((await as(agent1, 'GET', `/api/customers/${NOBODY}`)).status).toBe(404);
      expect((await as(agent1, 'GET', '/api/customers/not-a-uuid')).status).toBe(400);
    });

    it('saves an agent’s edit, normalises the phone number, and audits the fields (not their values)', async () => {
      const carmen = (await search('Carmen')).body.customers[0]!;
      const answer = await as<Customer>(agent1, 'PATCH', `/api/customers/${carmen.id}`, {
        displayName: '  Carmen Díaz-Ruiz ',
        email: 'Carmen@Example.com',
        phoneNumber: '+1 (415) 555-0199',
        notes: 'Prefers email',
        language: 'en',
      });
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ displayName: 'Carmen Díaz-Ruiz', email: 'carmen@example.com', phoneNumber: '+14155550199', notes: 'Prefers email' });
      // Stored: the next read and a search by the new number find it.
      expect((await as<CustomerDetail>(supervisor, 'GET', `/api/customers/${carmen.id}`)).body.customer).toEqual(answer.body);
      expect(names(await search('415 555 0199'))).toEqual(['Carmen Díaz-Ruiz']);
      // An empty email clears it.
      expect((await as<Customer>(agent2, 'PATCH', `/api/customers/${carmen.id}`, { email: '' })).body.email).toBeNull();
      // Sending what is stored changes nothing and writes no audit entry.
      expect((await as(agent2, 'PATCH', `/api/customers/${carmen.id}`, { language: 'en' })).status).toBe(200);
      expect(await audit(carmen.id)).toEqual([
        { action: 'customers/update', actor_id: agent1.user.id, data: { fields: ['displayName', 'email', 'phoneNumber', 'notes'] } },
        { action: 'customers/update', actor_id: agent2.user.id, data: { fields: ['email'] } },
      ]);
    });

    it('refuses a bad edit with 400 naming each field, and changes nothing', async () => {
      const answer = await as(agent1, 'PATCH', `/api/customers/${bob.id}`, {
        displayName: ' ',
        email: 'not-an-email',
        phoneNumber: '12',
        language: 'English',
        accountNumber: '99999',
      });
      expect(answer.status).toBe(400);
      expect(issuePaths(answer.body).sort()).toEqual(['(root)', 'displayName', 'email', 'language', 'phoneNumber']);
      expect(answer.body.issues?.find((i) => i.path === 'email')?.message).toMatch(/email address/);
      expect((await as(agent1, 'PATCH', `/api/customers/${bob.id}`, {})).status).toBe(400);
      expect((await as(agent1, 'PATCH', `/api/customers/${NOBODY}`, { notes: 'x' })).status).toBe(404);
      expect((await as<CustomerDetail>(agent1, 'GET', `/api/customers/${bob.id}`)).body.customer).toEqual(bob);
    });

    it('refuses anyone not logged in', async () => {
      expect((await api.call('GET', '/api/customers?q=bob')).status).toBe(401);
      expect((await api.call('GET', `/api/customers/${bob.id}`, { token: 'forged' })).status).toBe(401);
      expect((await api.call('PATCH', `/api/customers/${bob.id}`, { body: { notes: 'hacked' } })).status).toBe(401);
      expect((await as<CustomerDetail>(agent1, 'GET', `/api/customers/${bob.id}`)).body.customer.notes).toBe(bob.notes);
    });
  });

  describe('tickets', () => {
    it('opens a ticket about a customer and a call, lists it with the customer, and audits it', async () => {
      const callId = randomUUID();
      await server.app.get(CallRecorder).append(callId, [
        ev('call.started', { direction: 'inbound', channel: 'web', ani: 'web:abc', dnis: '1000', entryPoint: null, agentId: null, callbackOfCallId: null }, Date.now()),
      ]);
      const followUpAt = inDays(2);
      const created = await as<Ticket>(agent1, 'POST', '/api/tickets', { customerId: bob.id, callId, subject: 'Refund request', body: 'Charged twice', followUpAt });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        customerId: bob.id,
        callId,
        subject: 'Refund request',
        body: 'Charged twice',
        status: 'open',
        followUpAt,
        createdBy: { userId: agent1.user.id, displayName: 'Alex Agent' },
      });
      const listed = await as<TicketList>(agent2, 'GET', `/api/customers/${bob.id}/tickets`);
      expect(listed.body.tickets.map((t) => t.id)).toContain(created.body.id);
      expect(await audit(created.body.id)).toEqual([
        { action: 'tickets/create', actor_id: agent1.user.id, data: { customerId: bob.id, callId, followUpAt } },
      ]);
    });

    it('edits, closes and reopens a ticket, each audited; a no-op writes nothing', async () => {
      const { body: ticket } = await as<Ticket>(agent1, 'POST', '/api/tickets', { customerId: bob.id, subject: 'Address change' });
      expect(ticket).toMatchObject({ callId: null, body: '', followUpAt: null });
      const edited = await as<Ticket>(agent2, 'PATCH', `/api/tickets/${ticket.id}`, { body: 'New address: 1 Main St' });
      expect(edited.body).toMatchObject({ body: 'New address: 1 Main St', status: 'open' });
      expect((await as<Ticket>(agent2, 'PATCH', `/api/tickets/${ticket.id}`, { status: 'closed' })).body.status).toBe('closed');
      expect((await as<Ticket>(supervisor, 'PATCH', `/api/tickets/${ticket.id}`, { status: 'closed' })).status).toBe(200);
      expect((await as<Ticket>(admin, 'PATCH', `/api/tickets/${ticket.id}`, { status: 'open' })).body.status).toBe('open');
      const listed = (await as<TicketList>(agent1, 'GET', `/api/customers/${bob.id}/tickets`)).body.tickets.find((t) => t.id === ticket.id);
      expect(listed).toMatchObject({ body: 'New address: 1 Main St', status: 'open' });
      expect((await audit(ticket.id)).map((e) => [e.action, e.actor_id])).toEqual([
        ['tickets/create', agent1.user.id],
        ['tickets/update', agent2.user.id],
        ['tickets/close', agent2.user.id],
        ['tickets/reopen', admin.user.id],
      ]);
    });

    it('refuses a follow-up in the past, an unknown customer or call, and bad fields, with 400 naming each', async () => {
      const past = await as(agent1, 'POST', '/api/tickets', { customerId: NOBODY, callId: NOBODY, subject: 'x', followUpAt: inDays(-1) });
      expect(past.status).toBe(400);
      expect(issuePaths(past.body).sort()).toEqual(['callId', 'customerId', 'followUpAt']);
      expect(past.body.issues?.find((i) => i.path === 'followUpAt')?.message).toMatch(/pick a later date/);
      const bad = await as(agent1, 'POST', '/api/tickets', { subject: '', followUpAt: 'tomorrow', status: 'closed' });
      expect(issuePaths(bad.body).sort()).toEqual(['(root)', 'followUpAt', 'subject']);
      const { body: ticket } = await as<Ticket>(agent1, 'POST', '/api/tickets', { subject: 'Call back' });
      expect((await as(agent1, 'PATCH', `/api/tickets/${ticket.id}`, { followUpAt: inDays(-2) })).status).toBe(400);
      expect((await as(agent1, 'PATCH', `/api/tickets/${ticket.id}`, { status: 'pending' })).status).toBe(400);
      expect((await as(agent1, 'PATCH', `/api/tickets/${NOBODY}`, { status: 'closed' })).status).toBe(404);
      expect((await as(agent1, 'GET', `/api/customers/${NOBODY}/tickets`)).status).toBe(404);
      expect((await audit(ticket.id)).map((e) => e.action)).toEqual(['tickets/create']);
    });

    it('refuses anyone not logged in, and writes nothing for them', async () => {
      expect((await api.call('POST', '/api/tickets', { body: { customerId: bob.id, subject: 'anonymous' } })).status).toBe(401);
      expect((await api.call('GET', `/api/customers/${bob.id}/tickets`)).status).toBe(401);
      const { body: ticket } = await as<Ticket>(agent1, 'POST', '/api/tickets', { subject: 'Mine' });
      expect((await api.call('PATCH', `/api/tickets/${ticket.id}`, { body: { status: 'closed' } })).status).toBe(401);
      const subjects = (await as<TicketList>(agent1, 'GET', `/api/customers/${bob.id}/tickets`)).body.tickets.map((t) => t.subject);
      expect(subjects).not.toContain('anonymous');
    });
  });

  describe('the desk’s own reads', () => {
    it('lists agents with their state and the queues, for transfers', async () => {
      const answer = await as<AgentDirectory>(agent1, 'GET', '/api/agents/directory');
      expect(answer.status).toBe(200);
      expect(answer.body.agents.map((a) => [a.displayName, a.extension])).toEqual([
        ['Alex Agent', '2001'],
        ['Bea Agent', '2002'],
        ['Chen Agent', '2003'],
        ['Dana Agent', '2004'],
      ]);
      expect(answer.body.agents.every((a) => a.state === 'offline' && !a.reachable)).toBe(true);
      expect(answer.body.queues.map((q) => q.name)).toEqual(['Sales', 'Support']);
      expect((await api.call('GET', '/api/agents/directory')).status).toBe(401);
    });

    it('lists only the logged-in agent’s own calls, newest first, a page at a time', async () => {
      const recorder = server.app.get(CallRecorder);
      const base = Date.parse('2025-06-01T09:00:00Z');
      const mine = [randomUUID(), randomUUID(), randomUUID()];
      const theirs = randomUUID();
      const call = async (id: string, agentId: string, at: number, options: { customerId?: string; outbound?: boolean } = {}) => {
        await recorder.append(id, [
          ev(
            'call.started',
            { direction: options.outbound ? 'outbound' : 'inbound', channel: 'trunk', ani: options.outbound ? '2001' : '+14155550102', dnis: options.outbound ? '+15550000001' : '1001', entryPoint: null, agentId: options.outbound ? agentId : null, callbackOfCallId: null },
            at,
          ),
          ...(options.customerId ? [ev('crm.matched', { customerId: options.customerId, matchedBy: 'caller-number' }, at + 500)] : []),
          ev('call.answered', { agentId, offerId: null }, at + 1000),
        ]);
        await recorder.append(id, [ev('call.ended', { by: 'customer', agentId: null, cause: 'hangup', detail: null }, at + 61_000)]);
      };
      await call(mine[0]!, agent1.user.agentId!, base, { customerId: bob.id });
      await call(theirs, agent2.user.agentId!, base + 60_000);
      await call(mine[1]!, agent1.user.agentId!, base + 120_000, { outbound: true });
      await call(mine[2]!, agent1.user.agentId!, base + 180_000);

      const first = await as<MyCallList>(agent1, 'GET', '/api/me/calls?limit=2');
      expect(first.status).toBe(200);
      expect(first.body.calls.map((c) => c.callId)).toEqual([mine[2], mine[1]]);
      expect(first.body.calls[1]).toMatchObject({ direction: 'outbound', number: '+15550000001', status: 'ended', talkSeconds: 60 });
      const second = await as<MyCallList>(agent1, 'GET', `/api/me/calls?limit=2&cursor=${first.body.nextCursor}`);
      expect(second.body.calls.map((c) => c.callId)).toEqual([mine[0]]);
      expect(second.body.calls[0]).toMatchObject({ direction: 'inbound', number: '+14155550102', customer: { id: bob.id, displayName: 'Bob Smith' } });
      expect(second.body.nextCursor).toBeNull();

      // The other agent sees theirs only; a supervisor (no agent profile) none.
      expect((await as<MyCallList>(agent2, 'GET', '/api/me/calls')).body.calls.map((c) => c.callId)).toEqual([theirs]);
      expect((await as<MyCallList>(supervisor, 'GET', '/api/me/calls')).body.calls).toEqual([]);
      expect((await as(agent1, 'GET', '/api/me/calls?agentId=' + agent2.user.agentId)).status).toBe(400);
      expect((await as(agent1, 'GET', '/api/me/calls?cursor=bogus')).status).toBe(400);
      expect((await api.call('GET', '/api/me/calls')).status).toBe(401);
    });
  });
});
