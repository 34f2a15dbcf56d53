/**
 * Wires one app's session together: the auth store, the authenticated fetch and the live
 * channel, with the browser as their environment. An app creates one at start and hands it
 * to <SessionProvider>.
 */
import type { Role } from '@ccx/contracts';
import { io } from 'socket.io-client';
import { type ApiFetch, createApiFetch } from './api/api-fetch';
import { type AuthStore, createAuthStore } from './auth/auth.store';
import { browserSessionStorage, type KeyValueStorage } from './auth/session-storage';
import { type LiveSocket, type LiveStore, createLiveStore } from './realtime/live.store';
import { TAB_ID } from './realtime/tab-id';

export interface WebSession {
  /** The product name shown on the login screen, e.g. "Agent workspace". */
  appName: string;
  allowedRoles: readonly Role[];
  auth: AuthStore;
  live: LiveStore;
  apiFetch: ApiFetch;
}

export interface WebSessionOptions {
  appName: string;
  /** sessionStorage key; one per app so an agent tab and a supervisor tab keep separate sessions. */
  storageKey: string;
  allowedRoles: readonly Role[];
  wrongRoleMessage: (role: Role) => string;
  storage?: KeyValueStorage | null;
  fetchImpl?: typeof fetch;
}

const REVOKED_NOTICES = {
  deactivated: 'Your account has been deactivated, so you have been logged out.',
  'role-changed': 'Your role has changed, so you have been logged out. Log in again.',
  'password-changed': 'Your password has been changed, so you have been logged out. Log in again.',
} as const;

export function createWebSession(options: WebSessionOptions): WebSession {
  const auth = createAuthStore({
    storageKey: options.storageKey,
    storage: options.storage === undefined ? browserSessionStorage() : options.storage,
    allowedRoles: options.allowedRoles,
    wrongRoleMessage: options.wrongRoleMessage,
    fetchImpl: options.fetchImpl,
  });

  const live = createLiveStore({
    createSocket: (authCallback): LiveSocket =>
      io({ auth: authCallback, transports: ['websocket', 'polling'], reconnectionDelayMax: 5_000 }),
    getAccessToken: () => auth.getState().getAccessToken(),
    refresh: () => auth.getState().refresh(),
    onRevoked: (reason) => void auth.getState().logout({ notice: REVOKED_NOTICES[reason] }),
    tabId: TAB_ID,
    isVisible: () => typeof document === 'undefined' || document.visibilityState === 'visible',
    onVisibilityChange: (listener) => {
      if (typeof document === 'undefined') return () => undefined;
      document.addEventListener('visibilitychange', listener);
      return () => document.removeEventListener('visibilitychange', listener);
    },
  });

  // Logging out, for whatever reason, closes the live channel.
  auth.subscribe((state, previous) => {
    if (previous.status === 'authenticated' && state.status === 'anonymous') live.getState().disconnect();
  });

  return {
    appName: options.appName,
    allowedRoles: options.allowedRoles,
    auth,
    live,
    apiFetch: createApiFetch(auth, options.fetchImpl),
  };
}
