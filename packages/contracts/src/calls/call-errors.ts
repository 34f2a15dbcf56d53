/**
 * Expected failures of the call timeline, named once. The server's call state machine throws
 * them when an event may not come next; the edge maps them (HTTP 409, a Socket.IO error ack)
 * like the codes of `errors.ts`.
 */
export const CallErrorCode = {
  /** This event may not come in the call's current state (e.g. `call.resumed` when not held). */
  IllegalEvent: 'calls/illegal-event',
  /** The call has ended; only after-call events (wrap-up, disposition, …) may follow. */
  CallEnded: 'calls/ended',
  /** The event names an offer, transfer, recording, queue or agent the call does not have. */
  UnknownReference: 'calls/unknown-reference',
} as const;
export type CallErrorCode = (typeof CallErrorCode)[keyof typeof CallErrorCode];
