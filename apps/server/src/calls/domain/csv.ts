import { type CallRecord } from '@ccx/contracts';

/**
 * CSV rows of call records for `GET /api/calls/export.csv` (RFC 4180): a header row, then
 * one row per call, CRLF line ends. The controller streams `callCsvLines` as records come
 * from the database, so an export of a year holds one page in memory, not the year.
 *
 * - A cell holding `"`, `,`, CR or LF is quoted, with `"` doubled.
 * - Formula injection guard: a text cell starting with `=`, `+`, `-`, `@`, tab or CR gets a
 *   leading `'`, so a spreadsheet shows it instead of evaluating it. Caller numbers are text,
 *   so `+4930…` exports as `'+4930…`. Numbers we format ourselves are not prefixed.
 * - Times are ISO 8601 (UTC), durations seconds with up to 3 decimals, empty for unknown.
 * - Lists (IVR path, queues, agents, …) are one cell, items joined by ` > ` (a sequence) or
 *   `; ` (a set).
 */

type Cell = string | number | boolean | null;

const columns: readonly [header: string, value: (r: CallRecord) => Cell][] = [
  ['call_id', (r) => r.id],
  ['direction', (r) => r.direction],
  ['channel', (r) => r.channel],
  ['caller_number', (r) => r.callerNumber],
  ['dialed_number', (r) => r.dialedNumber],
  ['entry_point', (r) => r.entryPoint],
  ['customer_id', (r) => r.customerId],
  ['status', (r) => r.status],
  ['started_at', (r) => r.startedAt],
  ['ivr_path', (r) => r.ivrPath.map((s) => s.nodeId).join(' > ')],
  ['ivr_inputs', (r) => r.ivrInputs.map((i) => `${i.name}=${i.masked ? '***' : (i.value ?? '')}`).join('; ')],
  ['queues', (r) => r.queues.map((q) => q.queueId).join(' > ')],
  ['queue_id', (r) => r.queueId],
  ['enqueued_at', (r) => r.enqueuedAt],
  ['wait_outcome', (r) => r.waitOutcome],
  ['offers', (r) => r.offers.map((o) => `${o.agentId}:${o.result ?? 'ringing'}:${seconds(o.ringingSeconds)}s`).join('; ')],
  ['answered_at', (r) => r.answeredAt],
  ['agents', (r) => unique(r.agents.map((a) => a.agentId)).join('; ')],
  ['hold_count', (r) => r.holdCount],
  ['transfers', (r) => r.transfers.map((t) => `${t.kind}:${t.fromAgentId ?? 'ivr'}>${t.toAgentId ?? t.target.kind}:${t.result}`).join('; ')],
  ['conferences', (r) => r.conferences.length],
  ['ended_at', (r) => r.endedAt],
  ['ended_by', (r) => r.endedBy],
  ['end_cause', (r) => r.endCause],
  ['end_detail', (r) => r.endDetail],
  ['wait_seconds', (r) => r.waitSeconds],
  ['talk_seconds', (r) => r.talkSeconds],
  ['hold_seconds', (r) => r.holdSeconds],
  ['wrap_up_seconds', (r) => r.wrapUpSeconds],
  ['handle_seconds', (r) => r.handleSeconds],
  ['disposition', (r) => r.disposition],
  ['notes', (r) => r.notes],
  ['tickets', (r) => r.ticketIds.join('; ')],
  ['recordings', (r) => r.recordings.map((x) => x.path ?? x.recordingId).join('; ')],
  ['voicemail', (r) => r.voicemail?.path ?? r.voicemail?.recordingId ?? null],
  ['callback_number', (r) => r.callback?.number ?? null],
  ['survey_score', (r) => r.surveyScore],
];

export const CALL_CSV_HEADERS: readonly string[] = columns.map(([header]) => header);

export function callCsvHeader(): string {
  return csvLine(CALL_CSV_HEADERS);
}

export function callCsvRow(record: CallRecord): string {
  return csvLine(columns.map(([, value]) => value(record)));
}

/** The header line, then one line per record; each ends with CRLF. */
export function* callCsvLines(records: Iterable<CallRecord>): Generator<string> {
  yield callCsvHeader();
  for (const record of records) yield callCsvRow(record);
}

/** The same, for records read page by page from the database. */
export async function* callCsvLinesAsync(records: AsyncIterable<CallRecord>): AsyncGenerator<string> {
  yield callCsvHeader();
  for await (const record of records) yield callCsvRow(record);
}

/** One RFC 4180 line (with its CRLF) of cells. */
export function csvLine(cells: readonly Cell[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export function csvCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? seconds(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const guarded = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

/** Up to 3 decimals, no trailing zeros, no exponent for the sizes we meet. */
function seconds(value: number | null): string {
  return value === null ? '' : String(Math.round(value * 1000) / 1000);
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
