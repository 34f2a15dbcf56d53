import {
  AcdErrorCode,
  type Ack,
  type AgentStateView,
  type BusinessHoursCalendar,
  type CallerListEntry,
  type CallList,
  type ClientToServerEvents,
  type CodedEntry,
  ErrorCode,
  IvrErrorCode,
  type IvrFlowDetail,
  type IvrFlowList,
  type IvrFlowVersion,
  type Queue,
  type ServerToClientEvents,
  type Skill,
  type TokenPair,
} from '@ccx/contracts';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AcdService } from '../src/acd/acd.service.js';
import { type AcdDecision } from '../src/acd/domain/index.js';
import { ContactCenterService } from '../src/contact-center/contact-center.service.js';
import { TelephonyService } from '../src/telephony/telephony.service.js';
import { apiClient, availableBackends, bootServer, type TestServer } from './harness.js';
import { startRig, type Rig, until } from './support/contact-center-rig.js';
import { killAllSipp, runSipp } from './support/sipp.js';

/**
 * The administrator's REST API (issue 4.6): skills, queues, not-ready reasons, dispositions,
 * caller lists, business hours calendars and versioned IVR flows. Writes are the admin's;
 * each lands in the audit log; each reaches the running system without a restart.
 */
const backends = await availableBackends();
type LiveClient = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A flow that answers and hangs up at once: enough to prove a number is answered. */
const hangupFlow = (id: string) => ({ schemaVersion: 1, id, name: id, version: 1, start: 'bye', nodes: { bye: { kind: 'hangup', reason: 'completed' } } });

