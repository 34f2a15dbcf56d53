/**
 * The ACD and agent-state domain: pure routing rules and state machines, no I/O. The Nest
 * adapters (acd.service, the realtime gateway, repositories) feed it events with their times
 * and carry out the decisions it returns.
 */
export * from './acd-error.js';
export * from './agent-state.js';
export * from './agent-presence.js';
export * from './routing/acd.js';
export * from './routing/acd-inputs.js';
export * from './routing/decisions.js';
export * from './routing/priority.js';
export * from './routing/queue-config.js';
export type { WaitEstimator } from './routing/routing-engine.js';
