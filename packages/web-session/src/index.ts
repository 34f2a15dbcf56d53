/**
 * @ccx/web-session: the browser session shared by the agent and supervisor apps (login,
 * tokens with refresh, the authenticated API client, the Socket.IO live channel, and the
 * login/header components). Consumed as TypeScript source through Vite.
 */
export { ApiRequestError, NetworkError, request, type RequestOptions, type ResponseSchema } from './api/http';
export { createApiFetch, type ApiFetch, type ApiFetchOptions } from './api/api-fetch';
export { getMe, meQueryOptions, useMe } from './api/me';
export {
  createAuthStore,
  SESSION_EXPIRED_NOTICE,
  type AuthState,
  type AuthStatus,
  type AuthStore,
  type AuthStoreOptions,
} from './auth/auth.store';
export {
  describeLoginError,
  NETWORK_MESSAGE,
  RoleNotAllowedError,
  throttledMessage,
  WRONG_CREDENTIALS_MESSAGE,
} from './auth/login-errors';
export { isAccessTokenStale, refreshDelayMs, refreshLeadMs } from './auth/refresh-schedule';
export type { KeyValueStorage, StoredSession } from './auth/session-storage';
export {
  createLiveStore,
  HEARTBEAT_INTERVAL_MS,
  type LiveSocket,
  type LiveState,
  type LiveStatus as LiveStatusValue,
  type LiveStore,
  type LiveStoreDeps,
  type OnlineUser,
} from './realtime/live.store';
export { TAB_ID } from './realtime/tab-id';
export { AppProviders } from './react/app-providers';
export { SessionProvider, useAuth, useLive, useLiveChannel, useWebSession } from './react/session-context';
export { AuthGate } from './ui/auth-gate';
export { LiveChannelDetails } from './ui/live-channel-details';
export { LiveStatus } from './ui/live-status';
export { LoginScreen } from './ui/login-screen';
export { ROLE_LABELS, SessionHeader } from './ui/session-header';
export { createWebSession, type WebSession, type WebSessionOptions } from './web-session';
