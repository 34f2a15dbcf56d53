import { z } from 'zod';
import {
  CallChannelSchema,
  CallDirectionSchema,
  CallEndCauseSchema,
  CallEventSchema,
  CallPartySchema,
  ConferencePartySchema,
  OfferResultSchema,
  CallTransferTargetSchema,
} from '../calls/call-events.js';
import { IdSchema } from './common.js';

/**
 * The call log: the query of `GET /api/calls` and its CSV export, the call record (one per
 * call, derived from its event timeline; SPEC.md "Call record"), and the timeline itself.
 * Times are ISO 8601 strings; durations are seconds with millisecond precision.
 */

const IsoTimeSchema = z.iso.datetime({ offset: true, message: 'an ISO 8601 date-time, e.g. 2025-01-31T09:00:00Z' });

export const CALL_LIST_MAX_LIMIT = 200;
export const CALL_LIST_DEFAULT_LIMIT = 50;

const callFilterShape = {
  /** Calls that started at or after this time. */
  from: IsoTimeSchema.optional(),
  /** Calls that started before this time. */
  to: IsoTimeSchema.optional(),
  /** Calls that waited in this queue. */
  queueId: IdSchema.optional(),
  /** Calls in which this agent took part. */
  agentId: IdSchema.optional(),
  direction: CallDirectionSchema.optional(),
  channel: CallChannelSchema.optional(),
  /** Disposition code, exactly. */
  disposition: z.string().trim().min(1).max(64).optional(),
  /** Part of the caller's number or identity (`5550` finds `+15555550100`). */
  callerNumber: z.string().trim().min(1).max(64).optional(),
  /** Calls that waited in a queue at least this many seconds (never-queued calls are left out). */
  minWaitSeconds: z.coerce
    .number({ message: 'a number of seconds' })
    .min(0, 'at least 0')
    .max(86_400, 'at most 86400 (a day)')
    .optional(),
};

function fromBeforeTo(query: { from?: string; to?: string }): boolean {
  return !query.from || !query.to || Date.parse(query.from) < Date.parse(query.to);
}
const fromBeforeToIssue = { message: 'must be after `from`', path: ['to'] };

/**
 * Query of `GET /api/calls`: newest first (by start time, then id), a page at a time. Pass
 * the answer's `nextCursor` back as `cursor` for the next page; filters must stay the same.
 * Unknown parameters are refused, so a misspelt filter is not silently ignored.
 */
export const CallListQuerySchema = z
  .strictObject({
    ...callFilterShape,
    /** Opaque: the `nextCursor` of the previous page. */
    cursor: z
      .string()
      .min(1)
      .max(200)
      .regex(/^[A-Za-z0-9_-]+$/, 'not a cursor this server issued')
      .optional(),
    limit: z.coerce
      .number({ message: 'a whole number' })
      .int('a whole number')
      .min(1)
      .max(CALL_LIST_MAX_LIMIT, `at most ${CALL_LIST_MAX_LIMIT}`)
      .default(CALL_LIST_DEFAULT_LIMIT),
  })
  .refine(fromBeforeTo, fromBeforeToIssue);
export type CallListQuery = z.infer<typeof CallListQuerySchema>;

/** Query of `GET /api/calls/export.csv`: the same filters, every matching call, newest first. */
export const CallExportQuerySchema = z.strictObject(callFilterShape).refine(fromBeforeTo, fromBeforeToIssue);
export type CallExportQuery = z.infer<typeof CallExportQuerySchema>;

// ── the call record ───────────────────────────────────────────────────────────────────

const Time = z.string();
const Seconds = z.number().nonnegative();

export const QueueVisitOutcomeSchema = z.enum(['answered', 'abandoned', 'overflowed', 'exited', 'ended']);
export type QueueVisitOutcome = z.infer<typeof QueueVisitOutcomeSchema>;

/** How the caller's first wait ended; `waiting` while it goes on. */
export const WaitOutcomeSchema = z.enum(['answered', 'abandoned', 'exited', 'ended', 'waiting']);
export type WaitOutcome = z.infer<typeof WaitOutcomeSchema>;

