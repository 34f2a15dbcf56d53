import { z } from 'zod';
import { IdSchema } from '../rest/common.js';

/**
 * The catalogue of a call's timeline: every event type a call can append, with its data.
 * Stored as `call_events` rows (`seq` per call from 1, `type`, `at`, `data`), append-only;
 * the call record, the wallboard and the reports are all derived from these events.
 *
 * Rules the writer keeps (the server's `calls/domain/call-state.ts` enforces them):
 * - One fact, one event. The answer of an offer is `call.answered` (with its `offerId`), not
 *   an `offer.ended`; a caller hanging up while queued is `queue.abandoned`, not `call.ended`.
 * - `call.ended` ends the customer's side of the call. Wrap-up, disposition, tickets, a late
 *   survey score, a callback placed later and a recording's final file may follow it.
 * - An agent leaves with `agent.hung-up` (also a conference party); when the last agent
 *   leaves and the caller stays (post-call survey), the call goes on without an agent.
 * - Caller digits are always recorded, one event per key; digits of a secret input (a PIN)
 *   are recorded as `masked` with no value, so the timeline never holds a secret.
 * - Times inside `data` are ISO 8601 strings; the event's own time is the row's `at`.
 */

/** Ids the call mints for its own parts: offers, transfers, recordings. */
const LocalIdSchema = z.string().min(1).max(64);
const IsoTimeSchema = z.iso.datetime({ offset: true });
const ReasonTextSchema = z.string().max(500);

export const CallDirectionSchema = z.enum(['inbound', 'outbound', 'internal']);
export type CallDirection = z.infer<typeof CallDirectionSchema>;

/** How the customer reached us: the web widget, the SIP trunk, or chat. */
export const CallChannelSchema = z.enum(['web', 'trunk', 'chat']);
export type CallChannel = z.infer<typeof CallChannelSchema>;

/** A key of the telephone keypad (RFC 4733 events 0–15). */
export const DtmfDigitSchema = z.enum(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#', 'A', 'B', 'C', 'D']);
export type DtmfDigit = z.infer<typeof DtmfDigitSchema>;

/** Who ended a call. */
export const CallPartySchema = z.enum(['customer', 'agent', 'system']);
export type CallParty = z.infer<typeof CallPartySchema>;

/** Why a call ended. */
export const CallEndCauseSchema = z.enum([
  /** A party hung up in the normal course of the call. */
  'hangup',
  /** The caller hung up while queued (only `queue.abandoned` carries it). */
  'abandoned',
  /** The IVR finished the call without an agent (self-service). */
  'self-service',
  /** A blacklisted caller was refused. */
  'refused',
  /** Outside business hours or on a holiday, with no other route. */
  'closed',
  /** The queue's maximum wait passed with nowhere else to go. */
  'max-wait',
  /** The caller left a voicemail. */
  'voicemail',
  /** The caller chose to be called back; the callback is a call of its own. */
  'callback',
  /** The post-call survey finished. */
  'survey-complete',
  /** Outbound: nobody answered, or the far end was busy or refused. */
  'no-answer',
  'busy',
  /** A blind transfer to a number outside the system; we no longer carry the call. */
  'transferred-out',
  /** Signalling or media of a leg failed. */
  'media-failure',
  /** The gateway carrying the call went away. */
  'gateway-lost',
  /** Closed by the server after a restart found the call's legs gone. */
  'recovered',
]);
export type CallEndCause = z.infer<typeof CallEndCauseSchema>;

export const OfferResultSchema = z.enum(['answered', 'rejected', 'timed-out', 'withdrawn', 'failed']);
export type OfferResult = z.infer<typeof OfferResultSchema>;

export const CallTransferTargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('agent'), agentId: IdSchema }),
  z.object({ kind: z.literal('queue'), queueId: IdSchema }),
  z.object({ kind: z.literal('number'), number: z.string().min(1).max(64) }),
  z.object({ kind: z.literal('ivr'), flowId: LocalIdSchema }),
]);
export type CallTransferTarget = z.infer<typeof CallTransferTargetSchema>;

