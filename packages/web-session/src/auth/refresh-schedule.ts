/**
 * When to refresh an access token: pure arithmetic, so the timing rule is tested without a
 * clock. We refresh ahead of expiry by a quarter of the token's lifetime, capped at one
 * minute and at least two seconds, so a 15-minute token refreshes at 14 min and a
 * 20-second test token still gets a few seconds of headroom.
 */
export const MAX_REFRESH_LEAD_MS = 60_000;
export const MIN_REFRESH_LEAD_MS = 2_000;

export function refreshLeadMs(lifetimeMs: number): number {
  return Math.min(MAX_REFRESH_LEAD_MS, Math.max(MIN_REFRESH_LEAD_MS, lifetimeMs / 4));
}

/** Milliseconds from `now` until the refresh should run; 0 means "now". */
export function refreshDelayMs(session: { expiresAt: number; lifetimeMs: number }, now: number): number {
  return Math.max(0, Math.floor(session.expiresAt - refreshLeadMs(session.lifetimeMs) - now));
}

/** True when the access token is expired or so close to it that sending it is pointless. */
export function isAccessTokenStale(session: { expiresAt: number }, now: number): boolean {
  return now >= session.expiresAt - MIN_REFRESH_LEAD_MS;
}
