import { describe, expect, it } from 'vitest';
import { PresenceRegistry } from './presence-registry.js';

const agent1 = { id: 'u1', username: 'agent1', displayName: 'Agent One', role: 'agent' as const, agentId: 'a1' };
const sup = { id: 'u2', username: 'supervisor', displayName: 'Sup', role: 'supervisor' as const, agentId: null };

describe(PresenceRegistry.name, () => {
  it('counts several tabs of one user as one row with the newest activity', () => {
    const sut = new PresenceRegistry();
    sut.connect('s1', agent1, 1000);
    sut.connect('s2', agent1, 2000);
    sut.connect('s3', sup, 1500);
    sut.heartbeat('s1', { tabId: 't1', visible: false }, 5000);
    expect(sut.snapshot().online).toEqual([
      { userId: 'u1', username: 'agent1', role: 'agent', tabs: 2, lastSeenAt: 5000 },
      { userId: 'u2', username: 'supervisor', role: 'supervisor', tabs: 1, lastSeenAt: 1500 },
    ]);
    expect(sut.countByRole()).toEqual({ admin: 0, supervisor: 1, agent: 2 });
  });

  it('forgets a disconnected socket and ignores its late heartbeat', () => {
    const sut = new PresenceRegistry();
    sut.connect('s1', agent1, 1000);
    expect(sut.disconnect('s1')).toEqual(agent1);
    expect(sut.heartbeat('s1', { tabId: 't1', visible: true }, 2000)).toBe(false);
    expect(sut.snapshot().online).toEqual([]);
    expect(sut.lastSeen('s1')).toBeNull();
  });
});