/** A third party brought into a three-way conference: one of our agents or a phone number. */
const OutsidePartySchema = z.object({ kind: z.literal('number'), number: z.string().min(1).max(64) });
export const ConferencePartySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('agent'), agentId: IdSchema }),
  OutsidePartySchema,
]);
export type ConferenceParty = z.infer<typeof ConferencePartySchema>;

function event<T extends string, D extends z.ZodType>(type: T, data: D) {
  return z.object({ type: z.literal(type), data });
}

// ── start and IVR ─────────────────────────────────────────────────────────────────────

export const CallStartedSchema = event(
  'call.started',
  z.object({
    direction: CallDirectionSchema,
    channel: CallChannelSchema,
    /** ANI: the caller's number, or the web caller's identity; empty when withheld. */
    ani: z.string().max(128),
    /** DNIS: the number or address dialed (`1000`, a trunk DID, the widget's entry). */
    dnis: z.string().max(128),
    /** The configured entry point that took the call (widget key, DID rule), if any. */
    entryPoint: z.string().max(64).nullable(),
    /** Outbound and internal calls: the agent placing the call. */
    agentId: IdSchema.nullable(),
    /** A callback placed for an earlier call. */
    callbackOfCallId: IdSchema.nullable(),
  }),
);

export const IvrNodeEnteredSchema = event(
  'ivr.node-entered',
  z.object({ flowId: LocalIdSchema, nodeId: LocalIdSchema, nodeType: z.string().max(32).nullable() }),
);

/** One key the caller pressed, wherever the call was (IVR, queue, talking to an agent). */
export const DigitPressedSchema = event(
  'digit.pressed',
  z
    .object({
      /** The IVR node that was listening, or null outside the IVR. */
      nodeId: LocalIdSchema.nullable(),
      /** Null exactly when `masked`. */
      digit: DtmfDigitSchema.nullable(),
      masked: z.boolean(),
    })
    .refine((d) => d.masked === (d.digit === null), { message: 'a digit is null exactly when masked', path: ['digit'] }),
);

/** The IVR finished collecting one input (a menu choice, an account number, a PIN). */
export const IvrInputCollectedSchema = event(
  'ivr.input-collected',
  z
    .object({
      nodeId: LocalIdSchema,
      /** The flow variable it was stored in, e.g. `accountNumber`. */
      name: z.string().min(1).max(64),
      /** Null when masked or when nothing valid was entered. */
      value: z.string().max(256).nullable(),
      masked: z.boolean(),
      status: z.enum(['ok', 'no-input', 'no-match']),
    })
    .refine((d) => !d.masked || d.value === null, { message: 'a masked input has no value', path: ['value'] }),
);

/**
 * How a call's customer was found: by the caller's number, by what they keyed in the IVR
 * (account, PIN), by the agent who dialled them, or by the identity the web page that
 * embeds the widget declared for its visitor (not verified).
 */
export const CrmMatchedBySchema = z.enum(['caller-number', 'ivr-input', 'agent', 'web-visitor']);
export type CrmMatchedBy = z.infer<typeof CrmMatchedBySchema>;

export const CrmMatchedSchema = event('crm.matched', z.object({ customerId: IdSchema, matchedBy: CrmMatchedBySchema }));

// ── queue ─────────────────────────────────────────────────────────────────────────────

export const QueueEnteredSchema = event(
  'queue.entered',
  z.object({
    queueId: IdSchema,
    /** As the ACD ranks it (VIP callers higher). */
    priority: z.number().int().min(0).max(1000),
    skills: z.array(z.object({ skill: z.string().min(1).max(64), minLevel: z.number().int().min(1).max(10) })).max(20),
    /** 1-based position on entry, if known. */
    position: z.number().int().positive().nullable(),
  }),
);

/** A position / estimated-wait announcement played to the waiting caller. */
export const QueueAnnouncementSchema = event(
  'queue.announcement',
  z.object({
    queueId: IdSchema,
    position: z.number().int().positive(),
    /** The estimated wait announced; null when only the position was announced. */
    ewtSeconds: z.number().nonnegative().nullable(),
  }),
);

