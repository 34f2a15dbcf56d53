import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLiveStore, type LiveSocket, type LiveStoreDeps } from './live.store';

type Handler = (...args: unknown[]) => void;

/** Just enough of a socket.io-client Socket: specs play the server by calling `serverSays`. */
class FakeSocket {
  handlers = new Map<string, Handler[]>();
  emitted: Array<{ event: string; payload: unknown; ack: Handler }> = [];
  connected = false;
  active = true;
  connectCalls = 0;
  disconnected = false;
  constructor(readonly auth: (cb: (data: { token: string }) => void) => void) {}

  on(event: string, handler: Handler) {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
    return this;
  }
  emit(event: string, payload: unknown, ack: Handler) {
    this.emitted.push({ event, payload, ack });
    return this;
  }
  connect() {
    this.connectCalls += 1;
    this.active = true;
    return this;
  }
  disconnect() {
    this.disconnected = true;
    this.connected = false;
    this.active = false;
    return this;
  }
  removeAllListeners() {
    this.handlers.clear();
    return this;
  }
  serverSays(event: string, ...args: unknown[]) {
    if (event === 'connect') this.connected = true;
    if (event === 'disconnect') this.connected = false;
    this.handlers.get(event)?.forEach((handler) => handler(...args));
  }
  /** The token the socket would send in its next handshake. */
  handshakeToken(): Promise<string> {
    return new Promise((resolve) => this.auth((data) => resolve(data.token)));
  }
  heartbeats() {
    return this.emitted.filter((e) => e.event === 'presence:heartbeat');
  }
}

function setup(overrides: Partial<LiveStoreDeps> = {}) {
  const sockets: FakeSocket[] = [];
  let token = 'access-1';
  let visible = true;
  let visibilityListener: (() => void) | null = null;
  const deps: LiveStoreDeps = {
    createSocket: (auth) => {
      const socket = new FakeSocket(auth);
      sockets.push(socket);
      return socket as unknown as LiveSocket;
    },
    getAccessToken: vi.fn(async () => token),
    refresh: vi.fn(async () => {
      token = 'access-2';
      return token;
    }),
    onRevoked: vi.fn(),
    tabId: 'tab-1',
    isVisible: () => visible,
    onVisibilityChange: (listener) => {
      visibilityListener = listener;
      return () => {
        visibilityListener = null;
      };
    },
    ...overrides,
  };
  const sut = createLiveStore(deps);
  return {
    sut,
    deps,
    sockets,
    socket: () => sockets[sockets.length - 1] as FakeSocket,
    setVisible(value: boolean) {
      visible = value;
      visibilityListener?.();
    },
    hasVisibilityListener: () => visibilityListener !== null,
  };
}

const user = { id: 'u1', username: 'supervisor', displayName: 'Sam Supervisor', role: 'supervisor', agentId: null };

