/**
 * Field problems for forms: the browser-side check and the server's 400 use the same dotted
 * paths (`skills.0.level`), so either lands next to the same field.
 */
import { type FieldIssue } from '@ccx/contracts';
import { ApiRequestError } from '@ccx/web-session';

/** The first message for `path` (or for anything under it when `nested`). */
export function issueFor(issues: readonly FieldIssue[], path: string, nested = false): string | null {
  return issues.find((issue) => issue.path === path || (nested && issue.path.startsWith(`${path}.`)))?.message ?? null;
}

/** The field issues of a failed request, or one form-level issue with its message. */
export function issuesOfError(error: unknown): FieldIssue[] {
  if (error instanceof ApiRequestError) {
    if (error.error.issues && error.error.issues.length > 0) return error.error.issues;
    return [{ path: '(form)', message: error.message }];
  }
  if (error instanceof Error) return [{ path: '(form)', message: error.message }];
  return [];
}

/** Issues no field of the form shows (e.g. a 409's message, or a path the form has no field for). */
export function otherIssues(issues: readonly FieldIssue[], fields: readonly string[]): FieldIssue[] {
  return issues.filter((issue) => !fields.some((field) => issue.path === field || issue.path.startsWith(`${field}.`)));
}
