import { describe, expect, it } from 'vitest';
import { Acd } from './acd.js';
import { at, moves, newAcd, offered, online, only, queue, theOffer } from './acd-test-kit.js';

/** Ends each agent's call so it is available again, at second `s`. */
function freeAgain(acd: Acd, decisions: ReturnType<Acd['enqueue']>, s: number) {
  const offer = theOffer(decisions);
  acd.offerAccepted(offer.offerId, offer.agents[0]!.agentId, at(s));
  return acd.callEnded(offer.agents[0]!.agentId, at(s + 1));
}

describe(Acd.name, () => {
  describe('longest idle', () => {
    it('offers to the agent available the longest', () => {
      const sut = newAcd();
      sut.defineQueue(queue('q'), at(0));
      for (const id of ['a', 'b', 'c']) sut.defineAgent({ agentId: id, skills: [] }, at(0));
      online(sut, 'b', 1);
      online(sut, 'c', 2);
      online(sut, 'a', 3);
      expect(offered(sut.enqueue({ contactId: 'c1', queueId: 'q' }, at(10)))).toEqual([['c1', ['b']]]);
      expect(offered(sut.enqueue({ contactId: 'c2', queueId: 'q' }, at(11)))).toEqual([['c2', ['c']]]);
    });

    it('counts idle time from the end of the last call, not from login', () => {
      const sut = newAcd();
      sut.defineQueue(queue('q'), at(0));
      online(sut, 'a', 0);
      online(sut, 'b', 5);
      freeAgain(sut, sut.enqueue({ contactId: 'c1', queueId: 'q' }, at(10)), 11); // a takes it, free at 12
      expect(offered(sut.enqueue({ contactId: 'c2', queueId: 'q' }, at(20)))).toEqual([['c2', ['b']]]);
    });
  });

  describe('fewest calls today', () => {
    it('offers to the agent with the fewest calls today, longest idle among equals, and starts again each day', () => {
      const sut = newAcd({ heartbeatTimeoutSeconds: 3 * 86_400 });
      sut.defineQueue(queue('q', { strategy: 'fewest_calls' }), at(0));
      online(sut, 'a', 0);
      online(sut, 'b', 1);
      freeAgain(sut, sut.enqueue({ contactId: 'c1', queueId: 'q' }, at(10)), 10); // a: 1 call
      freeAgain(sut, sut.enqueue({ contactId: 'c2', queueId: 'q' }, at(20)), 20); // b: 1 call
      freeAgain(sut, sut.enqueue({ contactId: 'c3', queueId: 'q' }, at(30)), 30); // a (idle longer): 2 calls
      expect(sut.agentView('a').callsToday).toBe(2);
      sut.setNotReady('b', 'break', at(35));
      sut.setAvailable('b', at(45));
      // a has been idle longer (since 31, b since 45), but b has fewer calls.
      expect(offered(sut.enqueue({ contactId: 'c4', queueId: 'q' }, at(50)))).toEqual([['c4', ['b']]]);
      sut.abandon('c4', at(51));
      // Next day: counts are zero again, so longest idle (a) decides.
      const tomorrow = at(24 * 3600);
      expect(offered(sut.enqueue({ contactId: 'c5', queueId: 'q' }, tomorrow))).toEqual([['c5', ['a']]]);
      expect(sut.agentView('b').callsToday).toBe(0);
    });
  });

  describe('round robin', () => {
    it('takes turns: each offer sends the agent to the back of the queue’s rotation', () => {
      const sut = newAcd();
      sut.defineQueue(queue('q', { strategy: 'round_robin' }), at(0));
      for (const id of ['a', 'b', 'c']) sut.defineAgent({ agentId: id, skills: [] }, at(0));
      online(sut, 'c', 1); // idle times do not matter: never-offered agents go in definition order
      online(sut, 'b', 2);
      online(sut, 'a', 3);
      const turns: string[] = [];
      for (let i = 0; i < 5; i++) {
        const decisions = sut.enqueue({ contactId: `c${i}`, queueId: 'q' }, at(10 + 10 * i));
        turns.push(theOffer(decisions).agents[0]!.agentId);
        freeAgain(sut, decisions, 11 + 10 * i);
      }
      expect(turns).toEqual(['a', 'b', 'c', 'a', 'b']);
    });
  });

  describe('best skill match', () => {
    it('offers to the most skilled eligible agent, never to one below a minimum level', () => {
      const sut = newAcd();
      sut.defineQueue(
        queue('q', { strategy: 'best_skill', skills: [{ skillId: 'english', minLevel: 3 }, { skillId: 'billing', minLevel: 1 }] }),
        at(0),
      );
      online(sut, 'novice', 0, { english: 3, billing: 1 });
      online(sut, 'expert', 5, { english: 9, billing: 7 });
      online(sut, 'no-billing', 0, { english: 10 });
      online(sut, 'too-weak', 0, { english: 2, billing: 10 });
      expect(offered(sut.enqueue({ contactId: 'c1', queueId: 'q' }, at(10)))).toEqual([['c1', ['expert']]]);
      expect(offered(sut.enqueue({ contactId: 'c2', queueId: 'q' }, at(11)))).toEqual([['c2', ['novice']]]);
      expect(offered(sut.enqueue({ contactId: 'c3', queueId: 'q' }, at(12)))).toEqual([]);
      expect(sut.contactView('c3')).toMatchObject({ status: 'waiting', position: 1 });
    });
  });

  describe('ring all', () => {
    it('rings every eligible available agent at once; the first to answer takes it, the others are free again', () => {
      const sut = newAcd();
      sut.defineQueue(queue('q', { strategy: 'ring_all', skills: [{ skillId: 'sales', minLevel: 1 }] }), at(0));
      online(sut, 'a', 0, { sales: 1 });
      online(sut, 'b', 1, { sales: 5 });
      online(sut, 'c', 2, { sales: 2 });
      online(sut, 'x', 0, { support: 5 });
      const offer = theOffer(sut.enqueue({ contactId: 'c1', queueId: 'q' }, at(10)));
      expect(offer.agents.map((t) => t.agentId)).toEqual(['a', 'b', 'c']);
      expect(sut.agentView('b').state.name).toBe('reserved');

      const accepted = sut.offerAccepted(offer.offerId, 'b', at(12));
      expect(only(accepted, 'connect')).toEqual([{ type: 'connect', contactId: 'c1', queueId: 'q', agentId: 'b', waitedMs: 2000 }]);
      expect(only(accepted, 'offerRevoked')).toEqual([
        { type: 'offerRevoked', offerId: offer.offerId, contactId: 'c1', agentIds: ['a', 'c'], reason: 'answered-elsewhere', offerEnded: true },
      ]);
      expect(moves(accepted, 'a')).toEqual(['reserved→available (answered-elsewhere)']);
      expect(() => sut.offerAccepted(offer.offerId, 'c', at(12))).toThrow(expect.objectContaining({ code: 'acd/offer-gone' }));
    });

    it('keeps ringing the others when one of them rejects', () => {
      const sut = newAcd();
      sut.defineQueue(queue('q', { strategy: 'ring_all' }), at(0));
      online(sut, 'a', 0);
      online(sut, 'b', 0);
      const offer = theOffer(sut.enqueue({ contactId: 'c1', queueId: 'q' }, at(10)));
      const rejected = sut.offerRejected(offer.offerId, 'a', at(11));
      expect(only(rejected, 'offerRevoked')[0]).toMatchObject({ agentIds: ['a'], reason: 'rejected', offerEnded: false });
      expect(offered(rejected)).toEqual([]);
      expect(sut.contactView('c1')?.status).toBe('ringing');
      expect(only(sut.offerAccepted(offer.offerId, 'b', at(12)), 'connect')).toHaveLength(1);
    });
  });

  it('gives an agent who becomes available the best contact among all the queues it serves', () => {
    const sut = newAcd();
    sut.defineQueue(queue('sales', { skills: [{ skillId: 'sales', minLevel: 1 }] }), at(0));
    sut.defineQueue(queue('support', { skills: [{ skillId: 'support', minLevel: 1 }] }), at(0));
    sut.enqueue({ contactId: 'early-sales', queueId: 'sales' }, at(10));
    sut.enqueue({ contactId: 'vip-support', queueId: 'support', priority: 100 }, at(50));
    sut.enqueue({ contactId: 'late-sales', queueId: 'sales' }, at(60));
    // At 70 s: early-sales has 60 points, vip-support 120, late-sales 10.
    expect(offered(online(sut, 'both', 70, { sales: 1, support: 1 }))).toEqual([['vip-support', ['both']]]);
    expect(offered(online(sut, 'sales-only', 71, { sales: 3 }))).toEqual([['early-sales', ['sales-only']]]);
  });

  it('re-routes when an agent’s skills change', () => {
    const sut = newAcd();
    sut.defineQueue(queue('q', { skills: [{ skillId: 'french', minLevel: 4 }] }), at(0));
    online(sut, 'a', 0, { french: 3 });
    expect(offered(sut.enqueue({ contactId: 'c1', queueId: 'q' }, at(10)))).toEqual([]);
    expect(offered(sut.defineAgent({ agentId: 'a', skills: [{ skillId: 'french', level: 4 }] }, at(20)))).toEqual([['c1', ['a']]]);
  });
});
