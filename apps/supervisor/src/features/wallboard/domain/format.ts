/** How the wallboard writes its figures: durations as m:ss or h:mm:ss, ratios as whole percentages, "—" for none. */

export const NONE = '—';

export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return NONE;
  const total = Math.max(0, Math.floor(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

export function formatPercent(ratio: number | null): string {
  return ratio === null ? NONE : `${Math.round(ratio * 100)}%`;
}

/** Seconds from an ISO time to `now` (ms), never negative (the clocks of server and browser differ a little). */
export function secondsSince(iso: string, now: number): number {
  return Math.max(0, (now - Date.parse(iso)) / 1000);
}