describe.each(backends)('administration on %s', (backend) => {
  let server: TestServer;
  let api: ReturnType<typeof apiClient>;
  let admin: TokenPair;
  let supervisor: TokenPair;
  let agent: TokenPair;
  const sockets: LiveClient[] = [];

  beforeAll(async () => {
    server = await bootServer(backend);
    api = apiClient(server.url);
    [admin, supervisor, agent] = await Promise.all([api.login('admin', 'admin123!'), api.login('supervisor', 'super123!'), api.login('agent1', 'agent123!')]);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await server?.destroy();
  });

  const asAdmin = <T = any>(method: string, path: string, body?: unknown) => api.call<T>(method, path, { token: admin.accessToken, body }); // eslint-disable-line @typescript-eslint/no-explicit-any -- error bodies are read loosely
  const issuePaths = (body: { issues?: { path: string }[] }) => (body.issues ?? []).map((i) => i.path);
  async function auditActions(targetId: string): Promise<{ action: string; actor_id: string | null }[]> {
    const { rows } = await server.database.pool.query<{ action: string; actor_id: string | null }>('SELECT action, actor_id FROM audit_entries WHERE target_id = $1 ORDER BY id', [targetId]);
    return rows;
  }
  async function agentSocket(pair: TokenPair): Promise<LiveClient> {
    const socket: LiveClient = io(server.url, { auth: { token: pair.accessToken }, transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(socket);
    await new Promise((resolve) => socket.once('session:ready', resolve));
    return socket;
  }

  it('lets only admins write; supervisors read queues, skills, reasons and dispositions; agents read the active reasons and dispositions', async () => {
    const writes: [string, string, unknown][] = [
      ['POST', '/api/skills', { name: 'x-skill' }],
      ['POST', '/api/queues', { name: 'X queue' }],
      ['POST', '/api/not-ready-reasons', { code: 'x-reason', label: 'X' }],
      ['POST', '/api/dispositions', { code: 'x-disposition', label: 'X' }],
      ['POST', '/api/caller-lists', { kind: 'vip', number: '+15550001' }],
      ['POST', '/api/business-hours', { name: 'X', timeZone: 'UTC', weekly: {} }],
      ['POST', '/api/ivr/flows', { name: 'x-flow', definition: {} }],
    ];
    for (const pair of [supervisor, agent]) {
      for (const [method, path, body] of writes) {
        const answer = await api.call(method, path, { token: pair.accessToken, body });
        expect({ who: pair.user.username, path, status: answer.status }).toEqual({ who: pair.user.username, path, status: 403 });
      }
    }
    for (const path of ['/api/queues', '/api/skills', '/api/not-ready-reasons', '/api/dispositions']) {
      expect({ path, status: (await api.call('GET', path, { token: supervisor.accessToken })).status }).toEqual({ path, status: 200 });
    }
    for (const path of ['/api/caller-lists', '/api/business-hours', '/api/ivr/flows']) {
      expect({ path, status: (await api.call('GET', path, { token: supervisor.accessToken })).status }).toEqual({ path, status: 403 });
    }
    for (const path of ['/api/queues', '/api/skills', '/api/caller-lists']) {
      expect({ path, status: (await api.call('GET', path, { token: agent.accessToken })).status }).toEqual({ path, status: 403 });
    }
    // Nothing of the refused writes was written.
    expect((await asAdmin<{ skills: Skill[] }>('GET', '/api/skills')).body.skills.map((s) => s.name)).not.toContain('x-skill');
  });

  describe('skills', () => {
    it('creates, renames and deletes a skill, each audited; a name is taken once', async () => {
      const created = await asAdmin<Skill>('POST', '/api/skills', { name: 'billing-it' });
      expect(created.status).toBe(201);
      expect((await asAdmin('POST', '/api/skills', { name: 'Billing-IT' })).status).toBe(409);
      const renamed = await asAdmin<Skill>('PATCH', `/api/skills/${created.body.id}`, { name: 'billing' });
      expect(renamed.body).toEqual({ id: created.body.id, name: 'billing' });
      const bad = await asAdmin('POST', '/api/skills', { name: '  ' });
      expect(bad.status).toBe(400);
      expect(issuePaths(bad.body)).toEqual(['name']);
      expect((await asAdmin('DELETE', `/api/skills/${created.body.id}`)).status).toBe(204);
      expect((await asAdmin('DELETE', `/api/skills/${created.body.id}`)).status).toBe(404);
      expect(await auditActions(created.body.id)).toEqual([
        { action: 'skills/create', actor_id: admin.user.id },
        { action: 'skills/rename', actor_id: admin.user.id },
        { action: 'skills/delete', actor_id: admin.user.id },
      ]);
    });

    it('refuses to delete a skill a queue requires, naming the queue', async () => {
      const support = (await asAdmin<{ skills: Skill[] }>('GET', '/api/skills')).body.skills.find((s) => s.name === 'support')!;
      const answer = await asAdmin('DELETE', `/api/skills/${support.id}`);
      expect(answer.status).toBe(409);
      expect(answer.body.message).toContain('Support');
      expect(answer.body.issues).toEqual([{ path: 'queues', message: 'Support' }]);
    });
  });

  describe('queues', () => {
    const full = {
      name: 'Billing',
      strategy: 'best_skill',
      skills: [
        { skill: 'support', minLevel: 5 },
        { skill: 'english', minLevel: 3 },
      ],
      offerTimeoutSeconds: 20,
      wrapUpSeconds: 10,
      serviceLevelSeconds: 30,
      maxWait: { seconds: 600, outcome: 'callback' },
      overflow: [
        { afterSeconds: 60, action: { type: 'widen', skills: [{ skill: 'support', minLevel: 2 }] } },
        { afterSeconds: 120, action: { type: 'move', queue: 'Support' } },
      ],
      missedOfferSetsNotReady: false,
      agingPerSecond: 2.5,
      announcements: { firstAfterSeconds: 15, everySeconds: 45 },
    };

    it('creates a queue with every routing setting, reads it back, and routes it in the ACD at once', async () => {
      const created = await asAdmin<Queue>('POST', '/api/queues', full);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ ...full, skills: [{ skill: 'english', minLevel: 3 }, { skill: 'support', minLevel: 5 }] });
      expect((await api.call<Queue>('GET', `/api/queues/${created.body.id}`, { token: supervisor.accessToken })).body).toEqual(created.body);
      expect((await asAdmin('POST', '/api/queues', { name: 'billing' })).status).toBe(409);

      const acd = server.app.get(AcdService);
      expect(acd.queueIdOf('Billing')).toBe(created.body.id);
      // Its skills decide who serves it: agent2 (support 8, english 7) does, agent1 (sales, english) does not.
      const rows = acd.agentRows();
      const servers = (username: string) => rows.find((r) => r.displayName.startsWith(username))!.queueIds.includes(created.body.id);
      expect([servers('Bea'), servers('Alex')]).toEqual([true, false]);
      expect((await auditActions(created.body.id)).map((e) => e.action)).toEqual(['queues/create']);
    });

    it('refuses bad settings with the field named: the edge schema and the ACD’s own rules', async () => {
      const zod = await asAdmin('POST', '/api/queues', { name: 'Bad', strategy: 'random', maxWait: { seconds: 0, outcome: 'hangup' } });
      expect(zod.status).toBe(400);
      expect(issuePaths(zod.body)).toEqual(['strategy', 'maxWait.seconds', 'maxWait.outcome']);

      const stricter = await asAdmin('POST', '/api/queues', {
        name: 'Bad',
        skills: [{ skill: 'support', minLevel: 5 }],
        overflow: [{ afterSeconds: 30, action: { type: 'widen', skills: [{ skill: 'sales', minLevel: 1 }] } }],
      });
      expect(stricter.status).toBe(400);
      expect(stricter.body.issues).toEqual([{ path: 'overflow.0.action.skills', message: 'may only drop or lower requirements ("sales")' }]);

      const unknown = await asAdmin('POST', '/api/queues', { name: 'Bad', skills: [{ skill: 'klingon', minLevel: 1 }], overflow: [{ afterSeconds: 30, action: { type: 'move', queue: 'Nowhere' } }] });
      expect(unknown.status).toBe(400);
      expect(unknown.body.issues).toEqual([
        { path: 'skills.0.skill', message: 'no skill "klingon"' },
        { path: 'overflow.0.action.queue', message: 'no queue "Nowhere"' },
      ]);
      expect((await asAdmin<{ queues: Queue[] }>('GET', '/api/queues')).body.queues.map((q) => q.name)).not.toContain('Bad');
    });

    it('applies a change to the running ACD at once: a new required skill changes who serves the queue', async () => {
      const queues = (await asAdmin<{ queues: Queue[] }>('GET', '/api/queues')).body.queues;
      const sales = queues.find((q) => q.name === 'Sales')!;
      const acd = server.app.get(AcdService);
      const serves = (prefix: string) => acd.agentRows().find((r) => r.displayName.startsWith(prefix))!.queueIds.includes(sales.id);
      expect([serves('Alex'), serves('Bea')]).toEqual([true, false]);

      const changed = await asAdmin<Queue>('PATCH', `/api/queues/${sales.id}`, { skills: [{ skill: 'support', minLevel: 1 }], wrapUpSeconds: 5 });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({ skills: [{ skill: 'support', minLevel: 1 }], wrapUpSeconds: 5, strategy: sales.strategy, name: 'Sales' });
      expect([serves('Alex'), serves('Bea')]).toEqual([false, true]);

      const invalid = await asAdmin('PATCH', `/api/queues/${sales.id}`, { overflow: [{ afterSeconds: 5, action: { type: 'move', queue: 'Sales' } }] });
      expect(invalid.status).toBe(400);
      expect(invalid.body.issues).toEqual([{ path: 'overflow.0.action.queue', message: 'is this queue' }]);

      await asAdmin('PATCH', `/api/queues/${sales.id}`, { skills: [{ skill: 'sales', minLevel: 1 }], wrapUpSeconds: 30 });
      expect([serves('Alex'), serves('Bea')]).toEqual([true, false]);
      expect((await auditActions(sales.id)).map((e) => e.action)).toEqual(['queues/update', 'queues/update']);
    });

    it('refuses to delete a queue a published flow sends calls to, one that receives overflow, or one holding calls', async () => {
      const queues = (await asAdmin<{ queues: Queue[] }>('GET', '/api/queues')).body.queues;
      const support = queues.find((q) => q.name === 'Support')!;
      const billing = queues.find((q) => q.name === 'Billing')!;

      const used = await asAdmin('DELETE', `/api/queues/${support.id}`);
      expect(used.status).toBe(409);
      expect(used.body.issues).toEqual(expect.arrayContaining([{ path: 'flows', message: 'main-ivr' }, { path: 'flows', message: 'support-line' }]));
      const renamed = await asAdmin('PATCH', `/api/queues/${support.id}`, { name: 'Help desk' });
      expect(renamed.status).toBe(409);
      expect(renamed.body.message).toContain('renamed');

      const spare = await asAdmin<Queue>('POST', '/api/queues', { name: 'Spare' });
      await asAdmin('PATCH', `/api/queues/${billing.id}`, { overflow: [{ afterSeconds: 60, action: { type: 'move', queue: 'Spare' } }] });
      const target = await asAdmin('DELETE', `/api/queues/${spare.body.id}`);
      expect(target.status).toBe(409);
      expect(target.body.issues).toEqual([{ path: 'queues', message: 'Billing' }]);

      // A call waiting in Billing holds it.
      const acd = server.app.get(AcdService);
      expect(acd.enqueue({ contactId: `waiting-${backend}`, queueId: billing.id, priority: 0, callerNumber: null, skills: [] })).toBe(true);
      const holding = await asAdmin('DELETE', `/api/queues/${billing.id}`);
      expect(holding.status).toBe(409);
      expect(holding.body.message).toMatch(/holds 1 call/);
      acd.abandon(`waiting-${backend}`);

      expect((await asAdmin('DELETE', `/api/queues/${billing.id}`)).status).toBe(204);
      expect((await asAdmin('DELETE', `/api/queues/${spare.body.id}`)).status).toBe(204);
      expect(acd.queueIdOf('Billing')).toBeNull();
      expect((await asAdmin('GET', `/api/queues/${billing.id}`)).status).toBe(404);
      expect((await auditActions(billing.id)).map((e) => e.action)).toEqual(['queues/create', 'queues/update', 'queues/delete']);
    });
  });

  describe('not-ready reasons', () => {
    it('are seeded with the five of before; a new one is accepted by agent:setState at once and a retired one refused', async () => {
      const listed = (await asAdmin<{ reasons: CodedEntry[] }>('GET', '/api/not-ready-reasons')).body.reasons;
      expect(listed.map((r) => r.code)).toEqual(['break', 'lunch', 'meeting', 'other', 'training']);

      const socket = await agentSocket(agent);
      const setState = (reasonId: string) => socket.emitWithAck('agent:setState', { state: 'not-ready', reasonId }) as Promise<Ack<AgentStateView>>;
      expect(await setState('coaching')).toMatchObject({ ok: false, error: { code: AcdErrorCode.UnknownNotReadyReason } });

      const created = await asAdmin<CodedEntry>('POST', '/api/not-ready-reasons', { code: 'coaching', label: 'Coaching' });
      expect(created.status).toBe(201);
      expect(await setState('coaching')).toMatchObject({ ok: true, data: { state: 'not-ready', reasonId: 'coaching' } });
      expect((await api.call<{ reasons: CodedEntry[] }>('GET', '/api/not-ready-reasons', { token: agent.accessToken })).body.reasons.map((r) => r.code)).toContain('coaching');

      const retired = await asAdmin<CodedEntry>('PATCH', `/api/not-ready-reasons/${created.body.id}`, { active: false });
      expect(retired.body).toMatchObject({ code: 'coaching', active: false });
      expect(await setState('break')).toMatchObject({ ok: true });
      expect(await setState('coaching')).toMatchObject({ ok: false, error: { code: AcdErrorCode.UnknownNotReadyReason } });
      // Agents see only what they may pick; admins see the retired one too.
      expect((await api.call<{ reasons: CodedEntry[] }>('GET', '/api/not-ready-reasons', { token: agent.accessToken })).body.reasons.map((r) => r.code)).not.toContain('coaching');
      expect((await api.call<{ reasons: CodedEntry[] }>('GET', '/api/not-ready-reasons', { token: supervisor.accessToken })).body.reasons.map((r) => r.code)).toContain('coaching');
      await socket.emitWithAck('agent:setState', { state: 'offline' });

      expect((await asAdmin('DELETE', `/api/not-ready-reasons/${created.body.id}`)).status).toBe(204);
      expect((await auditActions(created.body.id)).map((e) => e.action)).toEqual(['not-ready-reasons/create', 'not-ready-reasons/update', 'not-ready-reasons/delete']);
    });

    it('keeps missed-offer the system’s own, a code taken once, and the code unchangeable', async () => {
      const builtIn = await asAdmin('POST', '/api/not-ready-reasons', { code: 'missed-offer', label: 'Missed' });
      expect(builtIn.status).toBe(400);
      expect(issuePaths(builtIn.body)).toEqual(['code']);
      expect((await asAdmin('POST', '/api/not-ready-reasons', { code: 'lunch', label: 'Lunch again' })).status).toBe(409);
      const badCode = await asAdmin('POST', '/api/not-ready-reasons', { code: 'Coffee Break', label: '' });
      expect(issuePaths(badCode.body)).toEqual(['code', 'label']);
      const lunch = (await asAdmin<{ reasons: CodedEntry[] }>('GET', '/api/not-ready-reasons')).body.reasons.find((r) => r.code === 'lunch')!;
      expect((await asAdmin('PATCH', `/api/not-ready-reasons/${lunch.id}`, { code: 'dinner' })).status).toBe(400);
    });
  });

  describe('dispositions', () => {
    it('are seeded, edited by admins, and read by agents as the active list', async () => {
      const seeded = (await asAdmin<{ dispositions: CodedEntry[] }>('GET', '/api/dispositions')).body.dispositions.map((d) => d.code);
      expect(seeded).toEqual(['callback-scheduled', 'escalated', 'follow-up', 'no-answer', 'resolved', 'sale', 'wrong-number']);
      const created = await asAdmin<CodedEntry>('POST', '/api/dispositions', { code: 'complaint', label: 'Complaint', active: false });
      expect(created.status).toBe(201);
      expect((await asAdmin('POST', '/api/dispositions', { code: 'complaint', label: 'Again' })).status).toBe(409);
      const forAgent = async () => (await api.call<{ dispositions: CodedEntry[] }>('GET', '/api/dispositions', { token: agent.accessToken })).body.dispositions.map((d) => d.code);
      expect(await forAgent()).not.toContain('complaint');
      expect((await asAdmin<CodedEntry>('PATCH', `/api/dispositions/${created.body.id}`, { active: true, label: 'Customer complaint' })).body).toMatchObject({ active: true, label: 'Customer complaint' });
      expect(await forAgent()).toContain('complaint');
      expect((await asAdmin('PATCH', `/api/dispositions/${created.body.id}`, {})).status).toBe(400);
      expect((await asAdmin('DELETE', `/api/dispositions/${created.body.id}`)).status).toBe(204);
      expect((await auditActions(created.body.id)).map((e) => e.action)).toEqual(['dispositions/create', 'dispositions/update', 'dispositions/delete']);
    });
  });

  describe('VIP list and blacklist', () => {
    it('lists, adds and removes numbers; refuses malformed and repeated ones', async () => {
      const before = (await asAdmin<{ entries: CallerListEntry[] }>('GET', '/api/caller-lists?kind=blacklist')).body.entries;
      expect(before.map((e) => e.number)).toEqual(['+14155550666']);
      for (const number of ['12', '+1 415 555', 'abc', '++123456', '123456789012345678901']) {
        const answer = await asAdmin('POST', '/api/caller-lists', { kind: 'blacklist', number });
        expect({ number, status: answer.status, paths: issuePaths(answer.body) }).toEqual({ number, status: 400, paths: ['number'] });
      }
      expect((await asAdmin('GET', '/api/caller-lists?kind=grey')).status).toBe(400);
      const added = await asAdmin<CallerListEntry>('POST', '/api/caller-lists', { kind: 'vip', number: ' +8613800138000 ', note: 'Li Wei' });
      expect(added.status).toBe(201);
      expect(added.body).toMatchObject({ kind: 'vip', number: '+8613800138000', note: 'Li Wei' });
      expect((await asAdmin('POST', '/api/caller-lists', { kind: 'vip', number: '+8613800138000' })).status).toBe(409);
      // The same number may be on the other list (the blacklist wins when a call is checked).
      expect((await asAdmin('POST', '/api/caller-lists', { kind: 'blacklist', number: '+8613800138000' })).status).toBe(201);
      expect((await asAdmin<{ entries: CallerListEntry[] }>('GET', '/api/caller-lists?kind=vip')).body.entries.map((e) => e.number)).toEqual(['+14155550101', '+8613800138000']);
      expect((await asAdmin('DELETE', `/api/caller-lists/${added.body.id}`)).status).toBe(204);
      expect((await asAdmin('DELETE', `/api/caller-lists/${added.body.id}`)).status).toBe(404);
      expect((await auditActions(added.body.id)).map((e) => e.action)).toEqual(['caller-lists/add', 'caller-lists/remove']);
    });
  });

  describe('business hours calendars and IVR flows', () => {
    const office = { name: 'Head office', timeZone: 'Asia/Shanghai', weekly: { mon: [{ from: '09:00', to: '18:00' }] }, holidays: [{ date: '10-01', name: 'National Day' }] };
    const calendarFlow = (queue: string) => ({
      schemaVersion: 1,
      id: 'hours-line',
      name: 'Hours line',
      version: 1,
      start: 'hours',
      nodes: {
        hours: { kind: 'businessHours', calendar: 'Head office', open: 'queue', closed: 'bye' },
        queue: { kind: 'queue', queue },
        bye: { kind: 'hangup' },
      },
    });

    it('lists the demo flows, published at 1000 and 1001, and serves their versions', async () => {
      const flows = (await asAdmin<IvrFlowList>('GET', '/api/ivr/flows')).body.flows;
      expect(flows.map((f) => [f.name, f.entryNumbers, f.publishedVersion, f.latestVersion])).toEqual([
        ['main-ivr', ['1000'], 1, 1],
        ['support-line', ['1001'], 1, 1],
      ]);
      const version = await asAdmin<IvrFlowVersion>('GET', `/api/ivr/flows/${flows[0]!.id}/versions/1`);
      expect(version.body).toMatchObject({ version: 1, published: true, createdBy: null, definition: { id: 'demo-main', start: expect.any(String) } });
      expect((await asAdmin('GET', `/api/ivr/flows/${flows[0]!.id}/versions/9`)).status).toBe(404);
      expect((await asAdmin('GET', `/api/ivr/flows/${flows[0]!.id}/versions/x`)).status).toBe(400);
      expect([...server.app.get(ContactCenterService).entryNumbers()]).toEqual([
        ['1000', 'main-ivr'],
        ['1001', 'support-line'],
      ]);
    });

    it('creates calendars with the flow schema’s checks, and refuses a repeated name', async () => {
      const bad = await asAdmin('POST', '/api/business-hours', { name: 'Bad', timeZone: 'Mars/Base', weekly: { mon: [{ from: '18:00', to: '09:00' }] }, holidays: [{ date: '2026-02-30x' }] });
      expect(bad.status).toBe(400);
      expect(issuePaths(bad.body)).toEqual(['timeZone', 'weekly.mon.0.to', 'holidays.0.date']);
      const created = await asAdmin<BusinessHoursCalendar>('POST', '/api/business-hours', office);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject(office);
      expect((await asAdmin('POST', '/api/business-hours', { ...office, name: 'head office' })).status).toBe(409);
      expect((await auditActions(created.body.id)).map((e) => e.action)).toEqual(['business-hours/create']);
    });

    it('versions a flow, refuses to publish a version naming missing queues and calendars (node and field named), publishes a good one live', async () => {
      expect((await asAdmin('POST', '/api/ivr/flows', { name: 'Clash', entryNumbers: ['1000'], definition: {} })).body).toMatchObject({
        code: ErrorCode.Conflict,
        issues: [{ path: 'entryNumbers.0', message: 'answered by flow main-ivr' }],
      });

      const created = await asAdmin<IvrFlowDetail>('POST', '/api/ivr/flows', { name: 'hours-line', entryNumbers: ['4100'], definition: { draft: true } });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ entryNumbers: ['4100'], publishedVersion: null, latestVersion: 1, versions: [{ version: 1, createdBy: admin.user.id, published: false }] });
      const id = created.body.id;

      const draft = await asAdmin('POST', `/api/ivr/flows/${id}/versions/1/publish`);
      expect(draft.status).toBe(400);
      expect(draft.body.code).toBe(IvrErrorCode.InvalidFlow);
      expect(issuePaths(draft.body)).toEqual(expect.arrayContaining(['schemaVersion', 'start', 'nodes', 'draft']));

      const v2 = await asAdmin<IvrFlowVersion>('POST', `/api/ivr/flows/${id}/versions`, { definition: calendarFlow('Nowhere') });
      expect(v2.body).toMatchObject({ version: 2, published: false, createdBy: admin.user.id });
      // No calendar named "Head office" (the previous test may have made one: it goes).
      for (const old of (await asAdmin<{ calendars: BusinessHoursCalendar[] }>('GET', '/api/business-hours')).body.calendars) {
        if (old.name === 'Head office') await asAdmin('DELETE', `/api/business-hours/${old.id}`);
      }
      const missing = await asAdmin('POST', `/api/ivr/flows/${id}/versions/2/publish`);
      expect(missing.status).toBe(400);
      expect(missing.body.issues).toEqual([
        { path: 'nodes.hours.calendar', message: 'no calendar "Head office"' },
        { path: 'nodes.queue.queue', message: 'no queue "Nowhere"' },
      ]);
      expect(server.app.get(ContactCenterService).entryNumbers().has('4100')).toBe(false);

      const calendar = await asAdmin<BusinessHoursCalendar>('POST', '/api/business-hours', office);
      await asAdmin('POST', `/api/ivr/flows/${id}/versions`, { definition: calendarFlow('Support') });
      const published = await asAdmin<IvrFlowDetail>('POST', `/api/ivr/flows/${id}/versions/3/publish`);
      expect(published.status).toBe(200);
      expect(published.body).toMatchObject({ publishedVersion: 3, latestVersion: 3 });
      expect(published.body.versions.map((v) => [v.version, v.published])).toEqual([
        [1, false],
        [2, false],
        [3, true],
      ]);
      expect(server.app.get(ContactCenterService).entryNumbers().get('4100')).toBe('hours-line');

      // A published flow holds on to its calendar and its queue.
      const rename = await asAdmin('PATCH', `/api/business-hours/${calendar.body.id}`, { name: 'Branch office' });
      expect(rename.status).toBe(409);
      expect(rename.body.issues).toEqual([{ path: 'flows', message: 'hours-line' }]);
      expect((await asAdmin('DELETE', `/api/business-hours/${calendar.body.id}`)).status).toBe(409);
      const hours = await asAdmin<BusinessHoursCalendar>('PATCH', `/api/business-hours/${calendar.body.id}`, { holidays: [] });
      expect(hours.body.holidays).toEqual([]);

      // Numbers move with a PATCH, live at once; versions never change.
      const moved = await asAdmin<IvrFlowDetail>('PATCH', `/api/ivr/flows/${id}`, { entryNumbers: ['4101', '4102'] });
      expect(moved.body.entryNumbers).toEqual(['4101', '4102']);
      const entries = server.app.get(ContactCenterService).entryNumbers();
      expect([entries.has('4100'), entries.get('4101'), entries.get('4102')]).toEqual([false, 'hours-line', 'hours-line']);
      await expect(server.database.pool.query(`UPDATE ivr_flow_versions SET definition = '{}' WHERE flow_id = $1`, [id])).rejects.toThrow(/immutable/);

      expect((await auditActions(id)).map((e) => e.action)).toEqual(['ivr-flows/create', 'ivr-flows/save-version', 'ivr-flows/save-version', 'ivr-flows/publish', 'ivr-flows/update']);
    });

    it('takes a calendar change from the next real call on (sipp over the trunk)', async () => {
      const allDay = [{ from: '00:00', to: '24:00' }];
      const calendar = await asAdmin<BusinessHoursCalendar>('POST', '/api/business-hours', {
        name: 'Always',
        timeZone: 'UTC',
        weekly: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay },
      });
      const definition = {
        schemaVersion: 1,
        id: 'calendar-line',
        name: 'Calendar line',
        version: 1,
        start: 'hours',
        nodes: {
          hours: { kind: 'businessHours', calendar: 'Always', open: 'open-bye', closed: 'closed-bye' },
          'open-bye': { kind: 'hangup' },
          'closed-bye': { kind: 'hangup', reason: 'after-hours' },
        },
      };
      const flow = await asAdmin<IvrFlowDetail>('POST', '/api/ivr/flows', { name: 'calendar-line', entryNumbers: ['4300'], definition });
      expect((await asAdmin('POST', `/api/ivr/flows/${flow.body.id}/versions/1/publish`)).status).toBe(200);
      const sipPort = server.app.get(TelephonyService).sipUdpAddress!.port;

      const branchTaken = async (calls: number): Promise<string | undefined> => {
        const result = await (await runSipp('caller-until-bye.xml', sipPort, { service: '4300', timeoutSeconds: 20 })).done;
        expect(result.code, result.output).toBe(0);
        const records = await until(
          'the call record',
          async () => {
            const list = (await asAdmin<CallList>('GET', '/api/calls?limit=200')).body.calls.filter((c) => c.dialedNumber === '4300' && c.status === 'ended');
            return list.length === calls ? list : null;
          },
          5000,
        );
        return records[0]!.ivrPath.map((step) => step.nodeId).find((node) => node.endsWith('-bye'));
      };
      expect(await branchTaken(1)).toBe('open-bye');
      await asAdmin('PATCH', `/api/business-hours/${calendar.body.id}`, { weekly: {} });
      expect(await branchTaken(2)).toBe('closed-bye');
    });
  });
});