/** The waiting call moved to another queue; its wait goes on (measured from the first entry). */
export const QueueOverflowedSchema = event(
  'queue.overflowed',
  z.object({ fromQueueId: IdSchema, toQueueId: IdSchema, reason: z.enum(['max-wait', 'no-agents', 'rule']) }),
);

/** The call left the queue without an agent and without hanging up (to voicemail, callback …). */
export const QueueExitedSchema = event(
  'queue.exited',
  z.object({
    queueId: IdSchema,
    reason: z.enum(['callback', 'voicemail', 'max-wait', 'no-agents', 'closed', 'caller-choice']),
  }),
);

/** The caller hung up while queued. Ends the call. */
export const QueueAbandonedSchema = event(
  'queue.abandoned',
  z.object({ queueId: IdSchema, position: z.number().int().positive().nullable() }),
);

// ── offers and answer ─────────────────────────────────────────────────────────────────

export const OfferMadeSchema = event(
  'offer.made',
  z.object({ offerId: LocalIdSchema, agentId: IdSchema, queueId: IdSchema, ringUntil: IsoTimeSchema }),
);

/** An offer that ended without being answered (the answer is `call.answered`). */
export const OfferEndedSchema = event(
  'offer.ended',
  z.object({
    offerId: LocalIdSchema,
    agentId: IdSchema,
    result: OfferResultSchema.exclude(['answered']),
  }),
);

/** The customer is connected to an agent: from an offer, a pick from the queue, or an outbound answer. */
export const CallAnsweredSchema = event(
  'call.answered',
  z.object({ agentId: IdSchema, offerId: LocalIdSchema.nullable() }),
);

// ── in the call ───────────────────────────────────────────────────────────────────────

export const CallHeldSchema = event('call.held', z.object({ agentId: IdSchema }));
export const CallResumedSchema = event('call.resumed', z.object({ agentId: IdSchema }));

export const TransferInitiatedSchema = event(
  'transfer.initiated',
  z.object({
    transferId: LocalIdSchema,
    kind: z.enum(['blind', 'consult']),
    /** The agent who transfers; null when the IVR sends the caller on (a transfer node). */
    fromAgentId: IdSchema.nullable(),
    target: CallTransferTargetSchema,
  }),
);

/**
 * The transfer took effect: the transferring agent left; `toAgentId` is connected now (null
 * for a transfer to a queue, an IVR or an outside number).
 */
export const TransferCompletedSchema = event(
  'transfer.completed',
  z.object({ transferId: LocalIdSchema, toAgentId: IdSchema.nullable() }),
);

export const TransferFailedSchema = event(
  'transfer.failed',
  z.object({
    transferId: LocalIdSchema,
    reason: z.enum(['no-answer', 'rejected', 'busy', 'cancelled', 'conferenced', 'failed']),
  }),
);

export const ConferenceJoinedSchema = event(
  'conference.joined',
  z.object({ byAgentId: IdSchema, party: ConferencePartySchema }),
);

/** An outside conference party left (agents leave with `agent.hung-up`). */
export const ConferenceLeftSchema = event(
  'conference.left',
  z.object({ party: OutsidePartySchema }),
);

/** One agent left the call; the others (and the caller) may stay. */
export const AgentHungUpSchema = event('agent.hung-up', z.object({ agentId: IdSchema }));

export const SupervisorJoinedSchema = event(
  'supervisor.joined',
  z.object({ supervisorId: IdSchema, mode: z.enum(['listen', 'whisper', 'barge']) }),
);
export const SupervisorLeftSchema = event('supervisor.left', z.object({ supervisorId: IdSchema }));

export const RecordingStartedSchema = event('recording.started', z.object({ recordingId: LocalIdSchema }));
export const RecordingStoppedSchema = event(
  'recording.stopped',
  z.object({
    recordingId: LocalIdSchema,
    /** Where the file is kept (relative to the recordings store), null if it was not kept. */
    path: z.string().min(1).max(512).nullable(),
    durationSeconds: z.number().nonnegative().nullable(),
  }),
);

// ── end ───────────────────────────────────────────────────────────────────────────────

