import { z } from 'zod';
import { AgentActivitySchema, WallboardSchema, WallboardThresholdsSchema } from '../calls/wallboard.js';
import { CallChannelSchema, CallDirectionSchema, CrmMatchedBySchema } from '../calls/call-events.js';

/**
 * What the live channel carries for the contact center: an agent's state (both ways), the
 * offer that rings an agent with its screen pop, and the supervisor's wallboard. The server
 * parses every client payload with these schemas; the apps render the server's payloads.
 */

const IsoTime = z.string();

// ── agent state ───────────────────────────────────────────────────────────────────────

/** The ACD's agent states (see the diagram in the server's `acd/domain/agent-state.ts`). */
export const AgentStateNameSchema = z.enum(['offline', 'available', 'not-ready', 'reserved', 'on-call', 'after-call-work']);
export type AgentStateName = z.infer<typeof AgentStateNameSchema>;

/** Why an agent who declared themself ready is still offered nothing. */
export const UnreachableReasonSchema = z.enum(['no-tab', 'heartbeat-missed', 'no-registration', 'registration-expired']);
export type UnreachableReason = z.infer<typeof UnreachableReasonSchema>;

/** An agent's state as the agent's tab and the wallboard show it. */
export const AgentStateViewSchema = z.object({
  agentId: z.string(),
  state: AgentStateNameSchema,
  /** The not-ready reason (`break`, `missed-offer`, …) while not ready, else null. */
  reasonId: z.string().nullable(),
  since: IsoTime,
  /** End of the automatic after-call work, when the state is `after-call-work` and it has one. */
  wrapUpUntil: IsoTime.nullable(),
  /** Whether offers can reach the agent: a live tab with heartbeats and a registered softphone. */
  reachable: z.boolean(),
  unreachable: UnreachableReasonSchema.nullable(),
  /** The offer ringing while `reserved`. */
  offerId: z.string().nullable(),
});
export type AgentStateView = z.infer<typeof AgentStateViewSchema>;

/**
 * The not-ready reasons every install starts with (migration 0005 seeds them). The live list
 * is the administrator's: `GET /api/not-ready-reasons` (agents get the active ones).
 */
export const NOT_READY_REASONS = ['break', 'lunch', 'meeting', 'training', 'other'] as const;

/**
 * `agent:setState`: what the agent asks for. `available` also ends after-call work early;
 * `offline` logs the agent out of the ACD (the tab stays connected).
 */
export const SetAgentStateSchema = z.discriminatedUnion('state', [
  z.strictObject({ state: z.literal('available') }),
  z.strictObject({ state: z.literal('not-ready'), reasonId: z.string().min(1).max(64) }),
  z.strictObject({ state: z.literal('offline') }),
]);
export type SetAgentState = z.infer<typeof SetAgentStateSchema>;

// ── offers and the screen pop ─────────────────────────────────────────────────────────

export const ScreenPopCustomerSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  phoneNumber: z.string().nullable(),
  email: z.string().nullable(),
  accountNumber: z.string().nullable(),
  balanceCents: z.number().int(),
  language: z.string(),
  notes: z.string(),
});
export type ScreenPopCustomer = z.infer<typeof ScreenPopCustomerSchema>;

/** One earlier call of the same customer (or the same number), newest first. */
export const RecentInteractionSchema = z.object({
  callId: z.string(),
  startedAt: IsoTime,
  direction: CallDirectionSchema,
  channel: CallChannelSchema,
  status: z.enum(['in-progress', 'ended']),
  queueId: z.string().nullable(),
  agentIds: z.array(z.string()),
  waitOutcome: z.string().nullable(),
  talkSeconds: z.number().nullable(),
  disposition: z.string().nullable(),
  notes: z.string().nullable(),
});
export type RecentInteraction = z.infer<typeof RecentInteractionSchema>;

