import { describe, expect, it } from 'vitest';
import { AcdErrorCode } from '../acd-error.js';
import { Acd } from './acd.js';
import { at, moves, newAcd, offered, online, only, queue, theOffer } from './acd-test-kit.js';

describe(`${Acd.name} offers`, () => {
  it('rings one agent for the queue’s offer timeout, then moves on and sets the agent not ready (missed offer)', () => {
    const sut = newAcd();
    sut.defineQueue(queue('q', { offerTimeoutSeconds: 20 }), at(0));
    online(sut, 'a', 0);
    online(sut, 'b', 1);
    const offer = theOffer(sut.enqueue({ contactId: 'c1', queueId: 'q' }, at(10)));
    expect(offer).toMatchObject({ contactId: 'c1', agents: [{ agentId: 'a', tabId: 'tab-1' }], ringUntil: at(30), callback: false });

    expect(sut.tick(at(29.999))).toEqual([]);
    const rangOut = sut.tick(at(30));
    expect(only(rangOut, 'offerRevoked')).toEqual([
      { type: 'offerRevoked', offerId: offer.offerId, contactId: 'c1', agentIds: ['a'], reason: 'timeout', offerEnded: true },
    ]);
    expect(offered(rangOut)).toEqual([['c1', ['b']]]);
    expect(moves(rangOut, 'a')).toEqual(['reserved→not-ready (offer-missed: missed-offer)']);
    expect(sut.agentView('a').state).toEqual({ name: 'not-ready', since: at(30), reasonId: 'missed-offer' });
    expect(() => sut.offerAccepted(offer.offerId, 'a', at(31))).toThrow(expect.objectContaining({ code: AcdErrorCode.OfferGone }));
  });

  it('keeps the agent available after a ring-out when the queue says so, but offers that contact to someone else first', () => {
    const sut = newAcd();
    sut.defineQueue(queue('q', { offerTimeoutSeconds: 10, missedOfferSetsNotReady: false, retryDeclinedAfterSeconds: 30 }), at(0));
    online(sut, 'a', 0);
    sut.enqueue({ contactId: 'c1', queueId: 'q' }, at(10));
    const rangOut = sut.tick(at(20));
    expect(moves(rangOut, 'a')).toEqual(['reserved→available (offer-missed)']);
    expect(offered(rangOut)).toEqual([]); // a is the only agent, and it just let c1 ring out
    expect(offered(online(sut, 'b', 25))).toEqual([['c1', ['b']]]);
  });

  it('comes back to an agent who let a contact ring out once the retry delay has passed', () => {
    const sut = newAcd();
    sut.defineQueue(queue('q', { offerTimeoutSeconds: 10, missedOfferSetsNotReady: false, retryDeclinedAfterSeconds: 30 }), at(0));
    online(sut, 'a', 0);
    sut.enqueue({ contactId: 'c1', queueId: 'q' }, at(10));
    sut.tick(at(20));
    expect(offered(sut.tick(at(49)))).toEqual([]);
    expect(offered(sut.tick(at(50)))).toEqual([['c1', ['a']]]);
  });

  it('moves on when the agent rejects; the agent stays available and gets the next contact', () => {
    const sut = newAcd();
    sut.defineQueue(queue('q'), at(0));
    online(sut, 'a', 0);
    online(sut, 'b', 1);
    const offer = theOffer(sut.enqueue({ contactId: 'c1', queueId: 'q' }, at(10)));
    sut.offerAccepted(theOffer(sut.enqueue({ contactId: 'c0', queueId: 'q' }, at(11))).offerId, 'b', at(12));
    sut.enqueue({ contactId: 'c2', queueId: 'q' }, at(13));
    const rejected = sut.offerRejected(offer.offerId, 'a', at(14));
    expect(moves(rejected, 'a')).toEqual(['reserved→available (offer-rejected)', 'available→reserved (offer)']);
    expect(offered(rejected)).toEqual([['c2', ['a']]]);
    expect(sut.contactView('c1')).toMatchObject({ status: 'waiting', position: 1 });
  });

  it('connects on accept: the agent is on the call, its calls today count, the contact leaves the queue', () => {
    const sut = newAcd();
    sut.defineQueue(queue('q'), at(0));
    online(sut, 'a', 0);
    const offer = theOffer(sut.enqueue({ contactId: 'c1', queueId: 'q' }, at(10)));
    const accepted = sut.offerAccepted(offer.offerId, 'a', at(13));
    expect(accepted).toEqual([
      {
        type: 'agentState',
        transition: { agentId: 'a', from: 'reserved', to: 'on-call', reason: null, cause: 'offer-accepted', at: at(13) },
      },
      { type: 'connect', contactId: 'c1', queueId: 'q', agentId: 'a', waitedMs: 3000 },
    ]);
    expect(sut.agentView('a')).toMatchObject({ callsToday: 1, state: { name: 'on-call', contactId: 'c1', queueId: 'q' } });
    expect(sut.contactView('c1')).toBeNull();
    expect(sut.tick(at(60))).toEqual([]); // its ring timer is gone too
  });

  it('treats a ring timeout reported by telephony like the ACD’s own', () => {
    const sut = newAcd();
    sut.defineQueue(queue('q'), at(0));
    online(sut, 'a', 0);
    const offer = theOffer(sut.enqueue({ contactId: 'c1', queueId: 'q' }, at(10)));
    expect(only(sut.offerTimedOut(offer.offerId, at(12)), 'offerRevoked')[0]?.reason).toBe('timeout');
    expect(() => sut.offerTimedOut(offer.offerId, at(13))).toThrow(expect.objectContaining({ code: AcdErrorCode.OfferGone }));
  });

  it('stops the ring when the caller hangs up, and frees the agent', () => {
    const sut = newAcd();
    sut.defineQueue(queue('q'), at(0));
    online(sut, 'a', 0);
    const offer = theOffer(sut.enqueue({ contactId: 'c1', queueId: 'q' }, at(10)));
    const abandoned = sut.abandon('c1', at(11));
    expect(only(abandoned, 'offerRevoked')[0]).toMatchObject({ offerId: offer.offerId, agentIds: ['a'], reason: 'abandoned' });
    expect(moves(abandoned, 'a')).toEqual(['reserved→available (offer-withdrawn)']);
    expect(() => sut.abandon('c1', at(12))).toThrow(expect.objectContaining({ code: AcdErrorCode.UnknownContact }));
  });

  it('takes "not ready" while ringing as a rejection: the contact moves on', () => {
    const sut = newAcd();
    sut.defineQueue(queue('q'), at(0));
    online(sut, 'a', 0);
    online(sut, 'b', 1);
    sut.offerAccepted(theOffer(sut.enqueue({ contactId: 'c0', queueId: 'q' }, at(5))).offerId, 'a', at(6));
    sut.callEnded('a', at(7));
    theOffer(sut.enqueue({ contactId: 'c1', queueId: 'q' }, at(10))); // to b (idle longer than a)
    const decisions = sut.setNotReady('b', 'break', at(11));
    expect(only(decisions, 'offerRevoked')[0]).toMatchObject({ agentIds: ['b'], reason: 'agent-left' });
    expect(moves(decisions, 'b')).toEqual(['reserved→not-ready (agent-request: break)']);
    expect(offered(decisions)).toEqual([['c1', ['a']]]);
  });

  it('never offers a second contact to an agent who is already ringing', () => {
    const sut = newAcd();
    sut.defineQueue(queue('q'), at(0));
    online(sut, 'a', 0);
    theOffer(sut.enqueue({ contactId: 'c1', queueId: 'q' }, at(10)));
    expect(offered(sut.enqueue({ contactId: 'c2', queueId: 'q' }, at(11)))).toEqual([]);
  });
});
