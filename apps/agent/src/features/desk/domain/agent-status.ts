/**
 * How the agent's ACD state reads on the desk, and what the Status selector offers. The
 * server owns the state (acd/domain/agent-state.ts); the desk only names it and counts time.
 */
import type { AgentStateName, AgentStateView } from '@ccx/contracts';

export const STATE_LABELS: Record<AgentStateName, string> = {
  offline: 'Logged out',
  available: 'Available',
  'not-ready': 'Not ready',
  reserved: 'Ringing',
  'on-call': 'On call',
  'after-call-work': 'After-call work',
};

/** What the Status selector shows: the agent's own choice, or "busy" while the ACD holds them. */
export type StatusChoice = 'available' | 'not-ready' | 'offline' | 'busy';

export function statusChoice(state: AgentStateName | null): StatusChoice {
  if (state === null || state === 'offline') return 'offline';
  if (state === 'available' || state === 'not-ready') return state;
  return 'busy';
}

/** Whether the agent may pick a state now (the ACD refuses changes while ringing or on a call). */
export function canChooseStatus(state: AgentStateName | null): boolean {
  return state !== 'reserved' && state !== 'on-call';
}

/** "m:ss" (or "h:mm:ss") of a non-negative duration. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}

/** The timer beside the state: time left of automatic wrap-up, else time in the state. */
export function stateTimer(view: Pick<AgentStateView, 'state' | 'since' | 'wrapUpUntil'>, now: number): { label: string; value: string } {
  if (view.state === 'after-call-work' && view.wrapUpUntil) {
    return { label: 'Wrap-up ends in', value: formatDuration(Date.parse(view.wrapUpUntil) - now) };
  }
  return { label: 'For', value: formatDuration(now - Date.parse(view.since)) };
}
