/**
 * Rules of a ticket (a case someone must follow up): it is open or closed, may be reopened,
 * and its follow-up time is a promise to the customer, so it cannot be set in the past.
 *
 *   open ──close──▶ closed
 *     ▲               │
 *     └───reopen──────┘
 */
import { type FieldIssue, type TicketStatus } from '@ccx/contracts';

/** A follow-up a minute late is still the one the agent meant (clock skew, slow typing). */
export const FOLLOW_UP_GRACE_MS = 60_000;

/** The problem with a follow-up time, or null when it is acceptable (null clears it). */
export function followUpIssue(followUpAt: string | null | undefined, now: number): FieldIssue | null {
  if (followUpAt === null || followUpAt === undefined) return null;
  const at = Date.parse(followUpAt);
  if (!Number.isFinite(at)) return { path: 'followUpAt', message: 'an ISO 8601 date-time, e.g. 2025-01-31T09:00:00Z' };
  if (at < now - FOLLOW_UP_GRACE_MS) return { path: 'followUpAt', message: 'must not be in the past: pick a later date' };
  return null;
}

/** What a status change is called in the audit log, or null when the status stays. */
export function statusChange(from: TicketStatus, to: TicketStatus | undefined): 'close' | 'reopen' | null {
  if (to === undefined || to === from) return null;
  return to === 'closed' ? 'close' : 'reopen';
}

/**
 * The fields a change really changes (for the audit log and for a no-op check): those given
 * whose value differs from the stored one.
 */
export function changedFields<T extends Record<string, unknown>>(stored: T, changes: Partial<T>): (keyof T & string)[] {
  return (Object.keys(changes) as (keyof T & string)[]).filter((key) => changes[key] !== undefined && changes[key] !== stored[key]);
}
