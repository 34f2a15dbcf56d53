import {
  AcdErrorCode,
  type Ack,
  type AgentStateView,
  type ClientToServerEvents,
  ErrorCode,
  type HeartbeatAck,
  type PresenceSnapshot,
  type ServerToClientEvents,
  type SessionReady,
  type User,
  type WallboardSnapshot,
} from '@ccx/contracts';
import { io, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, availableBackends, bootServer, type TestServer } from './harness.js';

type LiveClient = Socket<ServerToClientEvents, ClientToServerEvents>;
const backends = await availableBackends();

describe.each(backends)('live channel on %s', (backend) => {
  let server: TestServer;
  let api: ReturnType<typeof apiClient>;
  const open: LiveClient[] = [];

  beforeAll(async () => {
    server = await bootServer(backend);
    api = apiClient(server.url);
  });
  afterEach(() => {
    for (const socket of open.splice(0)) socket.disconnect();
  });
  afterAll(() => server?.destroy());

  function connect(token?: string): LiveClient {
    const socket: LiveClient = io(server.url, { auth: token ? { token } : {}, transports: ['websocket'], reconnection: false, forceNew: true });
    open.push(socket);
    return socket;
  }

  const nextEvent = <T>(socket: LiveClient, event: keyof ServerToClientEvents | 'connect_error' | 'disconnect', predicate: (payload: T) => boolean = () => true) =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${event} within 5 s`)), 5000);
      const listener = (payload: T) => {
        if (!predicate(payload)) return;
        clearTimeout(timer);
        (socket as unknown as { off: (e: string, l: unknown) => void }).off(event, listener);
        resolve(payload);
      };
      (socket as unknown as { on: (e: string, l: unknown) => void }).on(event, listener);
    });

  it('refuses a connection without a token or with a bad one', async () => {
    expect((await nextEvent<Error>(connect(), 'connect_error')).message).toBe(ErrorCode.Unauthenticated);
    expect((await nextEvent<Error>(connect('forged.token.here'), 'connect_error')).message).toBe(ErrorCode.Unauthenticated);
  });

  it('puts an agent in the rooms of their role, user and agent profile', async () => {
    const pair = await api.login('agent1', 'agent123!');
    const ready = await nextEvent<SessionReady>(connect(pair.accessToken), 'session:ready');
    expect(ready.user.username).toBe('agent1');
    expect(ready.rooms.sort()).toEqual([`agent:${pair.user.agentId}`, 'role:agent', `user:${pair.user.id}`].sort());
  });

  it('acknowledges a valid event and refuses an invalid or unknown one with the problem named', async () => {
    const pair = await api.login('agent1', 'agent123!');
    const socket = connect(pair.accessToken);
    await nextEvent(socket, 'session:ready');

    const good = await socket.emitWithAck('presence:heartbeat', { tabId: 'tab-1', sentAt: Date.now(), visible: true });
    expect(good).toMatchObject({ ok: true, data: { serverTime: expect.any(Number) } });

    const bad = (await socket.emitWithAck('presence:heartbeat', { tabId: '', sentAt: -5 } as never)) as Ack<HeartbeatAck>;
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.error.code).toBe(ErrorCode.Validation);
    expect(bad.error.issues?.map((i) => i.path).sort()).toEqual(['sentAt', 'tabId', 'visible']);

    const unknown = (await (socket as unknown as Socket).emitWithAck('calls:steal', { id: 1 })) as Ack<unknown>;
    expect(unknown).toMatchObject({ ok: false, error: { code: ErrorCode.UnknownEvent } });
    // The socket is still usable after refusals.
    expect((await socket.emitWithAck('presence:heartbeat', { tabId: 'tab-1', sentAt: 1, visible: false })).ok).toBe(true);
  });

  it('shows supervisors who is online, live', async () => {
    const sup = await api.login('supervisor', 'super123!');
    const supervisorSocket = connect(sup.accessToken);
    await nextEvent(supervisorSocket, 'session:ready');
    const agent = await api.login('agent2', 'agent123!');
    const withAgent = nextEvent<PresenceSnapshot>(supervisorSocket, 'presence:snapshot', (s) => s.online.some((o) => o.username === 'agent2'));
    const agentSocket = connect(agent.accessToken);
    expect((await withAgent).online.map((o) => o.username)).toEqual(expect.arrayContaining(['agent2', 'supervisor']));
    const withoutAgent = nextEvent<PresenceSnapshot>(supervisorSocket, 'presence:snapshot', (s) => !s.online.some((o) => o.username === 'agent2'));
    agentSocket.disconnect();
    await withoutAgent;
  });

  it('does not send agents the supervisors’ presence feed', async () => {
    const agent = await api.login('agent3', 'agent123!');
    const socket = connect(agent.accessToken);
    let snapshots = 0;
    socket.on('presence:snapshot', () => snapshots++);
    await nextEvent(socket, 'session:ready');
    const sup = await api.login('supervisor', 'super123!');
    const supSocket = connect(sup.accessToken);
    await nextEvent(supSocket, 'presence:snapshot');
    expect(snapshots).toBe(0);
  });

  it("gives an agent their state at connect, sets it on request, and refuses a bad one with the ACD's code", async () => {
    const pair = await api.login('agent4', 'agent123!');
    const socket = connect(pair.accessToken);
    // No softphone is registered: the agent may be Available, but offers cannot reach them.
    expect(await nextEvent<AgentStateView>(socket, 'agent:state')).toMatchObject({
      agentId: pair.user.agentId,
      state: 'offline',
      reachable: false,
      unreachable: 'no-registration',
    });

    const unknownReason = await socket.emitWithAck('agent:setState', { state: 'not-ready', reasonId: 'nap' });
    expect(unknownReason).toMatchObject({ ok: false, error: { code: AcdErrorCode.UnknownNotReadyReason } });
    const malformed = (await socket.emitWithAck('agent:setState', { state: 'busy' } as never)) as Ack<AgentStateView>;
    expect(malformed).toMatchObject({ ok: false, error: { code: ErrorCode.Validation } });

    const lunch = await socket.emitWithAck('agent:setState', { state: 'not-ready', reasonId: 'lunch' });
    expect(lunch).toMatchObject({ ok: true, data: { state: 'not-ready', reasonId: 'lunch' } });
    expect(await socket.emitWithAck('agent:setState', { state: 'available' })).toMatchObject({ ok: true, data: { state: 'available', reachable: false } });
    expect(await socket.emitWithAck('agent:setState', { state: 'offline' })).toMatchObject({ ok: true, data: { state: 'offline' } });
    // Stored in the background, in order.
    const moves = async () =>
      (await server.database.prisma.agentStateEvent.findMany({ where: { agentId: pair.user.agentId! }, orderBy: { id: 'asc' } })).map((m) => `${m.fromState}→${m.toState}`);
    await expect.poll(moves, { timeout: 3000 }).toEqual(['offline→not-ready', 'not-ready→available', 'available→offline']);

    const sup = await api.login('supervisor', 'super123!');
    const supSocket = connect(sup.accessToken);
    const board = await nextEvent<WallboardSnapshot>(supSocket, 'wallboard:snapshot');
    expect(board.agents.find((a) => a.agentId === pair.user.agentId)).toMatchObject({ state: 'offline', activity: null });
    expect(board.figures.totals).toMatchObject({ waiting: 0 });
    const notAnAgent = await supSocket.emitWithAck('agent:setState', { state: 'available' });
    expect(notAnAgent).toMatchObject({ ok: false, error: { code: ErrorCode.Forbidden } });
  });

  it('ends the live session of a user the admin deactivates', async () => {
    const admin = await api.login('admin', 'admin123!');
    const created = await api.call<User>('POST', '/api/users', {
      token: admin.accessToken,
      body: { username: `live.${backend}`, displayName: 'Live', role: 'agent', password: 'live-password' },
    });
    const pair = await api.login(`live.${backend}`, 'live-password');
    const socket = connect(pair.accessToken);
    await nextEvent(socket, 'session:ready');
    const revoked = nextEvent<{ reason: string }>(socket, 'session:revoked');
    const disconnected = nextEvent(socket, 'disconnect');
    await api.call('PATCH', `/api/users/${created.body.id}`, { token: admin.accessToken, body: { active: false } });
    expect(await revoked).toEqual({ reason: 'deactivated' });
    await disconnected;
    expect((await nextEvent<Error>(connect(pair.accessToken), 'connect_error')).message).toBe(ErrorCode.Unauthenticated);
  });
});
