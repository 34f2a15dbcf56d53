import { z } from 'zod';
import { type ApiError } from '../errors.js';
import { SessionUserSchema } from '../rest/auth.js';
import {
  type AgentOffer,
  type AgentOfferCustomer,
  AgentOfferCustomerSchema,
  AgentOfferEndedSchema,
  type AgentOfferEnded,
  AgentOfferSchema,
  type AgentStateView,
  AgentStateViewSchema,
  type SetAgentState,
  SetAgentStateSchema,
  type WallboardSnapshot,
  WallboardSnapshotSchema,
} from './agent-desk.js';
import { type AgentMessage, AgentMessageSchema } from '../rest/agent-control.js';
import { type Intervention, InterventionSchema } from '../rest/monitoring.js';
import {
  type AgentCallView,
  AgentCallViewSchema,
  type CallConsultAction,
  CallConsultActionSchema,
  type CallDial,
  CallDialSchema,
  type CallTransferRequest,
  CallTransferRequestSchema,
  type CallWrapUp,
  CallWrapUpSchema,
} from './agent-call.js';

/**
 * Socket.IO events, typed both ways. The server parses every client payload with the
 * schema named here before acting; an invalid one is answered with an error
 * acknowledgement and changes nothing.
 *
 * Rooms the server puts a socket in at connect: `role:<role>`, `user:<userId>`, and for
 * agents `agent:<agentId>`.
 */

/** Acknowledgement of every client → server event. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ApiError };

// ── client → server ──────────────────────────────────────────────────────────────────

/** A tab says it is alive; the core issue's liveness check stops offers to silent tabs. */
export const HeartbeatPayloadSchema = z.object({
  /** The tab's own id, stable for the tab's life; several tabs of one user differ. */
  tabId: z.string().min(1).max(64),
  /** Client clock in ms since the epoch, for measuring clock skew and round trip. */
  sentAt: z.number().int().nonnegative(),
  /** Whether the page is visible; a hidden tab is still a live tab. */
  visible: z.boolean(),
});
export type HeartbeatPayload = z.infer<typeof HeartbeatPayloadSchema>;

export const HeartbeatAckSchema = z.object({ serverTime: z.number() });
export type HeartbeatAck = z.infer<typeof HeartbeatAckSchema>;

export const clientEventSchemas = {
  'presence:heartbeat': HeartbeatPayloadSchema,
  /** Agents only: Available, Not ready (with a reason) or logged out of the ACD; answers the new state. */
  'agent:setState': SetAgentStateSchema,
  /** Agents only, about the call they are on (see `agent-call.ts`). */
  'call:transfer': CallTransferRequestSchema,
  'call:consult': CallConsultActionSchema,
  'call:wrapUp': CallWrapUpSchema,
  'call:dial': CallDialSchema,
} as const;

export interface ClientToServerEvents {
  'presence:heartbeat': (payload: HeartbeatPayload, ack: (reply: Ack<HeartbeatAck>) => void) => void;
  'agent:setState': (payload: SetAgentState, ack: (reply: Ack<AgentStateView>) => void) => void;
  'call:transfer': (payload: CallTransferRequest, ack: (reply: Ack<{ transferId: string }>) => void) => void;
  'call:consult': (payload: CallConsultAction, ack: (reply: Ack<AgentCallView>) => void) => void;
  'call:wrapUp': (payload: CallWrapUp, ack: (reply: Ack<AgentStateView>) => void) => void;
  'call:dial': (payload: CallDial, ack: (reply: Ack<{ callId: string }>) => void) => void;
}
export type ClientEventName = keyof ClientToServerEvents;

// ── server → client ──────────────────────────────────────────────────────────────────

export const SessionReadySchema = z.object({
  user: SessionUserSchema,
  rooms: z.array(z.string()),
  serverTime: z.number(),
});
export type SessionReady = z.infer<typeof SessionReadySchema>;

/** The server ends this session (user deactivated, role changed, logged out elsewhere). */
export const SessionRevokedSchema = z.object({
  reason: z.enum(['deactivated', 'role-changed', 'password-changed']),
});
export type SessionRevoked = z.infer<typeof SessionRevokedSchema>;

/** Who is connected to the live channel right now, for supervisors. */
export const PresenceSnapshotSchema = z.object({
  online: z.array(
    z.object({
      userId: z.string(),
      username: z.string(),
      role: SessionUserSchema.shape.role,
      tabs: z.number().int().nonnegative(),
      lastSeenAt: z.number(),
    }),
  ),
});
export type PresenceSnapshot = z.infer<typeof PresenceSnapshotSchema>;

export const serverEventSchemas = {
  'session:ready': SessionReadySchema,
  'session:revoked': SessionRevokedSchema,
  'presence:snapshot': PresenceSnapshotSchema,
  /** To the agent's room: on connect, and on every state or reachability change. */
  'agent:state': AgentStateViewSchema,
  /** To the agent's room (every tab): the call that rings the agent's softphone, and its screen pop. */
  'agent:offer': AgentOfferSchema,
  /** To the agent's room: the CRM part of an offer that went out before it was read. */
  'agent:offerCustomer': AgentOfferCustomerSchema,
  /** To the agent's room: the offer stopped ringing. */
  'agent:offerEnded': AgentOfferEndedSchema,
  /** To the agent's room: the call the agent is in, on every change (all tabs show it). */
  'agent:call': AgentCallViewSchema,
  /** To the agent's room, or to every agent: a supervisor's message. */
  'agent:message': AgentMessageSchema,
  /** To the user's room of the supervisor who stepped into a call: their intervention on every change. */
  'supervisor:intervention': InterventionSchema,
  /** To a supervisor or admin on connect. */
  'wallboard:snapshot': WallboardSnapshotSchema,
  /** To supervisors and admins, within a second of a change. */
  'wallboard:update': WallboardSnapshotSchema,
} as const;

export interface ServerToClientEvents {
  'session:ready': (payload: SessionReady) => void;
  'session:revoked': (payload: SessionRevoked) => void;
  'presence:snapshot': (payload: PresenceSnapshot) => void;
  'agent:state': (payload: AgentStateView) => void;
  'agent:offer': (payload: AgentOffer) => void;
  'agent:offerCustomer': (payload: AgentOfferCustomer) => void;
  'agent:offerEnded': (payload: AgentOfferEnded) => void;
  'agent:call': (payload: AgentCallView) => void;
  'agent:message': (payload: AgentMessage) => void;
  /** To the supervisor who stepped into a call: their intervention as it changes (connected, mode, ended). */
  'supervisor:intervention': (payload: Intervention) => void;
  'wallboard:snapshot': (payload: WallboardSnapshot) => void;
  'wallboard:update': (payload: WallboardSnapshot) => void;
}
export type ServerEventName = keyof ServerToClientEvents;

/** Sent in the Socket.IO handshake: `io(url, { auth: { token } })`. */
export const HandshakeAuthSchema = z.object({ token: z.string().min(1) });
