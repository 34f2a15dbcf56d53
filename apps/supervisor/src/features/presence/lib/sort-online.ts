import type { OnlineUser } from '@ccx/web-session';

const ROLE_ORDER = { admin: 0, supervisor: 1, agent: 2 } as const;

/** Supervisors and admins first, then agents; by username within a role. */
export function sortOnline(online: readonly OnlineUser[]): OnlineUser[] {
  return [...online].sort(
    (a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.username.localeCompare(b.username),
  );
}
