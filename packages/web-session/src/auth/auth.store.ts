/**
 * Owns who is logged in in this tab and the tokens that prove it.
 *
 *   anonymous ──login ok (role allowed)──▶ authenticated ──refresh ok──▶ authenticated
 *       ▲                                        │
 *       └──── logout / refresh rejected / revoked / role not allowed ─┘
 *
 * Refresh tokens are single use, so at most one refresh runs at a time (single flight): every
 * caller that needs a fresh token while one is being fetched waits for the same promise. A
 * timer refreshes shortly before expiry (refresh-schedule.ts); `apiFetch` also refreshes on a
 * 401. A `generation` counter makes a refresh that finishes after a logout change nothing.
 */
import {
  type LoginRequest,
  type Role,
  type SessionUser,
  TokenPairSchema,
  apiRoutes,
} from '@ccx/contracts';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { ApiRequestError, NetworkError, request } from '../api/http';
import { RoleNotAllowedError } from './login-errors';
import { isAccessTokenStale, refreshDelayMs } from './refresh-schedule';
import {
  type KeyValueStorage,
  type StoredSession,
  readSession,
  toStoredSession,
  writeSession,
} from './session-storage';

export type AuthStatus = 'anonymous' | 'authenticated';

export interface AuthState {
  status: AuthStatus;
  session: StoredSession | null;
  /** A message for the login screen after an involuntary logout (expired, revoked, wrong role). */
  notice: string | null;
  /** Logs in; rejects with ApiRequestError, NetworkError or RoleNotAllowedError. */
  login(credentials: LoginRequest): Promise<SessionUser>;
  /** Forgets the session here and revokes the refresh token on the server (best effort). */
  logout(options?: { notice?: string }): Promise<void>;
  /**
   * Trades the refresh token for a new pair. Resolves to the new access token, or null when
   * the server refused the refresh token (the session is then logged out). Rejects with
   * NetworkError when the server cannot be reached (the session is kept).
   */
  refresh(): Promise<string | null>;
  /** An access token that is not about to expire, refreshing first if needed; null if logged out. */
  getAccessToken(): Promise<string | null>;
  clearNotice(): void;
}

export type AuthStore = StoreApi<AuthState>;

export interface AuthStoreOptions {
  storageKey: string;
  storage: KeyValueStorage | null;
  /** Roles this app accepts; others are logged out with `wrongRoleMessage`. */
  allowedRoles: readonly Role[];
  wrongRoleMessage: (role: Role) => string;
  fetchImpl?: typeof fetch;
  now?: () => number;
  /** Delay before retrying a refresh that failed for lack of network. */
  retryAfterNetworkErrorMs?: number;
}

export const SESSION_EXPIRED_NOTICE = 'Your session has ended. Please log in again.';

export function createAuthStore(options: AuthStoreOptions): AuthStore {
  const now = options.now ?? Date.now;
  const retryMs = options.retryAfterNetworkErrorMs ?? 10_000;
  let generation = 0;
  let inflight: Promise<string | null> | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const store = createStore<AuthState>()((set, get) => {
    function cancelTimer(): void {
      if (timer !== null) clearTimeout(timer);
      timer = null;
    }

    function schedule(delayMs: number): void {
      cancelTimer();
      timer = setTimeout(() => {
        timer = null;
        get()
          .refresh()
          .catch(() => undefined);
      }, delayMs);
    }

    function adopt(session: StoredSession): void {
      writeSession(options.storage, options.storageKey, session);
      set({ status: 'authenticated', session, notice: null });
      schedule(refreshDelayMs(session, now()));
    }

    function forget(notice: string | null): StoredSession | null {
      const previous = get().session;
      generation += 1;
      inflight = null;
      cancelTimer();
      writeSession(options.storage, options.storageKey, null);
      set({ status: 'anonymous', session: null, notice });
      return previous;
    }

    function revokeOnServer(session: StoredSession | null): Promise<void> {
      if (!session) return Promise.resolve();
      return request<void>(apiRoutes.logout.path, {
        method: 'POST',
        body: { refreshToken: session.pair.refreshToken },
        fetchImpl: options.fetchImpl,
      }).catch(() => undefined);
    }

    async function runRefresh(session: StoredSession, startedIn: number): Promise<string | null> {
      try {
        const pair = await request(apiRoutes.refresh.path, {
          method: 'POST',
          body: { refreshToken: session.pair.refreshToken },
          schema: TokenPairSchema,
          fetchImpl: options.fetchImpl,
        });
        if (startedIn !== generation) return null; // logged out meanwhile: keep it that way
        adopt(toStoredSession(pair, now()));
        return pair.accessToken;
      } catch (error) {
        if (startedIn !== generation) return null;
        if (error instanceof ApiRequestError && error.status >= 400 && error.status < 500) {
          forget(SESSION_EXPIRED_NOTICE);
          return null;
        }
        // Network or server trouble: the refresh token is probably still good; try again soon.
        schedule(retryMs);
        throw error instanceof NetworkError || error instanceof ApiRequestError ? error : new NetworkError(error);
      }
    }

    const initial = readSession(options.storage, options.storageKey);
    const rejectedRole = initial && !options.allowedRoles.includes(initial.pair.user.role) ? initial.pair.user.role : null;
    if (initial && rejectedRole === null) {
      queueMicrotask(() => {
        if (get().session === initial) schedule(refreshDelayMs(initial, now()));
      });
    } else if (initial && rejectedRole !== null) {
      writeSession(options.storage, options.storageKey, null);
      void revokeOnServer(initial);
    }

    return {
      status: initial && rejectedRole === null ? 'authenticated' : 'anonymous',
      session: rejectedRole === null ? initial : null,
      notice: rejectedRole === null ? null : options.wrongRoleMessage(rejectedRole),

      async login(credentials) {
        const startedIn = ++generation;
        const pair = await request(apiRoutes.login.path, {
          method: 'POST',
          body: credentials,
          schema: TokenPairSchema,
          fetchImpl: options.fetchImpl,
        });
        const session = toStoredSession(pair, now());
        if (!options.allowedRoles.includes(pair.user.role)) {
          await revokeOnServer(session);
          throw new RoleNotAllowedError(pair.user.role, options.wrongRoleMessage(pair.user.role));
        }
        if (startedIn !== generation) throw new Error('login superseded');
        adopt(session);
        return pair.user;
      },

      async logout(logoutOptions) {
        const previous = forget(logoutOptions?.notice ?? null);
        await revokeOnServer(previous);
      },

      refresh() {
        const session = get().session;
        if (!session) return Promise.resolve(null);
        if (!inflight) {
          const startedIn = generation;
          const flight = runRefresh(session, startedIn).finally(() => {
            if (inflight === flight) inflight = null;
          });
          inflight = flight;
        }
        return inflight;
      },

      async getAccessToken() {
        const session = get().session;
        if (!session) return null;
        if (!isAccessTokenStale(session, now()) && !inflight) return session.pair.accessToken;
        return get().refresh();
      },

      clearNotice() {
        set({ notice: null });
      },
    };
  });
  return store;
}
