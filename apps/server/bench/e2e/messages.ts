import { performance } from 'node:perf_hooks';

/** Wall-clock milliseconds with sub-millisecond precision, comparable between the main thread and the agents' worker. */
export const epochMs = (): number => performance.timeOrigin + performance.now();

export interface AgentsSetup {
  url: string;
  password: string;
  agents: { username: string; extension: string }[];
  heartbeatMs: number;
  /** How long an agent takes to answer the softphone once the offer pops [min, max]. */
  answerMs: [number, number];
  /** After-call work before the agent sets itself available again [min, max]. */
  wrapUpMs: [number, number];
}

/** From the main thread to the agents. */
export type AgentsIn = { type: 'work' } | { type: 'stop' };

/** From the agents to the main thread. */
export type AgentsOut =
  | { type: 'registerPhone'; extension: string }
  | { type: 'answer'; extension: string }
  | { type: 'online'; count: number }
  | { type: 'offer'; agentId: string; callId: string; offerId: string; at: number; availableSentAt: number }
  | { type: 'problem'; text: string }
  | { type: 'stopped' };
