import { type CallEndCause, type CallParty, type CallRecord, type WaitOutcome } from '@ccx/contracts';
import { type Call, type Prisma } from '../generated/prisma/client.js';

/**
 * How a call record sits in its `calls` row: every scalar in a column of its own (the
 * filters, the sort and later the reports read them with SQL), the lists in `detail` as the
 * API returns them. The row is derived: the recorder rewrites it from the whole timeline on
 * every append, so it can always be rebuilt from `call_events`.
 */

const DETAIL_KEYS = [
  'ivrPath',
  'ivrInputs',
  'queues',
  'announcements',
  'offers',
  'agents',
  'transfers',
  'conferences',
  'wrapUps',
  'ticketIds',
  'surveyAnswers',
  'recordings',
  'voicemail',
  'callback',
] as const satisfies readonly (keyof CallRecord)[];
type CallRecordDetail = Pick<CallRecord, (typeof DETAIL_KEYS)[number]>;

export type CallRowData = Omit<Prisma.CallUncheckedCreateInput, 'id'>;

/**
 * The row of `record`. The foreign keys (queue, customer) are set only when that row exists
 * (`known`): a timeline naming a queue since deleted is still stored, its record still lists
 * the queue in its visits, and the column is null as after an `ON DELETE SET NULL`.
 */
export function toCallRow(record: CallRecord, known: { queueId: boolean; customerId: boolean }): CallRowData {
  const detail = Object.fromEntries(DETAIL_KEYS.map((key) => [key, record[key]])) as CallRecordDetail;
  return {
    direction: record.direction,
    channel: record.channel,
    callerNumber: record.callerNumber,
    dialedNumber: record.dialedNumber,
    entryPoint: record.entryPoint,
    customerId: known.customerId ? record.customerId : null,
    queueId: known.queueId ? record.queueId : null,
    queueIds: [...new Set(record.queues.map((visit) => visit.queueId))],
    startedAt: new Date(record.startedAt),
    enqueuedAt: dateOrNull(record.enqueuedAt),
    waitOutcome: record.waitOutcome,
    answeredAt: dateOrNull(record.answeredAt),
    endedAt: dateOrNull(record.endedAt),
    endedBy: record.endedBy,
    endCause: record.endCause,
    endDetail: record.endDetail,
    waitSeconds: record.waitSeconds,
    talkSeconds: record.talkSeconds,
    holdSeconds: record.holdSeconds,
    holdCount: record.holdCount,
    wrapUpSeconds: record.wrapUpSeconds,
    handleSeconds: record.handleSeconds,
    disposition: record.disposition,
    notes: record.notes,
    surveyScore: record.surveyScore,
    recordingPath: record.recordings.find((r) => r.path !== null)?.path ?? null,
    detail: detail as unknown as Prisma.InputJsonObject,
  };
}

/** The record a row holds, in the field order of the contract's `CallRecordSchema`. */
export function fromCallRow(row: Call): CallRecord {
  const detail = row.detail as unknown as CallRecordDetail;
  return {
    id: row.id,
    direction: row.direction,
    channel: row.channel,
    callerNumber: row.callerNumber,
    dialedNumber: row.dialedNumber,
    entryPoint: row.entryPoint,
    customerId: row.customerId,
    status: row.endedAt === null ? 'in-progress' : 'ended',
    startedAt: row.startedAt.toISOString(),
    ivrPath: detail.ivrPath ?? [],
    ivrInputs: detail.ivrInputs ?? [],
    queues: detail.queues ?? [],
    queueId: row.queueId,
    enqueuedAt: isoOrNull(row.enqueuedAt),
    waitOutcome: row.waitOutcome as WaitOutcome | null,
    announcements: detail.announcements ?? [],
    offers: detail.offers ?? [],
    answeredAt: isoOrNull(row.answeredAt),
    agents: detail.agents ?? [],
    holdCount: row.holdCount,
    transfers: detail.transfers ?? [],
    conferences: detail.conferences ?? [],
    endedAt: isoOrNull(row.endedAt),
    endedBy: row.endedBy as CallParty | null,
    endCause: row.endCause as CallEndCause | null,
    endDetail: row.endDetail,
    waitSeconds: row.waitSeconds,
    talkSeconds: row.talkSeconds,
    holdSeconds: row.holdSeconds,
    wrapUpSeconds: row.wrapUpSeconds,
    handleSeconds: row.handleSeconds,
    wrapUps: detail.wrapUps ?? [],
    disposition: row.disposition,
    notes: row.notes,
    ticketIds: detail.ticketIds ?? [],
    surveyScore: row.surveyScore,
    surveyAnswers: detail.surveyAnswers ?? [],
    recordings: detail.recordings ?? [],
    voicemail: detail.voicemail ?? null,
    callback: detail.callback ?? null,
  };
}

const dateOrNull = (iso: string | null) => (iso === null ? null : new Date(iso));
const isoOrNull = (date: Date | null) => (date === null ? null : date.toISOString());
