/**
 * Owns the tab's live channel: one Socket.IO connection authenticated with the access token,
 * its status, and what the server pushed on it (session, presence).
 *
 *   disconnected ──connect()──▶ connecting ──'connect'──▶ connected
 *        ▲                        ▲    │                     │
 *        │                        │    └─ auth error: refresh token, connect again
 *        │                        └──── transport lost (socket.io retries by itself)
 *        └──── disconnect() / logout / session:revoked / refresh refused
 *
 * While connected it sends `presence:heartbeat` every 5 s (and at once when the tab's
 * visibility changes) with this tab's id.
 */
import {
  type ClientToServerEvents,
  ErrorCode,
  type PresenceSnapshot,
  PresenceSnapshotSchema,
  type ServerToClientEvents,
  type SessionReady,
  SessionReadySchema,
  type SessionRevoked,
  SessionRevokedSchema,
} from '@ccx/contracts';
import type { Socket } from 'socket.io-client';
import { createStore, type StoreApi } from 'zustand/vanilla';

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type LiveStatus = 'connecting' | 'connected' | 'disconnected';
export type OnlineUser = PresenceSnapshot['online'][number];

export interface LiveState {
  status: LiveStatus;
  /** Last server clock seen (session:ready or a heartbeat ack), and when we saw it. */
  serverTime: number | null;
  serverTimeSeenAt: number | null;
  /** The user as the live channel knows them, from `session:ready`. */
  sessionUser: SessionReady['user'] | null;
  rooms: string[];
  /** Who is online; null until the server sent a snapshot (only supervisors and admins get one). */
  online: OnlineUser[] | null;
  /** Why the channel is not connected, in words for the user. */
  problem: string | null;
  /**
   * The socket while the channel is open (also while it reconnects), so features can listen
   * to their own events and emit with acks. A new socket replaces it after a logout/login.
   */
  socket: LiveSocket | null;
  connect(): void;
  disconnect(): void;
}

export type LiveStore = StoreApi<LiveState>;

export interface LiveStoreDeps {
  /** Opens (and starts connecting) a socket whose handshake asks `auth` for the token. */
  createSocket(auth: (cb: (data: { token: string }) => void) => void): LiveSocket;
  getAccessToken(): Promise<string | null>;
  /** Resolves to a new access token, or null when the session is over. */
  refresh(): Promise<string | null>;
  onRevoked(reason: SessionRevoked['reason']): void;
  tabId: string;
  isVisible(): boolean;
  /** Subscribes to visibility changes; returns the unsubscribe. */
  onVisibilityChange(listener: () => void): () => void;
  heartbeatIntervalMs?: number;
  now?: () => number;
  /** Auth failures in a row after which we stop retrying (the session is then treated as over). */
  maxAuthRetries?: number;
}

export const HEARTBEAT_INTERVAL_MS = 5_000;

const idle = {
  status: 'disconnected' as LiveStatus,
  serverTime: null,
  serverTimeSeenAt: null,
  sessionUser: null,
  rooms: [],
  online: null,
  problem: null,
  socket: null,
};

