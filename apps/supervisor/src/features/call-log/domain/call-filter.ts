/**
 * The call log's search form and its address: what the form holds (strings, as inputs give
 * them), the query the server takes (`CallExportQuery`, checked with the contract's own
 * schema), and the URL hash's query string, so a search can be bookmarked and reloaded.
 * Times in the form are the browser's local time (`datetime-local`); the query is UTC ISO.
 */
import { CallExportQuerySchema, type CallExportQuery, type FieldIssue, toFieldIssues } from '@ccx/contracts';
import { isoToLocal, localToIso } from '../../../lib/local-time';

export interface CallFilterDraft {
  from: string;
  to: string;
  queueId: string;
  agentId: string;
  direction: string;
  channel: string;
  disposition: string;
  callerNumber: string;
  minWaitSeconds: string;
}

export const EMPTY_FILTER: CallFilterDraft = {
  from: '',
  to: '',
  queueId: '',
  agentId: '',
  direction: '',
  channel: '',
  disposition: '',
  callerNumber: '',
  minWaitSeconds: '',
};

const KEYS = Object.keys(EMPTY_FILTER) as (keyof CallFilterDraft)[];

/** The query for the form, or the problems to show beside its fields (same paths as the server's). */
export function toCallQuery(draft: CallFilterDraft): { ok: true; query: CallExportQuery } | { ok: false; issues: FieldIssue[] } {
  const raw: Record<string, string> = {};
  for (const key of KEYS) {
    const value = draft[key].trim();
    if (value === '') continue;
    raw[key] = key === 'from' || key === 'to' ? localToIso(value) : value;
  }
  const parsed = CallExportQuerySchema.safeParse(raw);
  return parsed.success ? { ok: true, query: parsed.data } : { ok: false, issues: toFieldIssues(parsed.error) };
}

/** The query as URL parameters, in a fixed order (the same search gives the same address). */
export function toSearchParams(query: CallExportQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of KEYS) {
    const value = query[key];
    if (value !== undefined) params.set(key, String(value));
  }
  return params;
}

/** The form for URL parameters (unknown ones ignored: an old bookmark still opens). */
export function fromSearchParams(params: URLSearchParams): CallFilterDraft {
  const draft = { ...EMPTY_FILTER };
  for (const key of KEYS) {
    const value = params.get(key);
    if (value === null) continue;
    draft[key] = key === 'from' || key === 'to' ? isoToLocal(value) : value;
  }
  return draft;
}

/** The parameters in the call log's hash (`#/calls?callerNumber=555`). */
export function paramsFromHash(hash: string): URLSearchParams {
  const at = hash.indexOf('?');
  return new URLSearchParams(at === -1 ? '' : hash.slice(at + 1));
}

export function hashFor(query: CallExportQuery): string {
  const params = toSearchParams(query).toString();
  return params ? `#/calls?${params}` : '#/calls';
}
