import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApiFetch } from '../api/api-fetch';
import { ApiRequestError, NetworkError } from '../api/http';
import { createFakeServer, memoryStorage, tokenPair } from '../test/fake-server';
import { createAuthStore, SESSION_EXPIRED_NOTICE } from './auth.store';
import { RoleNotAllowedError } from './login-errors';

const KEY = 'test.session';

function setup(storage = memoryStorage()) {
  const server = createFakeServer();
  const sut = createAuthStore({
    storageKey: KEY,
    storage,
    allowedRoles: ['agent'],
    wrongRoleMessage: (role) => `No ${role}s here.`,
    fetchImpl: server.fetchImpl,
  });
  return { sut, server, storage };
}

async function loggedIn() {
  const ctx = setup();
  ctx.server.answer('/api/auth/login', { status: 200, body: tokenPair(1) });
  await ctx.sut.getState().login({ username: 'agent1', password: 'agent123!' });
  return ctx;
}

describe(createAuthStore.name, () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2030-01-01T00:00:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('logs in, keeps the pair in sessionStorage and is authenticated', async () => {
    const { sut, storage, server } = await loggedIn();
    expect(sut.getState().status).toBe('authenticated');
    expect(sut.getState().session?.pair.user.displayName).toBe('Alice Agent');
    expect(JSON.parse(storage.data.get(KEY) ?? '{}').pair.refreshToken).toBe('refresh-1');
    expect(server.callsTo('/api/auth/login')[0]?.body).toEqual({ username: 'agent1', password: 'agent123!' });
  });

  it('restores the session from storage after a reload', async () => {
    const { storage } = await loggedIn();
    const { sut } = setup(storage);
    expect(sut.getState().status).toBe('authenticated');
    expect(await sut.getState().getAccessToken()).toBe('access-1');
  });

  it('drops a malformed stored session', () => {
    const storage = memoryStorage();
    storage.setItem(KEY, JSON.stringify({ pair: { accessToken: 1 }, expiresAt: 'soon' }));
    const { sut } = setup(storage);
    expect(sut.getState().status).toBe('anonymous');
    expect(storage.data.has(KEY)).toBe(false);
  });

  it('leaves the store anonymous and rethrows on wrong credentials', async () => {
    const { sut, server } = setup();
    server.answer('/api/auth/login', { status: 401, body: { code: 'auth/login-failed', message: 'no' } });
    await expect(sut.getState().login({ username: 'agent1', password: 'bad' })).rejects.toBeInstanceOf(ApiRequestError);
    expect(sut.getState().status).toBe('anonymous');
  });

  it('refuses a role the app does not accept and revokes the fresh refresh token', async () => {
    const { sut, server, storage } = setup();
    server.answer('/api/auth/login', { status: 200, body: tokenPair(1, { user: { ...tokenPair(1).user, role: 'supervisor' } }) });
    server.answer('/api/auth/logout', { status: 204 });
    const error = await sut.getState().login({ username: 'supervisor', password: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RoleNotAllowedError);
    expect((error as Error).message).toBe('No supervisors here.');
    expect(sut.getState().status).toBe('anonymous');
    expect(storage.data.has(KEY)).toBe(false);
    expect(server.callsTo('/api/auth/logout')[0]?.body).toEqual({ refreshToken: 'refresh-1' });
  });

  it('logs out a restored session of the wrong role, with a notice', () => {
    const storage = memoryStorage();
    const server = createFakeServer();
    server.answer('/api/auth/logout', { status: 204 });
    storage.setItem(
      KEY,
      JSON.stringify({ pair: tokenPair(1, { user: { ...tokenPair(1).user, role: 'admin' } }), expiresAt: Date.now() + 60_000, lifetimeMs: 900_000 }),
    );
    const sut = createAuthStore({ storageKey: KEY, storage, allowedRoles: ['agent'], wrongRoleMessage: () => 'Agents only.', fetchImpl: server.fetchImpl });
    expect(sut.getState().status).toBe('anonymous');
    expect(sut.getState().notice).toBe('Agents only.');
    expect(storage.data.has(KEY)).toBe(false);
  });

  it('refreshes one minute before a 15-minute token expires, not earlier', async () => {
    const { sut, server } = await loggedIn();
    server.answer('/api/auth/refresh', { status: 200, body: tokenPair(2) });
    await vi.advanceTimersByTimeAsync(839_000);
    expect(server.callsTo('/api/auth/refresh')).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(server.callsTo('/api/auth/refresh')).toHaveLength(1);
    expect(server.callsTo('/api/auth/refresh')[0]?.body).toEqual({ refreshToken: 'refresh-1' });
    expect(sut.getState().session?.pair.accessToken).toBe('access-2');
  });

  it('keeps refreshing on schedule with the rotated refresh token', async () => {
    const { server } = await loggedIn();
    server.answer('/api/auth/refresh', { status: 200, body: tokenPair(2) }, { status: 200, body: tokenPair(3) });
    await vi.advanceTimersByTimeAsync(840_000 * 2);
    expect(server.callsTo('/api/auth/refresh').map((c) => c.body)).toEqual([{ refreshToken: 'refresh-1' }, { refreshToken: 'refresh-2' }]);
  });

  it('runs a single refresh for concurrent callers (refresh tokens are single use)', async () => {
    const { sut, server } = await loggedIn();
    server.answer('/api/auth/refresh', { status: 200, body: tokenPair(2) });
    server.holdNextRequest();
    const results = Promise.all([sut.getState().refresh(), sut.getState().refresh(), sut.getState().refresh()]);
    await vi.advanceTimersByTimeAsync(0);
    server.release();
    expect(await results).toEqual(['access-2', 'access-2', 'access-2']);
    expect(server.callsTo('/api/auth/refresh')).toHaveLength(1);
  });

  it('logs out with a notice when the server refuses the refresh token', async () => {
    const { sut, server, storage } = await loggedIn();
    server.answer('/api/auth/refresh', { status: 401, body: { code: 'auth/refresh-invalid', message: 'used' } });
    expect(await sut.getState().refresh()).toBeNull();
    expect(sut.getState().status).toBe('anonymous');
    expect(sut.getState().notice).toBe(SESSION_EXPIRED_NOTICE);
    expect(storage.data.has(KEY)).toBe(false);
  });

  it('keeps the session and retries later when the refresh hits a network error', async () => {
    const { sut, server } = await loggedIn();
    server.answer('/api/auth/refresh', 'network-error', { status: 200, body: tokenPair(2) });
    await expect(sut.getState().refresh()).rejects.toBeInstanceOf(NetworkError);
    expect(sut.getState().status).toBe('authenticated');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sut.getState().session?.pair.accessToken).toBe('access-2');
  });

  it('ignores a refresh that completes after logout', async () => {
    const { sut, server } = await loggedIn();
    server.answer('/api/auth/refresh', { status: 200, body: tokenPair(2) });
    server.answer('/api/auth/logout', { status: 204 });
    server.holdNextRequest();
    const pending = sut.getState().refresh();
    await vi.advanceTimersByTimeAsync(0);
    await sut.getState().logout();
    server.release();
    expect(await pending).toBeNull();
    expect(sut.getState().status).toBe('anonymous');
    expect(sut.getState().session).toBeNull();
  });

  it('logout clears the session, stops the refresh timer and revokes the refresh token', async () => {
    const { sut, server, storage } = await loggedIn();
    server.answer('/api/auth/logout', { status: 204 });
    await sut.getState().logout();
    expect(sut.getState().status).toBe('anonymous');
    expect(storage.data.has(KEY)).toBe(false);
    expect(server.callsTo('/api/auth/logout')[0]?.body).toEqual({ refreshToken: 'refresh-1' });
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(server.callsTo('/api/auth/refresh')).toHaveLength(0);
  });

  it('getAccessToken refreshes first when the token is about to expire (e.g. after sleep)', async () => {
    const { sut, server } = await loggedIn();
    server.answer('/api/auth/refresh', { status: 200, body: tokenPair(2) });
    vi.setSystemTime(Date.now() + 899_000); // the clock jumped; the timer had no chance to fire
    expect(await sut.getState().getAccessToken()).toBe('access-2');
  });
});

