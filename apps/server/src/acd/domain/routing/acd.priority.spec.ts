import { describe, expect, it } from 'vitest';
import { Acd } from './acd.js';
import { at, newAcd, offered, online, queue, theOffer } from './acd-test-kit.js';
import { Priority } from './priority.js';

describe(`${Acd.name} priority and aging`, () => {
  it('lets a VIP jump callers who have waited less than (VIP − normal) / aging rate seconds longer', () => {
    const sut = newAcd();
    sut.defineQueue(queue('q', { agingPerSecond: 1 }), at(0));
    sut.enqueue({ contactId: 'normal', queueId: 'q' }, at(0));
    sut.enqueue({ contactId: 'vip', queueId: 'q', priority: Priority.Vip }, at(60)); // 60 s < 100 s
    expect(sut.contactView('vip')?.position).toBe(1);
    expect(sut.contactView('normal')?.position).toBe(2);
    expect(offered(online(sut, 'a', 70))).toEqual([['vip', ['a']]]);
  });

  it('serves an old low-priority caller before a new high-priority one once it has aged enough: nobody starves', () => {
    const sut = newAcd();
    sut.defineQueue(queue('q', { agingPerSecond: 2 }), at(0));
    sut.enqueue({ contactId: 'old', queueId: 'q', priority: 0 }, at(0));
    // 50 points at 2 points/s: anyone arriving more than 25 s after `old` lands behind it.
    sut.enqueue({ contactId: 'high-early', queueId: 'q', priority: 50 }, at(20));
    sut.enqueue({ contactId: 'high-late', queueId: 'q', priority: 50 }, at(30));
    sut.enqueue({ contactId: 'vip-late', queueId: 'q', priority: 100 }, at(40)); // 100 points: a 50 s window
    expect(['vip-late', 'high-early', 'old', 'high-late'].map((id) => sut.contactView(id)?.position)).toEqual([1, 2, 3, 4]);
    // Whatever the priority, anyone arriving after the wait closes the gap queues behind `old`.
    sut.enqueue({ contactId: 'vip-much-later', queueId: 'q', priority: 100 }, at(500));
    expect(sut.contactView('old')?.position).toBe(3);
    expect(sut.contactView('vip-much-later')?.position).toBe(5);
  });

  it('without aging, priority alone decides and equal priorities go first come, first served', () => {
    const sut = newAcd();
    sut.defineQueue(queue('q', { agingPerSecond: 0 }), at(0));
    sut.enqueue({ contactId: 'first', queueId: 'q' }, at(0));
    sut.enqueue({ contactId: 'second', queueId: 'q' }, at(0));
    sut.enqueue({ contactId: 'vip', queueId: 'q', priority: 1 }, at(3600));
    expect(['vip', 'first', 'second'].map((id) => sut.contactView(id)?.position)).toEqual([1, 2, 3]);
  });

  it('compares contacts of queues with different aging rates by their priority at the moment of the decision', () => {
    const sut = newAcd();
    sut.defineQueue(queue('slow', { agingPerSecond: 0.5, skills: [{ skillId: 's', minLevel: 1 }] }), at(0));
    sut.defineQueue(queue('fast', { agingPerSecond: 2, skills: [{ skillId: 's', minLevel: 1 }] }), at(0));
    sut.enqueue({ contactId: 'slow-vip', queueId: 'slow', priority: 60 }, at(0));
    sut.enqueue({ contactId: 'fast-normal', queueId: 'fast' }, at(0));
    // At 30 s: slow-vip 75, fast-normal 60. At 50 s: 85 against 100.
    const first = sut.contactView('slow-vip');
    const offer = theOffer(online(sut, 'a', 30, { s: 1 }));
    expect(offer.contactId).toBe('slow-vip');
    sut.offerAccepted(offer.offerId, 'a', at(31));
    // The same caller again (e.g. rebuilt after a restart), with its original enqueue time.
    sut.enqueue({ contactId: 'slow-vip-2', queueId: 'slow', priority: 60, enqueuedAt: first!.enqueuedAt }, at(31));
    expect(offered(online(sut, 'b', 50, { s: 1 }))).toEqual([['fast-normal', ['b']]]);
  });
});
