import { z } from 'zod';

/**
 * A supervisor steps into a live call (issue 6 point 2) through their own softphone: the
 * server rings it (`ringsAs` is the caller the softphone sees, so the supervisor app answers
 * that call and no other), and once answered the supervisor's leg joins the call's bridge
 * with a mixer role:
 *
 *   mode     │ supervisor hears │ agent hears supervisor │ customer hears supervisor
 *   listen   │ everyone         │ no                     │ no
 *   whisper  │ everyone         │ yes                    │ no
 *   barge    │ everyone         │ yes                    │ yes
 *
 * The mode may change any number of times during one intervention. The agent's desk shows a
 * whisper or a barge (`AgentCallView.supervisors`) and nothing of a silent listen. Each
 * intervention is audited (`monitor/start`, `monitor/mode`, `monitor/end` with who, whom,
 * which call, every mode with its times, start and end).
 *
 *   ringing ──answered──► connected ──mode──► connected
 *      │                     │
 *      └── not answered,     └── supervisor ends it, hangs up, or the call ends ──► ended
 *          call ended ──► ended
 */
export const InterventionModeSchema = z.enum(['listen', 'whisper', 'barge']);
export type InterventionMode = z.infer<typeof InterventionModeSchema>;

/** A live call's id (the inbound call, a callback's or a dialled call's record). */
export const LiveCallIdParamSchema = z.object({ callId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'a call id is a UUID') });

/** An intervention's id (the supervisor's leg in the call). */
export const InterventionIdParamSchema = z.object({ interventionId: z.string().regex(/^[A-Za-z0-9.-]{1,80}$/, 'an intervention id is letters, digits, "-" and "."') });

/** `POST /api/calls/:callId/interventions` and `PATCH /api/interventions/:interventionId`. */
export const InterventionRequestSchema = z.strictObject({ mode: InterventionModeSchema });
export type InterventionRequest = z.infer<typeof InterventionRequestSchema>;

export const InterventionEndReasonSchema = z.enum([
  /** The supervisor ended it (the app's End button). */
  'ended',
  /** The supervisor's softphone hung up. */
  'hung-up',
  /** The call ended or left the agents (the customer hung up, went back to the queue, was transferred out). */
  'call-ended',
  /** The supervisor's softphone did not answer in time or refused. */
  'not-answered',
  /** The supervisor's softphone could not be rung, or the gateway refused to join the leg. */
  'failed',
]);
export type InterventionEndReason = z.infer<typeof InterventionEndReasonSchema>;

export const InterventionSchema = z.object({
  interventionId: z.string(),
  callId: z.string(),
  /** The agent whose call it is (the first agent on it when the supervisor stepped in). */
  agentId: z.string().nullable(),
  agentName: z.string(),
  customerNumber: z.string(),
  supervisorId: z.string(),
  mode: InterventionModeSchema,
  state: z.enum(['ringing', 'connected', 'ended']),
  /** The caller the supervisor's softphone sees for this intervention's call. */
  ringsAs: z.string(),
  requestedAt: z.string(),
  connectedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  endReason: InterventionEndReasonSchema.nullable(),
});
export type Intervention = z.infer<typeof InterventionSchema>;

/** Expected refusals of an intervention request. */
export const MonitorErrorCode = {
  /** The call is not connected to an agent now (in the IVR, queued, ringing, ended, or put through by the IVR). */
  NotConnected: 'monitor/not-connected',
  /** No live call has this id. */
  UnknownCall: 'monitor/unknown-call',
  /** No intervention in progress has this id. */
  UnknownIntervention: 'monitor/unknown-intervention',
  /** The intervention is another supervisor's. */
  NotYours: 'monitor/not-yours',
  /** The supervisor is in another intervention already (one softphone, one call). */
  Busy: 'monitor/busy',
  /** The supervisor's softphone is not registered, so it cannot be rung. */
  PhoneUnreachable: 'monitor/phone-unreachable',
} as const;
export type MonitorErrorCode = (typeof MonitorErrorCode)[keyof typeof MonitorErrorCode];
