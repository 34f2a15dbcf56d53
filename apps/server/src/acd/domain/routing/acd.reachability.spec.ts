import { describe, expect, it } from 'vitest';
import { Acd } from './acd.js';
import { at, moves, newAcd, offered, online, only, queue, theOffer } from './acd-test-kit.js';

/** Heartbeats count here: a tab unheard of for 10 s is dead. */
const liveAcd = () => newAcd({ heartbeatTimeoutSeconds: 10 });

describe(`${Acd.name} and dead tabs`, () => {
  it('never offers to an agent without a tab, without a SIP registration, or whose registration expired', () => {
    const sut = liveAcd();
    sut.defineQueue(queue('q'), at(0));
    sut.defineAgent({ agentId: 'a', skills: [] }, at(0));
    sut.login('a', at(0));
    sut.enqueue({ contactId: 'c1', queueId: 'q' }, at(1));
    expect(sut.agentView('a')).toMatchObject({ reachable: false, unreachable: 'no-tab' });
    expect(offered(sut.registrationUp('a', at(2), at(5)))).toEqual([]); // no tab yet
    expect(offered(sut.tabConnected('a', 'tab-1', at(4)))).toEqual([['c1', ['a']]]);
    sut.abandon('c1', at(4.5));

    expect(only(sut.tick(at(5)), 'reachability')).toEqual([
      { type: 'reachability', agentId: 'a', reachable: false, why: 'registration-expired', at: at(5) },
    ]);
    expect(offered(sut.enqueue({ contactId: 'c2', queueId: 'q' }, at(6)))).toEqual([]);
    expect(sut.agentView('a')).toMatchObject({ reachable: false, unreachable: 'registration-expired' });
    expect(offered(sut.registrationUp('a', at(7)))).toEqual([['c2', ['a']]]);
    expect(sut.agentView('a')).toMatchObject({ reachable: true, unreachable: null, tabs: 1 });
  });

  it('stops offering within the heartbeat timeout when the tab goes silent, and resumes when it beats again', () => {
    const sut = liveAcd();
    sut.defineQueue(queue('q'), at(0));
    online(sut, 'a', 0);
    sut.heartbeat('a', 'tab-1', at(5));
    expect(only(sut.tick(at(14.9)), 'reachability')).toEqual([]);
    expect(only(sut.tick(at(15)), 'reachability')[0]).toMatchObject({ reachable: false, why: 'heartbeat-missed' });
    expect(offered(sut.enqueue({ contactId: 'c1', queueId: 'q' }, at(20)))).toEqual([]);
    // The socket never closed: a beat brings the agent back, and it takes the waiting contact.
    expect(offered(sut.heartbeat('a', 'tab-1', at(21)))).toEqual([['c1', ['a']]]);
  });

  it('does not offer to an agent whose heartbeat lapses at the very moment of the decision', () => {
    const sut = liveAcd();
    sut.defineQueue(queue('q'), at(0));
    online(sut, 'a', 0);
    // Enqueued exactly at the lapse: the deadline is applied before the contact is routed.
    expect(offered(sut.enqueue({ contactId: 'c1', queueId: 'q' }, at(10)))).toEqual([]);
  });

  it('withdraws an offer from an agent whose socket goes while it rings and gives the contact to the next agent, at its place', () => {
    const sut = liveAcd();
    sut.defineQueue(queue('q'), at(0));
    online(sut, 'a', 0);
    const offer = theOffer(sut.enqueue({ contactId: 'c1', queueId: 'q' }, at(1)));
    sut.enqueue({ contactId: 'c2', queueId: 'q' }, at(2));
    const gone = sut.tabGone('a', 'tab-1', at(3));
    expect(only(gone, 'offerRevoked')).toEqual([
      { type: 'offerRevoked', offerId: offer.offerId, contactId: 'c1', agentIds: ['a'], reason: 'agent-unreachable', offerEnded: true },
    ]);
    expect(moves(gone, 'a')).toEqual(['reserved→available (offer-withdrawn)']);
    expect(sut.contactView('c1')).toMatchObject({ status: 'waiting', position: 1 });
    expect(offered(online(sut, 'b', 4))).toEqual([['c1', ['b']]]);
  });

  it('withdraws the offer when the SIP registration goes down while it rings', () => {
    const sut = liveAcd();
    sut.defineQueue(queue('q'), at(0));
    online(sut, 'a', 0);
    theOffer(sut.enqueue({ contactId: 'c1', queueId: 'q' }, at(1)));
    expect(only(sut.registrationDown('a', at(2)), 'offerRevoked')[0]?.reason).toBe('agent-unreachable');
  });

  it('withdraws the offer when the heartbeat is missed while it rings, before the ring timeout', () => {
    const sut = liveAcd();
    sut.defineQueue(queue('q', { offerTimeoutSeconds: 30 }), at(0));
    online(sut, 'a', 0);
    theOffer(sut.enqueue({ contactId: 'c1', queueId: 'q' }, at(5)));
    const lapsed = sut.tick(at(10));
    expect(only(lapsed, 'offerRevoked')[0]).toMatchObject({ reason: 'agent-unreachable', offerEnded: true });
    expect(sut.agentView('a').state.name).toBe('available'); // not the agent's fault: no missed-offer
  });

  it('offers to an agent with several tabs once, naming one live tab, and never rings it twice', () => {
    const sut = liveAcd();
    sut.defineQueue(queue('q'), at(0));
    online(sut, 'a', 0, {}, 'tab-1');
    sut.tabConnected('a', 'tab-2', at(1));
    sut.heartbeat('a', 'tab-1', at(3));
    sut.heartbeat('a', 'tab-2', at(2));
    const offer = theOffer(sut.enqueue({ contactId: 'c1', queueId: 'q' }, at(4)));
    expect(offer.agents).toEqual([{ agentId: 'a', tabId: 'tab-1' }]);
    expect(offered(sut.enqueue({ contactId: 'c2', queueId: 'q' }, at(5)))).toEqual([]);
    // One tab closes: the agent is still reachable through the other, the offer keeps ringing.
    expect(only(sut.tabGone('a', 'tab-1', at(6)), 'offerRevoked')).toEqual([]);
    expect(sut.agentView('a')).toMatchObject({ reachable: true, tabs: 1, state: { name: 'reserved' } });
  });

  it('names the tab that is still alive when the other one went silent', () => {
    const sut = liveAcd();
    sut.defineQueue(queue('q'), at(0));
    online(sut, 'a', 0, {}, 'frozen');
    sut.tabConnected('a', 'fresh', at(8));
    expect(theOffer(sut.enqueue({ contactId: 'c1', queueId: 'q' }, at(12))).agents).toEqual([{ agentId: 'a', tabId: 'fresh' }]);
  });
});