describe(createLiveStore.name, () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(1_000_000);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('connects with the access token in the handshake and reports connecting → connected', async () => {
    const { sut, socket } = setup();
    sut.getState().connect();
    expect(sut.getState().status).toBe('connecting');
    expect(await socket().handshakeToken()).toBe('access-1');
    socket().serverSays('connect');
    expect(sut.getState().status).toBe('connected');
  });

  it('opens one socket however often connect() is called', () => {
    const { sut, sockets } = setup();
    sut.getState().connect();
    sut.getState().connect();
    expect(sockets).toHaveLength(1);
  });

  it('sends a heartbeat with the tab id and visibility at once and then every 5 s', async () => {
    const { sut, socket, setVisible } = setup();
    sut.getState().connect();
    socket().serverSays('connect');
    expect(socket().heartbeats()).toHaveLength(1);
    expect(socket().heartbeats()[0]?.payload).toEqual({ tabId: 'tab-1', sentAt: 1_000_000, visible: true });
    await vi.advanceTimersByTimeAsync(4_999);
    expect(socket().heartbeats()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(socket().heartbeats()).toHaveLength(2);
    setVisible(false);
    expect(socket().heartbeats()).toHaveLength(3);
    expect(socket().heartbeats()[2]?.payload).toMatchObject({ visible: false });
  });

  it('records the server time from heartbeat acks and from session:ready', () => {
    const { sut, socket } = setup();
    sut.getState().connect();
    socket().serverSays('connect');
    socket().serverSays('session:ready', { user, rooms: ['role:supervisor', 'user:u1'], serverTime: 123 });
    expect(sut.getState().sessionUser?.displayName).toBe('Sam Supervisor');
    expect(sut.getState().serverTime).toBe(123);
    socket().heartbeats()[0]?.ack({ ok: true, data: { serverTime: 456 } });
    expect(sut.getState().serverTime).toBe(456);
  });

  it('stops heartbeats while disconnected', async () => {
    const { sut, socket } = setup();
    sut.getState().connect();
    socket().serverSays('connect');
    socket().serverSays('disconnect', 'transport close');
    expect(sut.getState().status).toBe('connecting'); // socket.io retries by itself
    await vi.advanceTimersByTimeAsync(20_000);
    expect(socket().heartbeats()).toHaveLength(1);
  });

  it('stores presence snapshots and ignores malformed ones', () => {
    const { sut, socket } = setup();
    sut.getState().connect();
    socket().serverSays('connect');
    expect(sut.getState().online).toBeNull();
    const online = [{ userId: 'u1', username: 'supervisor', role: 'supervisor', tabs: 1, lastSeenAt: 1 }];
    socket().serverSays('presence:snapshot', { online });
    expect(sut.getState().online).toEqual(online);
    socket().serverSays('presence:snapshot', { online: 'nobody' });
    expect(sut.getState().online).toEqual(online);
  });

  it('on an auth connect error refreshes the token and connects again with the new one', async () => {
    const { sut, socket, deps } = setup();
    sut.getState().connect();
    socket().active = false; // a middleware refusal is not retried by socket.io
    socket().serverSays('connect_error', new Error('auth/unauthenticated'));
    await vi.advanceTimersByTimeAsync(0);
    expect(deps.refresh).toHaveBeenCalledTimes(1);
    expect(socket().connectCalls).toBe(1);
    expect(await socket().handshakeToken()).toBe('access-2');
    socket().serverSays('connect');
    expect(sut.getState().status).toBe('connected');
  });

  it('gives up when the refresh says the session is over', async () => {
    const { sut, socket } = setup({ refresh: vi.fn(async () => null) });
    sut.getState().connect();
    const first = socket();
    first.serverSays('connect_error', new Error('auth/unauthenticated'));
    await vi.advanceTimersByTimeAsync(0);
    expect(first.disconnected).toBe(true);
    expect(first.connectCalls).toBe(0);
    expect(sut.getState().status).toBe('disconnected');
  });

  it('stops after repeated auth refusals instead of looping', async () => {
    const { sut, socket, deps } = setup({ maxAuthRetries: 2 });
    sut.getState().connect();
    for (let i = 0; i < 3; i += 1) {
      socket().serverSays('connect_error', new Error('auth/unauthenticated'));
      await vi.advanceTimersByTimeAsync(0);
    }
    expect(deps.refresh).toHaveBeenCalledTimes(2);
    expect(sut.getState().status).toBe('disconnected');
    expect(sut.getState().problem).toMatch(/log in again/i);
  });

  it('treats other connect errors as transient while socket.io retries', () => {
    const { sut, socket, deps } = setup();
    sut.getState().connect();
    socket().serverSays('connect_error', new Error('xhr poll error'));
    expect(sut.getState().status).toBe('connecting');
    expect(deps.refresh).not.toHaveBeenCalled();
  });

  it('on session:revoked closes the channel and reports the reason', () => {
    const { sut, socket, deps } = setup();
    sut.getState().connect();
    socket().serverSays('connect');
    const revoked = socket();
    revoked.serverSays('session:revoked', { reason: 'deactivated' });
    expect(deps.onRevoked).toHaveBeenCalledWith('deactivated');
    expect(revoked.disconnected).toBe(true);
    expect(sut.getState().status).toBe('disconnected');
  });

  it('disconnect() closes the socket, stops heartbeats and forgets pushed data', async () => {
    const { sut, socket, hasVisibilityListener } = setup();
    sut.getState().connect();
    socket().serverSays('connect');
    socket().serverSays('presence:snapshot', { online: [] });
    sut.getState().disconnect();
    expect(socket().disconnected).toBe(true);
    expect(hasVisibilityListener()).toBe(false);
    expect(sut.getState()).toMatchObject({ status: 'disconnected', online: null, sessionUser: null });
    await vi.advanceTimersByTimeAsync(20_000);
    expect(socket().heartbeats()).toHaveLength(1);
  });
});