/** The customer's side of the call is over. */
export const CallEndedSchema = event(
  'call.ended',
  z.object({
    by: CallPartySchema,
    /** The agent who hung up, when `by` is `agent`. */
    agentId: IdSchema.nullable(),
    cause: CallEndCauseSchema.exclude(['abandoned']),
    /** More about why: the IVR hangup node's reason, a SIP reason phrase, a media error. */
    detail: ReasonTextSchema.nullable(),
  }),
);

export const VoicemailLeftSchema = event(
  'voicemail.left',
  z.object({
    recordingId: LocalIdSchema,
    path: z.string().min(1).max(512).nullable(),
    durationSeconds: z.number().nonnegative(),
    queueId: IdSchema.nullable(),
  }),
);

export const CallbackRequestedSchema = event(
  'callback.requested',
  z.object({
    number: z.string().min(1).max(64),
    queueId: IdSchema.nullable(),
    /** When the caller asked to be called; null for as soon as possible. */
    scheduledFor: IsoTimeSchema.nullable(),
  }),
);

/** The callback was dialed, as a call of its own. */
export const CallbackPlacedSchema = event('callback.placed', z.object({ callbackCallId: IdSchema }));

// ── after the call ────────────────────────────────────────────────────────────────────

export const WrapUpStartedSchema = event('wrap-up.started', z.object({ agentId: IdSchema }));
export const WrapUpEndedSchema = event('wrap-up.ended', z.object({ agentId: IdSchema }));

export const DispositionSetSchema = event(
  'disposition.set',
  z.object({ agentId: IdSchema, code: z.string().trim().min(1).max(64), notes: z.string().max(4000) }),
);

export const TicketLinkedSchema = event(
  'ticket.linked',
  z.object({ agentId: IdSchema.nullable(), ticketId: z.string().min(1).max(64) }),
);

/** The caller's answer to one question of the post-call survey: a key from 1 to `maxScore`. */
export const SurveyScoredSchema = event(
  'survey.scored',
  z
    .object({
      survey: z.string().min(1).max(64),
      question: z.string().min(1).max(64),
      score: z.number().int().min(1).max(9),
      maxScore: z.number().int().min(1).max(9),
    })
    .refine((d) => d.score <= d.maxScore, { message: 'at most maxScore', path: ['score'] }),
);

// ── the union ─────────────────────────────────────────────────────────────────────────

/** An event as the writer appends it: its type and data. */
export const CallEventBodySchema = z.discriminatedUnion('type', [
  CallStartedSchema,
  IvrNodeEnteredSchema,
  DigitPressedSchema,
  IvrInputCollectedSchema,
  CrmMatchedSchema,
  QueueEnteredSchema,
  QueueAnnouncementSchema,
  QueueOverflowedSchema,
  QueueExitedSchema,
  QueueAbandonedSchema,
  OfferMadeSchema,
  OfferEndedSchema,
  CallAnsweredSchema,
  CallHeldSchema,
  CallResumedSchema,
  TransferInitiatedSchema,
  TransferCompletedSchema,
  TransferFailedSchema,
  ConferenceJoinedSchema,
  ConferenceLeftSchema,
  AgentHungUpSchema,
  SupervisorJoinedSchema,
  SupervisorLeftSchema,
  RecordingStartedSchema,
  RecordingStoppedSchema,
  CallEndedSchema,
  VoicemailLeftSchema,
  CallbackRequestedSchema,
  CallbackPlacedSchema,
  WrapUpStartedSchema,
  WrapUpEndedSchema,
  DispositionSetSchema,
  TicketLinkedSchema,
  SurveyScoredSchema,
]);
export type CallEventBody = z.infer<typeof CallEventBodySchema>;
export type CallEventType = CallEventBody['type'];
export type CallEventData<T extends CallEventType> = Extract<CallEventBody, { type: T }>['data'];

/** Every event type, in catalogue order. */
export const CALL_EVENT_TYPES = CallEventBodySchema.options.map((option) => option.shape.type.value) as CallEventType[];

/** A stored event as the API returns it: its place in the call's order and its time. */
export const CallEventSchema = CallEventBodySchema.and(
  z.object({
    /** Order within the call, from 1. */
    seq: z.number().int().positive(),
    at: z.string(),
  }),
);
export type CallEvent = z.infer<typeof CallEventSchema>;
