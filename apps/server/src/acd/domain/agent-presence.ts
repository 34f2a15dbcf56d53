/**
 * Whether an agent can be reached right now, from the facts the adapters report: browser tabs
 * (Socket.IO connections, each with its heartbeats) and the agent's SIP registration. Pure;
 * every question takes the time.
 *
 * An agent is reachable when
 *   - the SIP registration is up and not past its expiry, and
 *   - at least one tab is connected and was heard from (connect or heartbeat) less than
 *     `timeoutMs` ago: a tab that stays connected but stops beating (frozen, asleep, a
 *     half-open socket) is dead.
 * Several tabs are still one agent; the freshest live tab is the one an offer names, so one
 * offer never rings in two tabs.
 */
export type Unreachable = 'no-tab' | 'heartbeat-missed' | 'no-registration' | 'registration-expired';

export type Reachability = { reachable: true; tabId: string } | { reachable: false; why: Unreachable };

export class AgentPresence {
  /** tabId → last time heard from. */
  private readonly tabs = new Map<string, number>();
  private registration: { expiresAt: number | null } | null = null;

  tabConnected(tabId: string, at: number): void {
    this.tabs.set(tabId, at);
  }

  tabGone(tabId: string): void {
    this.tabs.delete(tabId);
  }

  /** Returns false (and records nothing) for a tab that is not connected: a late beat of a closed tab. */
  heartbeat(tabId: string, at: number): boolean {
    const seen = this.tabs.get(tabId);
    if (seen === undefined) return false;
    this.tabs.set(tabId, Math.max(seen, at));
    return true;
  }

  /** `expiresAt` null: no expiry known (the registrar reports when it ends). */
  registrationUp(expiresAt: number | null): void {
    this.registration = { expiresAt };
  }

  registrationDown(): void {
    this.registration = null;
  }

  get tabCount(): number {
    return this.tabs.size;
  }

  status(at: number, timeoutMs: number): Reachability {
    if (this.tabs.size === 0) return { reachable: false, why: 'no-tab' };
    let freshest: string | null = null;
    let freshestAt = -Infinity;
    for (const [tabId, seen] of this.tabs) {
      if (seen > freshestAt) {
        freshest = tabId;
        freshestAt = seen;
      }
    }
    if (freshest === null || at - freshestAt >= timeoutMs) return { reachable: false, why: 'heartbeat-missed' };
    if (!this.registration) return { reachable: false, why: 'no-registration' };
    const { expiresAt } = this.registration;
    if (expiresAt !== null && at >= expiresAt) return { reachable: false, why: 'registration-expired' };
    return { reachable: true, tabId: freshest };
  }

  /**
   * When a reachable agent stops being reachable if no new fact arrives (freshest beat +
   * timeout, or the registration's expiry, whichever is first); null when that never happens
   * by itself or the agent is not reachable.
   */
  lapsesAt(at: number, timeoutMs: number): number | null {
    if (!this.status(at, timeoutMs).reachable) return null;
    let freshestAt = -Infinity;
    for (const seen of this.tabs.values()) freshestAt = Math.max(freshestAt, seen);
    const expiresAt = this.registration?.expiresAt ?? Infinity;
    return Math.min(freshestAt + timeoutMs, expiresAt);
  }
}
