/**
 * The IVR flow editor's rules: the textarea's JSON parsed with the place of a syntax error,
 * and the server's validation issues (`nodes.<node id>.<field path>`) split into the node
 * and the field, so each is shown by the editor as "node main-menu, field options.2.next".
 */
import { type FieldIssue } from '@ccx/contracts';

export type ParsedFlow = { ok: true; definition: Record<string, unknown> } | { ok: false; message: string };

/** Line and column (1-based) of a character offset in `text`. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

export function parseFlowJson(text: string): ParsedFlow {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // V8 says "… at position 123" (and newer ones add "(line 4 column 7)").
    const position = /position (\d+)/.exec(message);
    const where = position ? lineAndColumn(text, Number(position[1])) : null;
    return { ok: false, message: where ? `Not valid JSON at line ${where.line}, column ${where.column}: ${message}` : `Not valid JSON: ${message}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, message: 'A flow is a JSON object ({ … }).' };
  return { ok: true, definition: value as Record<string, unknown> };
}

export interface FlowIssueView {
  /** The node the problem is in, or null for the flow's own fields. */
  nodeId: string | null;
  /** The field inside the node (or the flow), dotted; `(flow)` for the whole definition. */
  field: string;
  message: string;
}

export function flowIssueView(issue: FieldIssue): FlowIssueView {
  const parts = issue.path.split('.');
  if (parts[0] === 'definition') parts.shift();
  if (parts[0] === 'nodes' && parts.length >= 2) {
    return { nodeId: parts[1] ?? null, field: parts.slice(2).join('.') || '(node)', message: issue.message };
  }
  const field = parts.join('.');
  return { nodeId: null, field: field === '' || field === '(root)' ? '(flow)' : field, message: issue.message };
}