describe('administration live on calls (embedded, Chromium agents, sipp caller)', () => {
  let rig: Rig;

  beforeAll(async () => {
    rig = await startRig();
  });
  afterAll(async () => {
    killAllSipp();
    await rig?.close();
  });

  it('routes the next call by the queue’s new required skill', async () => {
    const alex = await rig.bringOnline('agent1', 700); // sales 8, english 9
    const bea = await rig.bringOnline('agent2', 1000); // support 8, english 7
    const admin = await rig.api.login('admin', 'admin123!');
    const acd = rig.server.app.get(AcdService);
    const offers: Extract<AcdDecision, { type: 'offer' }>[] = [];
    acd.onDecisions((decisions) => offers.push(...decisions.filter((d): d is Extract<AcdDecision, { type: 'offer' }> => d.type === 'offer')));
    const sales = (await rig.api.call<{ queues: Queue[] }>('GET', '/api/queues', { token: admin.accessToken })).body.queues.find((q) => q.name === 'Sales')!;

    const offerFor = async (contactId: string) => {
      expect(acd.enqueue({ contactId, queueId: sales.id, priority: 0, callerNumber: null, skills: [] })).toBe(true);
      const offer = await until(`the offer of ${contactId}`, () => offers.find((o) => o.contactId === contactId), 3000);
      acd.abandon(contactId);
      return offer.agents.map((target) => target.agentId);
    };
    expect(await offerFor('before-change')).toEqual([alex.agentId]);
    await until('Alex available again', () => acd.view(alex.agentId).state === 'available', 3000);

    const changed = await rig.api.call('PATCH', `/api/queues/${sales.id}`, { token: admin.accessToken, body: { skills: [{ skill: 'support', minLevel: 5 }] } });
    expect(changed.status).toBe(200);
    expect(await offerFor('after-change')).toEqual([bea.agentId]);
  });

  it('answers a real trunk call at the number of a flow published a moment ago, and refuses it once the number moves', async () => {
    const admin = await rig.api.login('admin', 'admin123!');
    const refused = await (await runSipp('caller-refused-404.xml', rig.sipPort, { service: '4242', timeoutSeconds: 10 })).done;
    expect(refused.code, refused.output).toBe(0);
    const created = await rig.api.call<IvrFlowDetail>('POST', '/api/ivr/flows', { token: admin.accessToken, body: { name: 'hangup-line', entryNumbers: ['4242'], definition: hangupFlow('hangup-line') } });
    expect(created.status).toBe(201);
    const published = await rig.api.call('POST', `/api/ivr/flows/${created.body.id}/versions/1/publish`, { token: admin.accessToken });
    expect(published.status).toBe(200);

    const caller = await runSipp('caller-until-bye.xml', rig.sipPort, { service: '4242', timeoutSeconds: 20 });
    const result = await caller.done;
    expect(result.code, result.output).toBe(0); // answered, then the flow hung up
    const calls = (await rig.api.call<CallList>('GET', '/api/calls', { token: admin.accessToken })).body.calls;
    expect(calls.find((c) => c.dialedNumber === '4242')).toMatchObject({ entryPoint: 'hangup-line', status: 'ended' });

    await rig.api.call('PATCH', `/api/ivr/flows/${created.body.id}`, { token: admin.accessToken, body: { entryNumbers: ['4243'] } });
    const moved = await (await runSipp('caller-refused-404.xml', rig.sipPort, { service: '4242', timeoutSeconds: 10 })).done;
    expect(moved.code, moved.output).toBe(0);
    const answered = await (await runSipp('caller-until-bye.xml', rig.sipPort, { service: '4243', timeoutSeconds: 20 })).done;
    expect(answered.code, answered.output).toBe(0);
  });
});
