/**
 * Expected failures of the ACD (queues, agent states, offers), each a namespaced code. The
 * server's ACD domain throws them; the edges map them once (HTTP status, Socket.IO error
 * acknowledgement to `agent:setState`). Anything else the ACD throws is a bug.
 */
export const AcdErrorCode = {
  /** The agent's state machine does not allow this move from the agent's current state. */
  IllegalTransition: 'acd/illegal-transition',
  /** No agent with this id was defined (`defineAgent`). */
  UnknownAgent: 'acd/unknown-agent',
  /** No queue with this id was defined (`defineQueue`). */
  UnknownQueue: 'acd/unknown-queue',
  /** No waiting contact with this id: never enqueued, or already answered, abandoned or sent to voicemail. */
  UnknownContact: 'acd/unknown-contact',
  /** A contact with this id is already waiting. */
  DuplicateContact: 'acd/duplicate-contact',
  /** The not-ready reason is not one the administrator defined ('missed-offer' is the system's own). */
  UnknownNotReadyReason: 'acd/unknown-not-ready-reason',
  /** The offer no longer rings this agent: it timed out, was taken by another agent, or the caller left. */
  OfferGone: 'acd/offer-gone',
  /** The queue definition breaks a rule (the message names the field). */
  InvalidQueue: 'acd/invalid-queue',
  /** The contact to enqueue breaks a rule, e.g. a priority that is not a finite number. */
  InvalidContact: 'acd/invalid-contact',
  /** The agent definition breaks a rule, e.g. a skill level outside 1…10. */
  InvalidAgent: 'acd/invalid-agent',
  /** A queue that still holds contacts cannot be removed. */
  QueueNotEmpty: 'acd/queue-not-empty',
  /** An agent who is not offline cannot be removed. */
  AgentNotOffline: 'acd/agent-not-offline',
  /** A callback was asked for but neither the request nor the contact carries a number to dial. */
  CallbackNumberMissing: 'acd/callback-number-missing',
} as const;
export type AcdErrorCode = (typeof AcdErrorCode)[keyof typeof AcdErrorCode];
