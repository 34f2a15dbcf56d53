import { describe, expect, it } from 'vitest';
import { AgentPresence } from './agent-presence.js';

const timeout = 10_000;

describe(AgentPresence.name, () => {
  it('is reachable only with a live tab and a live SIP registration', () => {
    const sut = new AgentPresence();
    expect(sut.status(0, timeout)).toEqual({ reachable: false, why: 'no-tab' });
    sut.tabConnected('t1', 0);
    expect(sut.status(1000, timeout)).toEqual({ reachable: false, why: 'no-registration' });
    sut.registrationUp(null);
    expect(sut.status(1000, timeout)).toEqual({ reachable: true, tabId: 't1' });
    sut.registrationDown();
    expect(sut.status(1000, timeout)).toEqual({ reachable: false, why: 'no-registration' });
  });

  it('counts a connected tab that stopped beating as dead', () => {
    const sut = new AgentPresence();
    sut.tabConnected('t1', 0);
    sut.registrationUp(null);
    expect(sut.heartbeat('t1', 8000)).toBe(true);
    expect(sut.status(17_999, timeout).reachable).toBe(true);
    expect(sut.status(18_000, timeout)).toEqual({ reachable: false, why: 'heartbeat-missed' });
    expect(sut.lapsesAt(17_000, timeout)).toBe(18_000);
  });

  it('lets a registration lapse at its expiry', () => {
    const sut = new AgentPresence();
    sut.tabConnected('t1', 0);
    sut.registrationUp(5000);
    expect(sut.lapsesAt(0, timeout)).toBe(5000);
    expect(sut.status(5000, timeout)).toEqual({ reachable: false, why: 'registration-expired' });
    expect(sut.lapsesAt(5000, timeout)).toBeNull();
  });

  it('treats several tabs as one agent, naming the freshest, and survives one of them closing', () => {
    const sut = new AgentPresence();
    sut.registrationUp(null);
    sut.tabConnected('t1', 0);
    sut.tabConnected('t2', 1000);
    sut.heartbeat('t1', 3000);
    expect(sut.status(3000, timeout)).toEqual({ reachable: true, tabId: 't1' });
    sut.tabGone('t1');
    expect(sut.status(3000, timeout)).toEqual({ reachable: true, tabId: 't2' });
    expect(sut.tabCount).toBe(1);
  });

  it('ignores a late heartbeat of a closed tab', () => {
    const sut = new AgentPresence();
    sut.registrationUp(null);
    sut.tabConnected('t1', 0);
    sut.tabGone('t1');
    expect(sut.heartbeat('t1', 500)).toBe(false);
    expect(sut.status(500, timeout)).toEqual({ reachable: false, why: 'no-tab' });
  });
});