describe(createApiFetch.name, () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('adds the bearer token', async () => {
    const { sut, server } = await loggedIn();
    server.answer('/api/auth/me', { status: 200, body: tokenPair(1).user });
    const apiFetch = createApiFetch(sut, server.fetchImpl);
    await apiFetch('/api/auth/me');
    expect(server.callsTo('/api/auth/me')[0]?.headers.authorization).toBe('Bearer access-1');
  });

  it('on a 401 refreshes once and retries with the new token', async () => {
    const { sut, server } = await loggedIn();
    server.answer('/api/auth/me', { status: 401, body: { code: 'auth/unauthenticated', message: 'expired' } }, { status: 200, body: tokenPair(1).user });
    server.answer('/api/auth/refresh', { status: 200, body: tokenPair(2) });
    const apiFetch = createApiFetch(sut, server.fetchImpl);
    const me = await apiFetch<{ displayName: string }>('/api/auth/me');
    expect(me.displayName).toBe('Alice Agent');
    expect(server.callsTo('/api/auth/me').map((c) => c.headers.authorization)).toEqual(['Bearer access-1', 'Bearer access-2']);
  });

  it('gives up with the ApiRequestError when the refresh is refused', async () => {
    const { sut, server } = await loggedIn();
    server.answer('/api/auth/me', { status: 401, body: { code: 'auth/unauthenticated', message: 'expired' } });
    server.answer('/api/auth/refresh', { status: 401, body: { code: 'auth/refresh-invalid', message: 'used' } });
    const apiFetch = createApiFetch(sut, server.fetchImpl);
    await expect(apiFetch('/api/auth/me')).rejects.toMatchObject({ status: 401 });
    expect(sut.getState().status).toBe('anonymous');
  });

  it('fails fast when nobody is logged in', async () => {
    const { sut, server } = setup();
    const apiFetch = createApiFetch(sut, server.fetchImpl);
    await expect(apiFetch('/api/auth/me')).rejects.toMatchObject({ status: 401, code: 'auth/unauthenticated' });
    expect(server.calls).toHaveLength(0);
  });
});
