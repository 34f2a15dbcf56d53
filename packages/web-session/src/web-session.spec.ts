import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeServer, memoryStorage, tokenPair } from './test/fake-server';
import { createWebSession } from './web-session';

const sockets = vi.hoisted(() => [] as Array<{ disconnect: () => void; handlers: Map<string, (arg: unknown) => void> }>);

vi.mock('socket.io-client', () => ({
  io: () => {
    const handlers = new Map<string, (arg: unknown) => void>();
    const socket = {
      handlers,
      connected: false,
      active: true,
      on: (event: string, handler: (arg: unknown) => void) => handlers.set(event, handler),
      emit: vi.fn(),
      connect: vi.fn(),
      disconnect: vi.fn(),
      removeAllListeners: () => handlers.clear(),
    };
    sockets.push(socket);
    return socket;
  },
}));

function setup() {
  const server = createFakeServer();
  server.answer('/api/auth/login', { status: 200, body: tokenPair(1) });
  server.answer('/api/auth/logout', { status: 204 });
  const sut = createWebSession({
    appName: 'Agent workspace',
    storageKey: 'k',
    storage: memoryStorage(),
    allowedRoles: ['agent'],
    wrongRoleMessage: () => 'no',
    fetchImpl: server.fetchImpl,
  });
  return { sut, server };
}

describe(createWebSession.name, () => {
  beforeEach(() => {
    sockets.length = 0;
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it('closes the live channel when the user logs out', async () => {
    const { sut } = setup();
    await sut.auth.getState().login({ username: 'agent1', password: 'agent123!' });
    sut.live.getState().connect();
    expect(sockets).toHaveLength(1);
    await sut.auth.getState().logout();
    expect(sockets[0]?.disconnect).toHaveBeenCalled();
    expect(sut.live.getState().status).toBe('disconnected');
  });

  it('logs out with an explanation when the server revokes the session', async () => {
    const { sut, server } = setup();
    await sut.auth.getState().login({ username: 'agent1', password: 'agent123!' });
    sut.live.getState().connect();
    sockets[0]?.handlers.get('session:revoked')?.({ reason: 'password-changed' });
    await vi.advanceTimersByTimeAsync(0);
    expect(sut.auth.getState().status).toBe('anonymous');
    expect(sut.auth.getState().notice).toMatch(/password has been changed/);
    expect(server.callsTo('/api/auth/logout')).toHaveLength(1);
  });
});