export function createLiveStore(deps: LiveStoreDeps): LiveStore {
  const now = deps.now ?? Date.now;
  const heartbeatMs = deps.heartbeatIntervalMs ?? HEARTBEAT_INTERVAL_MS;
  const maxAuthRetries = deps.maxAuthRetries ?? 3;
  let socket: LiveSocket | null = null;
  let heartbeat: ReturnType<typeof setInterval> | null = null;
  let stopVisibility: (() => void) | null = null;
  let authFailures = 0;

  return createStore<LiveState>()((set) => {
    function sendHeartbeat(): void {
      const current = socket;
      if (!current?.connected) return;
      current.emit('presence:heartbeat', { tabId: deps.tabId, sentAt: now(), visible: deps.isVisible() }, (reply) => {
        if (socket !== current) return;
        if (reply.ok) set({ serverTime: reply.data.serverTime, serverTimeSeenAt: now() });
        else set({ problem: `The server refused the heartbeat: ${reply.error.message}` });
      });
    }

    function stopHeartbeat(): void {
      if (heartbeat !== null) clearInterval(heartbeat);
      heartbeat = null;
    }

    function teardown(): void {
      stopHeartbeat();
      stopVisibility?.();
      stopVisibility = null;
      const old = socket;
      socket = null;
      if (old) {
        old.removeAllListeners();
        old.disconnect();
      }
    }

    /** The token was refused: get a new one and dial again, or give up if the session is over. */
    async function recoverAuth(current: LiveSocket): Promise<void> {
      authFailures += 1;
      if (authFailures > maxAuthRetries) {
        teardown();
        set({ ...idle, problem: 'The server keeps refusing this session. Log out and log in again.' });
        return;
      }
      let token: string | null;
      try {
        token = await deps.refresh();
      } catch {
        token = null;
        if (socket === current) {
          set({ status: 'disconnected', problem: 'Cannot reach the server to renew the session; retrying.' });
          setTimeout(() => {
            if (socket === current) void recoverAuth(current);
          }, 5_000);
        }
        return;
      }
      if (socket !== current) return;
      if (!token) {
        teardown();
        set({ ...idle, problem: 'The session has ended.' });
        return;
      }
      set({ status: 'connecting' });
      current.connect();
    }

    function wire(current: LiveSocket): void {
      current.on('connect', () => {
        authFailures = 0;
        set({ status: 'connected', problem: null });
        stopHeartbeat();
        sendHeartbeat();
        heartbeat = setInterval(sendHeartbeat, heartbeatMs);
      });
      current.on('disconnect', (reason) => {
        stopHeartbeat();
        if (socket !== current) return;
        // 'io server disconnect' and 'io client disconnect' are not retried by socket.io.
        if (current.active) {
          set({ status: 'connecting', problem: 'Connection lost; reconnecting…' });
        } else if (reason === 'io server disconnect') {
          set({ status: 'connecting', problem: 'The server closed the connection; reconnecting…' });
          void recoverAuth(current);
        } else {
          set({ status: 'disconnected' });
        }
      });
      current.on('connect_error', (error) => {
        if (socket !== current) return;
        if (error.message === ErrorCode.Unauthenticated) {
          set({ status: 'connecting', problem: 'Renewing the session…' });
          void recoverAuth(current);
        } else if (current.active) {
          set({ status: 'connecting', problem: 'Cannot reach the server; retrying…' });
        } else {
          set({ status: 'disconnected', problem: `The server refused the connection: ${error.message}` });
        }
      });
      current.on('session:ready', (payload) => {
        const parsed = SessionReadySchema.safeParse(payload);
        if (!parsed.success) return;
        set({
          sessionUser: parsed.data.user,
          rooms: parsed.data.rooms,
          serverTime: parsed.data.serverTime,
          serverTimeSeenAt: now(),
        });
      });
      current.on('presence:snapshot', (payload) => {
        const parsed = PresenceSnapshotSchema.safeParse(payload);
        if (parsed.success) set({ online: parsed.data.online });
      });
      current.on('session:revoked', (payload) => {
        const parsed = SessionRevokedSchema.safeParse(payload);
        teardown();
        set({ ...idle });
        deps.onRevoked(parsed.success ? parsed.data.reason : 'deactivated');
      });
    }

    return {
      ...idle,
      connect() {
        if (socket) return;
        authFailures = 0;
        set({ ...idle, status: 'connecting' });
        const current = deps.createSocket((cb) => {
          deps.getAccessToken().then(
            (token) => cb({ token: token ?? '' }),
            () => cb({ token: '' }),
          );
        });
        socket = current;
        wire(current);
        set({ socket: current });
        stopVisibility = deps.onVisibilityChange(sendHeartbeat);
      },
      disconnect() {
        teardown();
        set({ ...idle });
      },
    };
  });
}
