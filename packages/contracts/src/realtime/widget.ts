import { z } from 'zod';
import { DialNumberSchema } from './agent-call.js';

/**
 * The click-to-call widget's view of its own call, and how a visitor proves which call is
 * theirs. A visitor has no account: the call token (`POST /api/widget/call-token`) is a SIP
 * credential for a fresh SIP user `widget.<entry number>.<random>`, and presenting that
 * credential (its authorisation username and password) is what lets the visitor read the
 * status of, or ask a callback for, the call that SIP user placed and no other.
 */

/** The credential of a call token, as the visitor presents it back. */
export const VisitorCredentialSchema = z.strictObject({
  authorizationUsername: z.string().min(1).max(200),
  password: z.string().min(1).max(200),
});
export type VisitorCredential = z.infer<typeof VisitorCredentialSchema>;

/**
 * Where the visitor's call is, as the server knows it from the call's timeline:
 * - `waiting`: no call from this visitor has reached the contact center yet;
 * - `ivr`: the IVR is talking with the caller (menus, self-service, the survey);
 * - `queued`: waiting for an agent, `position` 1-based when known;
 * - `talking`: connected to an agent; `on-hold`: the agent put the call on hold;
 * - `callback-booked`: the caller will be called back at `number` (they keep their place);
 * - `ended`: the call is over.
 */
export const WidgetCallStatusSchema = z.discriminatedUnion('phase', [
  z.object({ phase: z.literal('waiting') }),
  z.object({ phase: z.literal('ivr') }),
  z.object({ phase: z.literal('queued'), position: z.number().int().positive().nullable() }),
  z.object({ phase: z.literal('talking') }),
  z.object({ phase: z.literal('on-hold') }),
  z.object({ phase: z.literal('callback-booked'), number: z.string().min(1).max(64) }),
  z.object({ phase: z.literal('ended') }),
]);
export type WidgetCallStatus = z.infer<typeof WidgetCallStatusSchema>;
export type WidgetCallPhase = WidgetCallStatus['phase'];

/**
 * The Socket.IO namespace `/widget` (path `/socket.io`, WebSocket transport): the handshake's
 * `auth` is the visitor's credential; a bad, expired or unknown one never connects. The
 * server then sends `widget:status` at once and on every change of the visitor's call.
 */
export const WIDGET_NAMESPACE = '/widget';
export const WidgetHandshakeAuthSchema = VisitorCredentialSchema;

export interface WidgetServerToClientEvents {
  'widget:status': (status: WidgetCallStatus) => void;
}
// The visitor only listens; it sends nothing over the channel.
export type WidgetClientToServerEvents = Record<string, never>;

/**
 * `POST /api/widget/callback`: the visitor, waiting in a queue, asks to be called back at a
 * phone number instead. The call keeps its place; the web call ends with a goodbye.
 */
export const WidgetCallbackRequestSchema = VisitorCredentialSchema.extend({ number: DialNumberSchema });
export type WidgetCallbackRequest = z.infer<typeof WidgetCallbackRequestSchema>;

export const WidgetCallbackSchema = z.object({ number: z.string() });
export type WidgetCallback = z.infer<typeof WidgetCallbackSchema>;
