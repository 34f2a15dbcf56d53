/**
 * When to renew the server-issued SIP credentials, and how long to wait before dialing the
 * gateway again after the WebSocket dropped. Pure numbers so tests need no clock.
 */

/**
 * Renew when a fifth of the credential's life is left, but at least 60 s before it expires
 * (time for a retry if the server is briefly away), and never in the first half of its life
 * (short-lived credentials would otherwise be renewed as soon as they arrive).
 */
const RENEW_AT_REMAINING_SHARE = 0.2;
const RENEW_MIN_LEAD_MS = 60_000;
const RENEW_MAX_LEAD_SHARE = 0.5;
/** Never renew more often than this, even for a credential that is nearly dead on arrival. */
const RENEW_FLOOR_MS = 5_000;

/** Milliseconds from `now` until the credentials issued at `issuedAt` should be replaced. */
export function credentialRenewalDelayMs(expiresAt: number, issuedAt: number, now: number): number {
  const life = Math.max(0, expiresAt - issuedAt);
  const lead = Math.min(Math.max(RENEW_MIN_LEAD_MS, life * RENEW_AT_REMAINING_SHARE), life * RENEW_MAX_LEAD_SHARE);
  return Math.max(RENEW_FLOOR_MS, expiresAt - lead - now);
}

export interface BackoffOptions {
  initialMs?: number;
  maxMs?: number;
  /** 0..1: share of the delay drawn at random so many tabs do not reconnect in step. */
  jitter?: number;
}

/** Delay before reconnect attempt `attempt` (1-based): doubling from 1 s up to 30 s, with jitter. */
export function reconnectDelayMs(attempt: number, random: () => number = Math.random, options: BackoffOptions = {}): number {
  const initial = options.initialMs ?? 1_000;
  const max = options.maxMs ?? 30_000;
  const jitter = options.jitter ?? 0.2;
  const base = Math.min(max, initial * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (1 - jitter + jitter * random()));
}
