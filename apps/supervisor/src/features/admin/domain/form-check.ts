/**
 * Checks a form's body with the contract's own schema before it is sent, so the browser and
 * the server name the same fields in the same words.
 */
import { type FieldIssue, toFieldIssues } from '@ccx/contracts';

type ZodError = Parameters<typeof toFieldIssues>[0];
/** What this needs of a zod schema (zod itself is the contracts' dependency, not the app's). */
export interface BodySchema<T> {
  safeParse(input: unknown): { success: true; data: T } | { success: false; error: ZodError };
}

export function checkBody<T>(schema: BodySchema<T>, body: unknown): { ok: true; body: T } | { ok: false; issues: FieldIssue[] } {
  const parsed = schema.safeParse(body);
  return parsed.success ? { ok: true, body: parsed.data } : { ok: false, issues: toFieldIssues(parsed.error) };
}

/** A whole number from a text field; NaN (refused by the schema) for anything else, undefined for empty. */
export function wholeNumber(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/** A number (decimals allowed) from a text field. */
export function decimal(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}