export const CallRecordSchema = z.object({
  id: z.string(),
  direction: CallDirectionSchema,
  channel: CallChannelSchema,
  /** ANI. */
  callerNumber: z.string(),
  /** DNIS. */
  dialedNumber: z.string(),
  entryPoint: z.string().nullable(),
  customerId: z.string().nullable(),
  /** `in-progress` until the call's end is recorded (also after a server restart lost it). */
  status: z.enum(['in-progress', 'ended']),
  startedAt: Time,
  ivrPath: z.array(z.object({ flowId: z.string(), nodeId: z.string(), nodeType: z.string().nullable(), at: Time })),
  ivrInputs: z.array(
    z.object({
      nodeId: z.string(),
      name: z.string(),
      value: z.string().nullable(),
      masked: z.boolean(),
      status: z.enum(['ok', 'no-input', 'no-match']),
      at: Time,
    }),
  ),
  /** Every queue visit in order (overflows and transfers to a queue add visits). */
  queues: z.array(
    z.object({ queueId: z.string(), enteredAt: Time, leftAt: Time.nullable(), outcome: QueueVisitOutcomeSchema.nullable() }),
  ),
  /** The queue the call is counted in: where its first wait ended (after any overflows). */
  queueId: z.string().nullable(),
  /** First entry into a queue. */
  enqueuedAt: Time.nullable(),
  waitOutcome: WaitOutcomeSchema.nullable(),
  announcements: z.array(
    z.object({ queueId: z.string(), at: Time, position: z.number().int(), ewtSeconds: Seconds.nullable() }),
  ),
  offers: z.array(
    z.object({
      offerId: z.string(),
      agentId: z.string(),
      queueId: z.string(),
      offeredAt: Time,
      ringUntil: Time,
      endedAt: Time.nullable(),
      ringingSeconds: Seconds.nullable(),
      /** Null while it still rings. */
      result: OfferResultSchema.nullable(),
    }),
  ),
  /** First connection to an agent. */
  answeredAt: Time.nullable(),
  /** Each stretch an agent was connected to the caller, in order of joining. */
  agents: z.array(
    z.object({
      agentId: z.string(),
      joinedAt: Time,
      leftAt: Time.nullable(),
      joinedBy: z.enum(['answer', 'transfer', 'conference']),
      leftBy: z.enum(['hung-up', 'transfer', 'call-ended']).nullable(),
    }),
  ),
  holdCount: z.number().int().nonnegative(),
  transfers: z.array(
    z.object({
      transferId: z.string(),
      kind: z.enum(['blind', 'consult']),
      fromAgentId: z.string().nullable(),
      target: CallTransferTargetSchema,
      toAgentId: z.string().nullable(),
      initiatedAt: Time,
      endedAt: Time.nullable(),
      result: z.enum(['pending', 'completed', 'failed']),
      failureReason: z.string().nullable(),
    }),
  ),
  conferences: z.array(z.object({ byAgentId: z.string(), party: ConferencePartySchema, joinedAt: Time, leftAt: Time.nullable() })),
  endedAt: Time.nullable(),
  /** Who ended the conversation: the agent if the last agent hung up first, else who ended the call. */
  endedBy: CallPartySchema.nullable(),
  endCause: CallEndCauseSchema.nullable(),
  /** More about why (the IVR's hangup reason, a SIP reason phrase). */
  endDetail: z.string().nullable(),
  /** First queue entry → answer (or → end of the wait when never answered). Null if never queued. */
  waitSeconds: Seconds.nullable(),
  /** Time with an agent connected, less hold. Null if never connected, or still connected. */
  talkSeconds: Seconds.nullable(),
  /** Time on hold. Null while on hold. */
  holdSeconds: Seconds.nullable(),
  /** Every agent's after-call work, summed. Null while an agent is still in wrap-up. */
  wrapUpSeconds: Seconds.nullable(),
  /** talk + hold + wrap-up (what AHT averages); null when one of them is not known yet. */
  handleSeconds: Seconds.nullable(),
  /** Each agent's after-call work, in order; `endedAt` null while it lasts. */
  wrapUps: z.array(z.object({ agentId: z.string(), startedAt: Time, endedAt: Time.nullable() })),
  disposition: z.string().nullable(),
  notes: z.string().nullable(),
  ticketIds: z.array(z.string()),
  /** The caller's score for the survey's first question answered (the headline figure). */
  surveyScore: z.number().int().nullable(),
  /** Every survey answer, in order. */
  surveyAnswers: z.array(z.object({ survey: z.string(), question: z.string(), score: z.number().int(), maxScore: z.number().int() })),
  recordings: z.array(
    z.object({
      recordingId: z.string(),
      startedAt: Time,
      stoppedAt: Time.nullable(),
      path: z.string().nullable(),
      durationSeconds: Seconds.nullable(),
    }),
  ),
  voicemail: z
    .object({ recordingId: z.string(), path: z.string().nullable(), durationSeconds: Seconds, at: Time })
    .nullable(),
  callback: z
    .object({
      number: z.string(),
      queueId: z.string().nullable(),
      scheduledFor: Time.nullable(),
      requestedAt: Time,
      callbackCallId: z.string().nullable(),
    })
    .nullable(),
});
export type CallRecord = z.infer<typeof CallRecordSchema>;

export const CallListSchema = z.object({
  calls: z.array(CallRecordSchema),
  /** Null on the last page. */
  nextCursor: z.string().nullable(),
});
export type CallList = z.infer<typeof CallListSchema>;

/** `GET /api/calls/:id/events`: the whole timeline in `seq` order, every digit included. */
export const CallTimelineSchema = z.object({
  callId: z.string(),
  events: z.array(CallEventSchema),
});
export type CallTimeline = z.infer<typeof CallTimelineSchema>;

/** The CSV export's body (text/csv; RFC 4180, CRLF line ends, a header row first). */
export const CallCsvSchema = z.string().describe('RFC 4180 CSV, one row per call, header first');

/** A call's recording or voicemail, by the call and the recording's id as its record lists them. */
export const CallRecordingParamsSchema = z.strictObject({
  id: IdSchema,
  recordingId: z.string().min(1).max(64).regex(/^[A-Za-z0-9._-]+$/, 'a recording id is letters, digits, ".", "_" and "-"'),
});
export type CallRecordingParams = z.infer<typeof CallRecordingParamsSchema>;

export const CallRecordingAudioSchema = z.string().describe('RIFF/WAVE, 16-bit PCM at 8 kHz: stereo (customer left, agent right) for a call recording, mono for a voicemail');
