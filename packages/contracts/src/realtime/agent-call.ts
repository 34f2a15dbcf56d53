import { z } from 'zod';
import { CallDirectionSchema } from '../calls/call-events.js';

/**
 * The agent's control of the call they are on, over the live channel. The agent's softphone
 * carries the audio and holds by re-INVITE (the gateway reports the hold, the server plays the
 * customer music); everything that changes *who is in the call* (transfer, consult,
 * conference, dial out) is asked of the server here, because the gateway is a B2BUA and the
 * server owns the call: the customer's leg is never renegotiated.
 */

const IsoTime = z.string();

/** A number the trunk can dial: digits, an optional leading +. */
export const DialNumberSchema = z
  .string()
  .trim()
  .regex(/^\+?[0-9]{3,20}$/, 'a phone number: 3 to 20 digits, an optional leading +');

/** Where an agent sends a call: another agent, a queue, or a phone number (out through the trunk). */
export const AgentTransferTargetSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('agent'), agentId: z.string().min(1).max(64) }),
  z.strictObject({ kind: z.literal('queue'), queueId: z.string().min(1).max(64) }),
  z.strictObject({ kind: z.literal('number'), number: DialNumberSchema }),
]);
export type AgentTransferTarget = z.infer<typeof AgentTransferTargetSchema>;

// ── client → server ──────────────────────────────────────────────────────────────────

/**
 * `call:transfer`. Blind: the target is rung (an agent gets an offer with the screen pop and
 * `transfer` set; a queue takes the caller back with their priority, ahead of later callers
 * of it; a number is dialled showing the caller's number) and this agent leaves the call at
 * once, into wrap-up; the caller hears music until the target answers, and goes back to the
 * queue they came from if it does not. Consult: the customer is held (music) and this agent
 * talks to the target first (an agent or a number, not a queue); then `call:consult`
 * completes, cancels or conferences. Answers `{ transferId }`. Refused (`CallControlErrorCode`)
 * when the agent is not on the call, a transfer is under way, the call is a conference, the
 * target agent is not free and reachable, the queue does not exist, or there is no trunk.
 */
export const CallTransferRequestSchema = z.strictObject({
  callId: z.string().min(1).max(64),
  kind: z.enum(['blind', 'consult']),
  target: AgentTransferTargetSchema,
});
export type CallTransferRequest = z.infer<typeof CallTransferRequestSchema>;

/**
 * `call:consult`: what to do with the consulted party. `complete`: the customer and the target
 * talk, this agent leaves into wrap-up. `cancel`: the target is hung up, the customer is back
 * with this agent. `conference`: all three talk (a three-way conference); each agent leaves it
 * by hanging up. `complete` and `conference` need the target to have answered. Answers this
 * agent's `AgentCallView`. (Hanging up the softphone while the target talks also completes.)
 */
export const CallConsultActionSchema = z.strictObject({
  callId: z.string().min(1).max(64),
  action: z.enum(['complete', 'cancel', 'conference']),
});
export type CallConsultAction = z.infer<typeof CallConsultActionSchema>;

/**
 * `call:wrapUp`: the after-call form. The disposition is required (an active code of
 * `GET /api/dispositions`, else `request/invalid` naming `disposition`); a ticket the agent
 * created or updated for the call (`POST /api/tickets`) is linked by id. Ends the agent's
 * after-call work for this call: they are available (answers their `AgentStateView`). Only
 * an agent who took part in the call: for the call they are in after-call work for, or
 * (late) their last call up to an hour after leaving it. Once per agent and call: a second
 * one is `call-control/already-wrapped-up`.
 */
export const CallWrapUpSchema = z.strictObject({
  callId: z.string().min(1).max(64),
  disposition: z.string().trim().min(1).max(64),
  notes: z.string().max(4000).default(''),
  ticketId: z.string().min(1).max(64).nullable().default(null),
});
export type CallWrapUp = z.infer<typeof CallWrapUpSchema>;

/**
 * `call:dial`: click-to-dial. The agent's softphone rings first (auto-answer is not assumed;
 * the call shows the dialled number as its caller, and `agent:call` says `dialing` at once),
 * then the number is dialled through the trunk and the two are bridged when it answers.
 * `customerId` files the call with that CRM record (one that does not exist is left out).
 * Answers `{ callId }`. Only from available, not ready or after-call work (which it ends),
 * with a registered softphone and a trunk; the ACD offers the agent nothing meanwhile, and
 * after-call work follows the call.
 */
