import { type AuditActorList, type AuditList, type TokenPair, type UserList } from '@ccx/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, availableBackends, bootServer, type TestServer } from './harness.js';

/**
 * The audit log read over REST (issue 6): supervisors and admins page through it newest
 * first, filtered by action (exact or by prefix), actor, target and time; agents may not
 * read it; a bad filter is a 400 naming its parameter.
 */
const backends = await availableBackends();

describe.each(backends)('the audit log on %s', (backend) => {
  let server: TestServer;
  let api: ReturnType<typeof apiClient>;
  let admin: TokenPair;
  let supervisor: TokenPair;
  let agent: TokenPair;
  let agent1: { agentId: string; displayName: string };

  beforeAll(async () => {
    server = await bootServer(backend);
    api = apiClient(server.url);
    [admin, supervisor, agent] = await Promise.all([api.login('admin', 'admin123!'), api.login('supervisor', 'super123!'), api.login('agent1', 'agent123!')]);
    const { users } = (await api.call<UserList>('GET', '/api/users', { token: admin.accessToken })).body;
    const user = users.find((u) => u.username === 'agent1')!;
    agent1 = { agentId: user.agentId!, displayName: user.displayName };
  });
  afterAll(async () => {
    await server?.destroy();
  });

  const read = (query: string, token = supervisor.accessToken) => api.call<AuditList>('GET', `/api/audit${query}`, { token });

  it('shows a forced state with who did it, to whom and when', async () => {
    const before = Date.now();
    const forced = await api.call('POST', `/api/agents/${agent1.agentId}/state`, { token: supervisor.accessToken, body: { state: 'offline' } });
    expect(forced.status).toBe(200);

    const answer = await read('?action=agents/force-state');
    expect(answer.status).toBe(200);
    const [entry] = answer.body.entries;
    expect(entry).toMatchObject({
      actor: { id: supervisor.user.id, displayName: supervisor.user.displayName },
      action: 'agents/force-state',
      target: { type: 'agent', id: agent1.agentId, name: agent1.displayName },
      data: { to: 'offline' },
    });
    expect(Date.parse(entry!.at)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(entry!.at)).toBeLessThanOrEqual(Date.now() + 1000);
    // Admins read it too.
    expect((await read('?action=agents/force-state', admin.accessToken)).body.entries[0]?.id).toBe(entry!.id);
  });

  it('filters by action prefix, actor, target and time', async () => {
    const logins = (await read('?action=auth/')).body.entries;
    expect(logins.length).toBeGreaterThanOrEqual(3);
    expect(new Set(logins.map((e) => e.action))).toEqual(new Set(['auth/login']));
    // An exact action that is only a prefix of real ones finds nothing.
    expect((await read('?action=auth')).body.entries).toEqual([]);

    const byAdmin = (await read(`?actorId=${admin.user.id}`)).body.entries;
    expect(byAdmin.length).toBeGreaterThan(0);
    expect(byAdmin.every((e) => e.actor?.id === admin.user.id)).toBe(true);

    const aboutAgent1 = (await read(`?targetId=${agent1.agentId}`)).body.entries;
    expect(aboutAgent1.map((e) => e.action)).toEqual(['agents/force-state']);

    const later = new Date(Date.now() + 60_000).toISOString();
    const earlier = new Date(Date.now() - 3_600_000).toISOString();
    expect((await read(`?from=${encodeURIComponent(later)}`)).body.entries).toEqual([]);
    expect((await read(`?to=${encodeURIComponent(earlier)}`)).body.entries).toEqual([]);
    const inWindow = (await read(`?from=${encodeURIComponent(earlier)}&to=${encodeURIComponent(later)}&action=agents/force-state`)).body.entries;
    expect(inWindow).toHaveLength(1);
  });

  it('pages newest first with a cursor, never repeating an entry', async () => {
    const names = ['audit-a', 'audit-b', 'audit-c'].map((n) => `${n}-${backend}`);
    for (const name of names) {
      expect((await api.call('POST', '/api/skills', { token: admin.accessToken, body: { name } })).status).toBe(201);
    }
    const first = await read('?action=skills/create&limit=2');
    expect(first.body.entries.map((e) => e.target?.name)).toEqual([names[2], names[1]]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await read(`?action=skills/create&limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.entries.map((e) => e.target?.name)).toEqual([names[0]]);
    expect(second.body.nextCursor).toBeNull();
    // Without a limit, up to 50.
    expect((await read('?action=skills/create')).body.entries).toHaveLength(3);
  });

  it('names everyone who has an entry, for the "who" filter', async () => {
    const answer = await api.call<AuditActorList>('GET', '/api/audit/actors', { token: supervisor.accessToken });
    expect(answer.status).toBe(200);
    expect(answer.body.actors.map((a) => a.username)).toEqual(expect.arrayContaining(['admin', 'supervisor', 'agent1']));
  });

  it('refuses agents and anonymous callers', async () => {
    expect((await read('', agent.accessToken)).status).toBe(403);
    expect((await api.call('GET', '/api/audit/actors', { token: agent.accessToken })).status).toBe(403);
    expect((await api.call('GET', '/api/audit')).status).toBe(401);
  });

  it('refuses a bad filter with a 400 naming the parameter', async () => {
    const refused = async (query: string) => {
      const answer = await read(query);
      expect(answer.status, query).toBe(400);
      return (answer.body as unknown as { issues: { path: string }[] }).issues.map((i) => i.path);
    };
    expect(await refused('?limit=500')).toEqual(['limit']);
    expect(await refused('?limit=0')).toEqual(['limit']);
    expect(await refused('?action=DROP%20TABLE')).toEqual(['action']);
    expect(await refused('?actorId=nobody')).toEqual(['actorId']);
    expect(await refused('?from=yesterday')).toEqual(['from']);
    expect(await refused('?from=2025-02-01T00:00:00Z&to=2025-01-01T00:00:00Z')).toEqual(['to']);
    expect(await refused('?cursor=abc')).toEqual(['cursor']);
    expect(await refused('?cursor=0')).toEqual(['cursor']);
    expect(await refused('?acton=auth/login')).toEqual(['(root)']);
  });
});
