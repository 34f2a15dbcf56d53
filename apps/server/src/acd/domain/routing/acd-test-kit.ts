import { Acd } from './acd.js';
import { type AcdSettings } from './acd-inputs.js';
import { type AcdDecision } from './decisions.js';
import { type QueueConfig } from './queue-config.js';

/**
 * Helpers for the ACD specs (no test framework inside, so it compiles with the domain).
 * Time is a made-up clock: `at(s)` is s seconds after a fixed morning, far from midnight so
 * "calls today" never rolls over by accident.
 */
export const T0 = Date.UTC(2024, 0, 15, 9, 0, 0);
export const at = (seconds: number): number => T0 + seconds * 1000;

/** An ACD whose agents stay reachable for an hour without heartbeats, unless the spec is about heartbeats. */
export function newAcd(settings: Partial<AcdSettings> = {}): Acd {
  return new Acd({ heartbeatTimeoutSeconds: 3600, notReadyReasons: ['break', 'lunch'], ...settings });
}

export function queue(id: string, overrides: Partial<QueueConfig> = {}): QueueConfig {
  return { id, strategy: 'longest_idle', skills: [], offerTimeoutSeconds: 15, wrapUpSeconds: 0, ...overrides };
}

/** Defines the agent (skills as `{sales: 5}`), connects one tab, registers its softphone, logs it in available. */
export function online(acd: Acd, agentId: string, seconds: number, skills: Record<string, number> = {}, tabId = 'tab-1'): AcdDecision[] {
  const now = at(seconds);
  return [
    ...acd.defineAgent({ agentId, skills: Object.entries(skills).map(([skillId, level]) => ({ skillId, level })) }, now),
    ...acd.tabConnected(agentId, tabId, now),
    ...acd.registrationUp(agentId, now),
    ...acd.login(agentId, now),
  ];
}

export function only<T extends AcdDecision['type']>(decisions: readonly AcdDecision[], type: T): Extract<AcdDecision, { type: T }>[] {
  return decisions.filter((d): d is Extract<AcdDecision, { type: T }> => d.type === type);
}

/** `[contactId, [agentIds]]` of every offer, in order. */
export function offered(decisions: readonly AcdDecision[]): [string, string[]][] {
  return only(decisions, 'offer').map((o) => [o.contactId, o.agents.map((a) => a.agentId)]);
}

/** The one offer in `decisions` (fails loudly if there is not exactly one). */
export function theOffer(decisions: readonly AcdDecision[]): Extract<AcdDecision, { type: 'offer' }> {
  const offers = only(decisions, 'offer');
  if (offers.length !== 1) throw new Error(`expected one offer, got ${offers.length}: ${JSON.stringify(decisions)}`);
  return offers[0]!;
}

/** `from→to (cause)` of every agent state change of one agent. */
export function moves(decisions: readonly AcdDecision[], agentId: string): string[] {
  return only(decisions, 'agentState')
    .map((d) => d.transition)
    .filter((t) => t.agentId === agentId)
    .map((t) => `${t.from}→${t.to} (${t.cause}${t.reason ? `: ${t.reason}` : ''})`);
}