export const CallDialSchema = z.strictObject({
  number: DialNumberSchema,
  customerId: z.string().min(1).max(64).nullable().default(null),
});
export type CallDial = z.infer<typeof CallDialSchema>;

export const TransferStartedSchema = z.object({ transferId: z.string() });
export type TransferStarted = z.infer<typeof TransferStartedSchema>;
export const CallDialledSchema = z.object({ callId: z.string() });
export type CallDialled = z.infer<typeof CallDialledSchema>;

/**
 * Why the server refused a call-control request (the acknowledgement's `error.code`); an
 * invalid payload or an unknown disposition code is `request/invalid` with the field named
 * in `issues` (`disposition`, `target.agentId` …).
 */
export const CallControlErrorCode = {
  /** The call is not this agent's: they are not on it (transfer, consult) or did not take part in it (wrap-up). */
  NotYourCall: 'call-control/not-your-call',
  /** The call's state does not allow it now: a consult already rings, the target has not answered yet, the call is ringing … */
  NotNow: 'call-control/not-now',
  /** No such agent or queue to transfer to. */
  UnknownTarget: 'call-control/unknown-target',
  /** The target agent is not free (available) or not reachable (no live tab, no registered softphone). */
  TargetUnavailable: 'call-control/target-unavailable',
  /** Dialling a number needs SIP_TRUNK_URI; this server has no trunk. */
  NoTrunk: 'call-control/no-trunk',
  /** The agent's softphone is not registered (click-to-dial rings it first). */
  PhoneUnreachable: 'call-control/phone-unreachable',
  /** This agent has already submitted the wrap-up of this call. */
  AlreadyWrappedUp: 'call-control/already-wrapped-up',
  /** The late wrap-up window of the agent's last call is over. */
  WrapUpExpired: 'call-control/wrap-up-expired',
} as const;
export type CallControlErrorCode = (typeof CallControlErrorCode)[keyof typeof CallControlErrorCode];

// ── server → client ──────────────────────────────────────────────────────────────────

/** Someone in the call besides the customer and this agent. */
export const CallPartyViewSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('agent'), agentId: z.string(), name: z.string() }),
  z.object({ kind: z.literal('queue'), queueId: z.string(), name: z.string() }),
  z.object({ kind: z.literal('number'), number: z.string() }),
]);
export type CallPartyView = z.infer<typeof CallPartyViewSchema>;

/**
 * `agent:call`, to the agent's room (every tab shows the same call; a tab that connects gets
 * the latest): the call this agent is in, whenever it changes. `phase`:
 * - `dialing`: an outbound call (click-to-dial, a callback) is ringing the far end;
 * - `talking`: with the customer (and `conference` parties, if any); a consulted agent who
 *   answered talks with the consulting agent (listed in `conference`) until they complete;
 * - `held`: the customer hears music;
 * - `consulting`: the customer is held while this agent talks to (or rings) `consult`;
 * - `wrap-up`: the call is over for this agent; the wrap-up form is open for `callId`;
 * - `ended`: nothing more for this agent to do with the call (wrap-up submitted, after-call
 *   work over, or a consult they were rung for was called off).
 */
export const AgentCallViewSchema = z.object({
  callId: z.string(),
  phase: z.enum(['dialing', 'talking', 'held', 'consulting', 'wrap-up', 'ended']),
  direction: CallDirectionSchema,
  /** The customer's number or web identity. */
  customerNumber: z.string(),
  customerId: z.string().nullable(),
  /** When this agent joined the call (answer time). */
  since: IsoTime,
  /** While held or consulting: since when the customer hears music. */
  heldSince: IsoTime.nullable(),
  consult: z
    .object({
      transferId: z.string(),
      target: CallPartyViewSchema,
      state: z.enum(['ringing', 'talking']),
    })
    .nullable(),
  /** The other parties of a three-way conference (not the customer, not this agent). */
  conference: z.array(CallPartyViewSchema),
  /**
   * Supervisors this agent hears now: coaching (whisper, the customer does not hear them) or
   * on the call with everyone (barge). A silent listen is never shown. Absent when none.
   */
  supervisors: z.array(z.object({ name: z.string(), mode: z.enum(['whisper', 'barge']) })).optional(),
});
export type AgentCallView = z.infer<typeof AgentCallViewSchema>;
