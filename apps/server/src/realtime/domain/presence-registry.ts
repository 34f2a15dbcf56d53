import { type PresenceSnapshot, type SessionUser } from '@ccx/contracts';

/**
 * Who is connected to the live channel: one entry per socket (a user may have several
 * tabs), refreshed by heartbeats. Pure; the caller passes the time. The core issue's agent
 * liveness check builds on `lastSeenAt` to stop offers to tabs that went silent.
 */
interface Connection {
  user: SessionUser;
  tabId: string | null;
  visible: boolean;
  lastSeenAt: number;
}

export class PresenceRegistry {
  private readonly connections = new Map<string, Connection>();

  connect(socketId: string, user: SessionUser, nowMs: number): void {
    this.connections.set(socketId, { user, tabId: null, visible: true, lastSeenAt: nowMs });
  }

  /** Returns false for a socket that is not (or no longer) registered. */
  heartbeat(socketId: string, beat: { tabId: string; visible: boolean }, nowMs: number): boolean {
    const connection = this.connections.get(socketId);
    if (!connection) return false;
    connection.tabId = beat.tabId;
    connection.visible = beat.visible;
    connection.lastSeenAt = nowMs;
    return true;
  }

  disconnect(socketId: string): SessionUser | null {
    const connection = this.connections.get(socketId);
    this.connections.delete(socketId);
    return connection?.user ?? null;
  }

  lastSeen(socketId: string): number | null {
    return this.connections.get(socketId)?.lastSeenAt ?? null;
  }

  countByRole(): Record<SessionUser['role'], number> {
    const counts = { admin: 0, supervisor: 0, agent: 0 };
    for (const { user } of this.connections.values()) counts[user.role]++;
    return counts;
  }

  /** One row per user, newest activity of any of their tabs, sorted by username. */
  snapshot(): PresenceSnapshot {
    const byUser = new Map<string, PresenceSnapshot['online'][number]>();
    for (const { user, lastSeenAt } of this.connections.values()) {
      const row = byUser.get(user.id);
      if (row) {
        row.tabs++;
        row.lastSeenAt = Math.max(row.lastSeenAt, lastSeenAt);
      } else {
        byUser.set(user.id, { userId: user.id, username: user.username, role: user.role, tabs: 1, lastSeenAt });
      }
    }
    return { online: [...byUser.values()].sort((a, b) => a.username.localeCompare(b.username)) };
  }
}
