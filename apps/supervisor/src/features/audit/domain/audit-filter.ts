/**
 * The audit log's search form: what the form holds (strings, as inputs give them) and the
 * query the server takes, checked with the contract's own schema so a problem shows beside
 * its field before anything is sent. Times are the browser's local time in the form.
 */
import { AuditListQuerySchema, type AuditListQuery, type FieldIssue, toFieldIssues } from '@ccx/contracts';
import { localToIso } from '../../../lib/local-time';

export interface AuditFilterDraft {
  /** An action, or a prefix ending in `/`; empty: any. */
  action: string;
  actorId: string;
  from: string;
  to: string;
}

export const EMPTY_AUDIT_FILTER: AuditFilterDraft = { action: '', actorId: '', from: '', to: '' };

/** The filters of `GET /api/audit` (the page's cursor and size are the list's business). */
export type AuditFilter = Omit<AuditListQuery, 'cursor' | 'limit'>;

export function toAuditFilter(draft: AuditFilterDraft): { ok: true; filter: AuditFilter } | { ok: false; issues: FieldIssue[] } {
  const raw: Record<string, string> = {};
  for (const key of Object.keys(EMPTY_AUDIT_FILTER) as (keyof AuditFilterDraft)[]) {
    const value = draft[key].trim();
    if (value === '') continue;
    raw[key] = key === 'from' || key === 'to' ? localToIso(value) : value;
  }
  const parsed = AuditListQuerySchema.safeParse(raw);
  if (!parsed.success) return { ok: false, issues: toFieldIssues(parsed.error) };
  const { cursor: _cursor, limit: _limit, ...filter } = parsed.data;
  return { ok: true, filter };
}

/** The filter as URL parameters, in a fixed order. */
export function auditSearchParams(filter: AuditFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of ['action', 'actorId', 'targetId', 'from', 'to'] as const) {
    const value = filter[key];
    if (value !== undefined) params.set(key, value);
  }
  return params;
}
