/**
 * The cursor of the call log's pages. The log is ordered newest first by (start time, id);
 * a cursor names the last call of a page, and the next page holds the calls strictly after
 * it in that order. Calls that start while someone pages appear on no page they have not
 * reached yet, so paging never repeats or skips a call.
 *
 * Opaque to clients: base64url of `<start ms>.<call id>`, so it fits the contract's
 * `[A-Za-z0-9_-]+`. Anything that does not decode to that shape is not a cursor we issued.
 */
export interface CallLogCursor {
  /** Start of the last call of the previous page, ms since the epoch. */
  startedAt: number;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function encodeCallLogCursor(cursor: CallLogCursor): string {
  return Buffer.from(`${cursor.startedAt}.${cursor.id}`, 'utf8').toString('base64url');
}

/** The cursor, or null when the text is not one `encodeCallLogCursor` made. */
export function decodeCallLogCursor(text: string): CallLogCursor | null {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return null;
  const match = /^(\d{1,15})\.(.+)$/.exec(Buffer.from(text, 'base64url').toString('utf8'));
  if (!match) return null;
  const startedAt = Number(match[1]);
  const id = match[2]!.toLowerCase();
  if (!Number.isSafeInteger(startedAt) || !UUID.test(id)) return null;
  return { startedAt, id };
}