/** One step of the caller's way through the IVR (secret inputs arrive masked). */
export const IvrStepSchema = z.object({
  nodeId: z.string(),
  kind: z.string(),
  at: IsoTime,
  input: z.string().nullable(),
  outcome: z.string().nullable(),
});
export type IvrStep = z.infer<typeof IvrStepSchema>;

/** `agent:offer`: a call rings this agent. Sent to the agent's room: every tab shows it (one tab owns the phone). */
export const AgentOfferSchema = z.object({
  offerId: z.string(),
  callId: z.string(),
  queueId: z.string(),
  queueName: z.string(),
  /** When the offer stops ringing this agent. */
  ringUntil: IsoTime,
  /** A callback: the customer is not on the line yet; answering dials them. */
  callback: z.boolean(),
  caller: z.object({
    /** ANI, or the number to call back. */
    number: z.string(),
    /** DNIS: what the customer dialed. */
    dialed: z.string(),
    channel: CallChannelSchema,
    vip: z.boolean(),
    language: z.string(),
  }),
  /** The CRM record found by the caller's number or the IVR's inputs. */
  customer: ScreenPopCustomerSchema.nullable(),
  /** How the call's customer was found (`web-visitor`: the embedding page said who the visitor is, unverified); null: not found. */
  customerMatchedBy: CrmMatchedBySchema.nullable().default(null),
  recentInteractions: z.array(RecentInteractionSchema),
  /**
   * The CRM part (`customer`, `recentInteractions`) is still being read: it follows as
   * `agent:offerCustomer`. The phone does not wait for the database to ring.
   */
  customerPending: z.boolean().default(false),
  /**
   * A colleague puts this call through (`call:transfer`): who, and how. Blind: answering
   * takes the customer; consult: answering talks to the colleague first (the customer is on
   * hold). Absent (or null) for a call from the queue.
   */
  transfer: z.object({ kind: z.enum(['blind', 'consult']), fromAgentId: z.string(), fromName: z.string() }).nullable().optional(),
  ivr: z.object({
    flowId: z.string().nullable(),
    path: z.array(IvrStepSchema),
    /** The call's variables (account number, language, menu choices …), secrets left out. */
    inputs: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  }),
});
export type AgentOffer = z.infer<typeof AgentOfferSchema>;

/** `agent:offerCustomer`: the CRM part of an offer sent while it was still being read (to the agent's room too). */
export const AgentOfferCustomerSchema = z.object({
  offerId: z.string(),
  customer: ScreenPopCustomerSchema.nullable(),
  recentInteractions: z.array(RecentInteractionSchema),
});
export type AgentOfferCustomer = z.infer<typeof AgentOfferCustomerSchema>;

/** `agent:offerEnded`: the offer stopped ringing this agent. */
export const AgentOfferEndedSchema = z.object({
  offerId: z.string(),
  reason: z.enum(['answered', 'timeout', 'rejected', 'withdrawn', 'failed']),
});
export type AgentOfferEnded = z.infer<typeof AgentOfferEndedSchema>;

// ── the wallboard ─────────────────────────────────────────────────────────────────────

/**
 * `wallboard:snapshot` (on connect) and `wallboard:update` (within a second of a change):
 * the queue figures, the queues' names, and each agent's state.
 */
export const WallboardSnapshotSchema = z.object({
  figures: WallboardSchema,
  queues: z.array(z.object({ queueId: z.string(), name: z.string(), thresholds: WallboardThresholdsSchema })),
  agents: z.array(
    z.object({
      agentId: z.string(),
      displayName: z.string(),
      extension: z.string(),
      state: AgentStateNameSchema,
      /** How the wallboard counts the agent; null while logged out. */
      activity: AgentActivitySchema.nullable(),
      reasonId: z.string().nullable(),
      since: IsoTime,
      reachable: z.boolean(),
    }),
  ),
});
export type WallboardSnapshot = z.infer<typeof WallboardSnapshotSchema>;
