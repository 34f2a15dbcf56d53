import { apiRoutes, ErrorCode, type RouteContract, type User } from '@ccx/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, availableBackends, bootServer, type TestServer } from './harness.js';

const backends = await availableBackends();

describe.each(backends)('accounts and roles on %s', (backend) => {
  let server: TestServer;
  let api: ReturnType<typeof apiClient>;
  let adminToken: string;
  let agentToken: string;
  let supervisorToken: string;

  beforeAll(async () => {
    server = await bootServer(backend, { env: { TRUST_PROXY_HOPS: '1' } });
    api = apiClient(server.url);
    adminToken = (await api.login('admin', 'admin123!')).accessToken;
    agentToken = (await api.login('agent1', 'agent123!')).accessToken;
    supervisorToken = (await api.login('supervisor', 'super123!')).accessToken;
  });
  afterAll(() => server?.destroy());

  it('answers health with JSON once ready', async () => {
    const answer = await api.call('GET', '/api/health');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ status: 'ok', database: backend });
  });

  it('logs in with the right password and returns who logged in', async () => {
    const pair = await api.login('agent1', 'agent123!');
    expect(pair.user).toMatchObject({ username: 'agent1', role: 'agent' });
    expect(pair.user.agentId).toEqual(expect.any(String));
    expect(pair.expiresIn).toBe(900);
    const me = await api.call('GET', '/api/auth/me', { token: pair.accessToken });
    expect(me.body).toEqual(pair.user);
  });

  it('answers a wrong password and an unknown user alike, with 401', async () => {
    const wrong = await api.call('POST', '/api/auth/login', { body: { username: 'agent2', password: 'nope' } });
    const unknown = await api.call('POST', '/api/auth/login', { body: { username: 'nobody', password: 'nope' } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body).toMatchObject({ code: ErrorCode.LoginFailed });
  });

  it('refuses a malformed body with 400 naming the field, and broken JSON with 400', async () => {
    const missing = await api.call('POST', '/api/auth/login', { body: { username: 'agent1' } });
    expect(missing.status).toBe(400);
    expect(missing.body.issues).toEqual([expect.objectContaining({ path: 'password' })]);
    const broken = await api.call('POST', '/api/auth/login', { rawBody: '{"username": "agent1",' });
    expect(broken.status).toBe(400);
    expect(broken.body.code).toBe(ErrorCode.Validation);
  });

  it('lets only admins list users: 200 admin, 403 supervisor and agent, 401 without a token', async () => {
    const asAdmin = await api.call<{ users: User[] }>('GET', '/api/users', { token: adminToken });
    expect(asAdmin.status).toBe(200);
    expect(asAdmin.body.users.map((u) => u.username)).toEqual(
      expect.arrayContaining(['admin', 'supervisor', 'agent1', 'agent2', 'agent3', 'agent4']),
    );
    expect(asAdmin.body.users.find((u) => u.username === 'agent1')?.skills).toContainEqual({ skill: 'sales', level: 8 });
    expect((await api.call('GET', '/api/users', { token: supervisorToken })).status).toBe(403);
    expect((await api.call('GET', '/api/users', { token: agentToken })).status).toBe(403);
    expect((await api.call('GET', '/api/users')).status).toBe(401);
    expect((await api.call('GET', '/api/users', { token: 'not-a-token' })).status).toBe(401);
  });

  it('refuses an agent token on every admin or supervisor route of the contract', async () => {
    const restricted = (Object.values(apiRoutes) as RouteContract[]).filter(
      (r) => Array.isArray(r.access) && !r.access.includes('agent'),
    );
    expect(restricted.length).toBeGreaterThan(3);
    for (const route of restricted) {
      const path = route.path.replace(':id', '00000000-0000-4000-8000-000000000000').replace(':version', '1');
      const answer = await api.call(route.method.toUpperCase(), path, { token: agentToken, body: {} });
      expect({ route: route.path, status: answer.status }).toEqual({ route: route.path, status: 403 });
    }
  });

  it('registers every route of the contract (none answers "no route")', async () => {
    for (const route of Object.values(apiRoutes) as RouteContract[]) {
      const path = route.path.replace(':id', '00000000-0000-4000-8000-000000000000').replace(':version', '1');
      const answer = await api.call(route.method.toUpperCase(), path, { token: adminToken, body: {} });
      // A 404 for the made-up id is fine; Express's "no such route" is not.
      expect({ route: route.path, message: String(answer.body?.message) }).not.toEqual({
        route: route.path,
        message: expect.stringMatching(/^no route/),
      });
    }
  });

  it('creates, edits and deactivates a user; a deactivated user can neither log in nor use a token', async () => {
    const created = await api.call<User>('POST', '/api/users', {
      token: adminToken,
      body: { username: `temp.${backend}`, displayName: 'Temp Agent', role: 'agent', password: 'temporary-pass', skills: [{ skill: 'billing', level: 3 }] },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ role: 'agent', active: true, skills: [{ skill: 'billing', level: 3 }] });
    expect(created.body.extension).toMatch(/^\d+$/);

    const duplicate = await api.call('POST', '/api/users', {
      token: adminToken,
      body: { username: `TEMP.${backend}`, displayName: 'x', role: 'agent', password: 'temporary-pass' },
    });
    expect(duplicate.status).toBe(409);

    const invalid = await api.call('POST', '/api/users', {
      token: adminToken,
      body: { username: 'x y', displayName: '', role: 'boss', password: 'short' },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['displayName', 'password', 'role', 'username']);

    const pair = await api.login(`temp.${backend}`, 'temporary-pass');
    const edited = await api.call<User>('PATCH', `/api/users/${created.body.id}`, {
      token: adminToken,
      body: { displayName: 'Renamed', skills: [{ skill: 'support', level: 5 }] },
    });
    expect(edited.body).toMatchObject({ displayName: 'Renamed', skills: [{ skill: 'support', level: 5 }] });

    const deactivated = await api.call<User>('PATCH', `/api/users/${created.body.id}`, { token: adminToken, body: { active: false } });
    expect(deactivated.body.active).toBe(false);
    expect((await api.call('POST', '/api/auth/login', { body: { username: `temp.${backend}`, password: 'temporary-pass' } })).status).toBe(401);
    expect((await api.call('GET', '/api/auth/me', { token: pair.accessToken })).status).toBe(401);
    expect((await api.call('POST', '/api/auth/refresh', { body: { refreshToken: pair.refreshToken } })).status).toBe(401);
  });

  it('changes passwords: admin for anyone, a user for themself only with the current password', async () => {
    const user = await api.call<User>('POST', '/api/users', {
      token: adminToken,
      body: { username: `pw.${backend}`, displayName: 'Pw', role: 'supervisor', password: 'first-password' },
    });
    const self = await api.login(`pw.${backend}`, 'first-password');
    const path = `/api/users/${user.body.id}/password`;
    expect((await api.call('PUT', path, { token: self.accessToken, body: { newPassword: 'second-password' } })).status).toBe(400);
    expect(
      (await api.call('PUT', path, { token: self.accessToken, body: { currentPassword: 'first-password', newPassword: 'second-password' } }))
        .status,
    ).toBe(204);
    await api.login(`pw.${backend}`, 'second-password');
    const agentOnOther = await api.call('PUT', path, { token: agentToken, body: { currentPassword: 'x', newPassword: 'third-password' } });
    expect(agentOnOther.status).toBe(403);
    expect((await api.call('PUT', path, { token: adminToken, body: { newPassword: 'third-password' } })).status).toBe(204);
    await api.login(`pw.${backend}`, 'third-password');
  });

  it('will not let the admin lock the tenant out', async () => {
    const me = await api.call<{ id: string }>('GET', '/api/auth/me', { token: adminToken });
    const answer = await api.call('PATCH', `/api/users/${me.body.id}`, { token: adminToken, body: { active: false } });
    expect(answer.status).toBe(409);
    expect(answer.body.code).toBe(ErrorCode.SelfLockout);
  });

  it('rotates refresh tokens and treats reuse of a retired one as theft', async () => {
    const first = await api.login('agent3', 'agent123!');
    const second = await api.call('POST', '/api/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toEqual(first.refreshToken);
    // Moments after the rotation (a reload mid-refresh) the old token is only refused.
    const racing = await api.call('POST', '/api/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect(racing.status).toBe(401);
    const third = await api.call('POST', '/api/auth/refresh', { body: { refreshToken: second.body.refreshToken } });
    expect(third.status).toBe(200);

    // Later, a retired token coming back is theft: the whole family is revoked.
    await server.database.pool.query(`UPDATE refresh_tokens SET revoked_at = now() - interval '1 hour' WHERE revoked_at IS NOT NULL`);
    const replay = await api.call('POST', '/api/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect(replay.status).toBe(401);
    expect((await api.call('POST', '/api/auth/refresh', { body: { refreshToken: third.body.refreshToken } })).status).toBe(401);
  });

  it('logs out by revoking the refresh token', async () => {
    const pair = await api.login('agent4', 'agent123!');
    expect((await api.call('POST', '/api/auth/logout', { body: { refreshToken: pair.refreshToken } })).status).toBe(204);
    expect((await api.call('POST', '/api/auth/refresh', { body: { refreshToken: pair.refreshToken } })).status).toBe(401);
  });

  it('throttles repeated failed logins per user, even with the right password, and tells when to retry', async () => {
    const from = { 'x-forwarded-for': '198.51.100.7' };
    for (let i = 0; i < 5; i++) {
      const answer = await api.call('POST', '/api/auth/login', { body: { username: 'agent4', password: `bad${i}` }, headers: from });
      expect(answer.status).toBe(401);
    }
    const locked = await api.call('POST', '/api/auth/login', {
      body: { username: 'agent4', password: 'agent123!' },
      headers: { 'x-forwarded-for': '198.51.100.8' },
    });
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe(ErrorCode.LoginThrottled);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('throttles one address trying many usernames, but not other addresses', async () => {
    const from = { 'x-forwarded-for': '203.0.113.9' };
    for (let i = 0; i < 20; i++) {
      await api.call('POST', '/api/auth/login', { body: { username: `spray${i}`, password: 'x' }, headers: from });
    }
    const blocked = await api.call('POST', '/api/auth/login', { body: { username: 'supervisor', password: 'super123!' }, headers: from });
    expect(blocked.status).toBe(429);
    await api.login('supervisor', 'super123!', { 'x-forwarded-for': '203.0.113.10' });
  });

  it('writes the audit log, and the database refuses to change it', async () => {
    const entries = await server.database.prisma.auditEntry.findMany({ where: { action: 'users/create' } });
    expect(entries.length).toBeGreaterThan(0);
    await expect(server.database.pool.query('UPDATE audit_entries SET action = $1', ['tampered'])).rejects.toThrow(/append-only/);
    await expect(server.database.pool.query('DELETE FROM audit_entries')).rejects.toThrow(/append-only/);
  });

  it('serves Prometheus metrics and an OpenAPI document of every contract route', async () => {
    const metrics = await fetch(`${server.url}/metrics`);
    const text = await metrics.text();
    expect(metrics.headers.get('content-type')).toMatch(/text\/plain/);
    expect(text).toMatch(/ccx_login_attempts_total\{result="ok"\} [1-9]/);
    expect(text).toMatch(/ccx_http_request_duration_seconds_count\{method="GET",route="\/api\/users",status="403"\}/);

    const doc = await api.call('GET', '/api/docs/openapi.json');
    expect(doc.body.openapi).toBe('3.1.0');
    for (const route of Object.values(apiRoutes) as RouteContract[]) {
      expect(doc.body.paths[route.path.replace(/:([A-Za-z]+)/g, '{$1}')]?.[route.method]).toBeDefined();
    }
    expect(doc.body.paths['/api/auth/login'].post.requestBody.content['application/json'].schema.required).toEqual(['username', 'password']);
    const page = await fetch(`${server.url}/api/docs`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('swagger-ui');
    expect((await fetch(`${server.url}/api/docs/assets/swagger-ui-bundle.js`)).status).toBe(200);
  });

  it('carries a request id back to the client', async () => {
    const answer = await api.call('GET', '/api/health', { headers: { 'x-request-id': 'trace-123' } });
    expect(answer.headers.get('x-request-id')).toBe('trace-123');
  });
});
