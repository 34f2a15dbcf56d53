import { describe, expect, it } from 'vitest';
import { AcdErrorCode } from '../acd-error.js';
import { Acd } from './acd.js';
import { at, newAcd, offered, online, only, queue, theOffer } from './acd-test-kit.js';

const english = (minLevel: number) => ({ skillId: 'english', minLevel });

describe(`${Acd.name} while contacts wait`, () => {
  describe("a caller's own skills (the flow's queue node: language, product)", () => {
    const support = (minLevel: number) => ({ skillId: 'support', minLevel });
    const mandarin = (minLevel: number) => ({ skillId: 'mandarin', minLevel });

    it('offers only agents who meet the queue and the caller together, and serves each caller from the agents who can', () => {
      const sut = newAcd();
      sut.defineQueue(queue('q', { skills: [support(1)] }), at(0));
      online(sut, 'zh', 0, { support: 5, mandarin: 8 }); // free longest
      online(sut, 'en', 1, { support: 5, english: 8 });
      expect(offered(sut.enqueue({ contactId: 'c-en', queueId: 'q', skills: [english(5)] }, at(2)))).toEqual([['c-en', ['en']]]);
      // Nobody else speaks English: the next English caller waits though 'zh' is free …
      expect(offered(sut.enqueue({ contactId: 'c-en2', queueId: 'q', skills: [english(5)] }, at(3)))).toEqual([]);
      // … and a Mandarin caller behind them is served at once by 'zh'.
      expect(offered(sut.enqueue({ contactId: 'c-zh', queueId: 'q', skills: [mandarin(5), support(3)] }, at(4)))).toEqual([['c-zh', ['zh']]]);
      expect(sut.contactView('c-en2')).toMatchObject({ position: 1, status: 'waiting' });
    });

    it('counts a queue position over every caller waiting in it, whatever their own skills, and gives a freed agent the best caller they can take', () => {
      const sut = newAcd();
      sut.defineQueue(queue('q', { skills: [support(1)] }), at(0));
      sut.enqueue({ contactId: 'c1', queueId: 'q', skills: [mandarin(5)] }, at(1));
      sut.enqueue({ contactId: 'c2', queueId: 'q' }, at(2));
      sut.enqueue({ contactId: 'c3', queueId: 'q', skills: [english(5)] }, at(3));
      expect(['c1', 'c2', 'c3'].map((id) => sut.contactView(id)?.position)).toEqual([1, 2, 3]);
      // An English speaker skips the Mandarin caller at the head and takes the oldest they can.
      expect(offered(online(sut, 'en', 10, { support: 5, english: 8 }))).toEqual([['c2', ['en']]]);
      expect(['c1', 'c3'].map((id) => sut.contactView(id)?.position)).toEqual([1, 2]);
    });

    it('keeps its own skills through a widening overflow, and reaches an agent who learns the skill later', () => {
      const sut = newAcd();
      sut.defineQueue(queue('q', { skills: [support(8)], overflow: [{ afterSeconds: 30, action: { type: 'widen', skills: [] } }] }), at(0));
      online(sut, 'novice-zh', 0, { support: 2, mandarin: 9 });
      online(sut, 'expert-en', 0, { support: 9, english: 9 });
      expect(offered(sut.enqueue({ contactId: 'c1', queueId: 'q', skills: [mandarin(5)] }, at(1)))).toEqual([]);
      // Widened: support no longer counts, Mandarin still does.
      expect(offered(sut.tick(at(31)))).toEqual([['c1', ['novice-zh']]]);
      // Another Mandarin caller waits until the expert is given Mandarin.
      expect(offered(sut.enqueue({ contactId: 'c2', queueId: 'q', skills: [mandarin(5)] }, at(40)))).toEqual([]);
      expect(offered(sut.defineAgent({ agentId: 'expert-en', skills: [{ skillId: 'support', level: 9 }, { skillId: 'english', level: 9 }, { skillId: 'mandarin', level: 6 }] }, at(41)))).toEqual([['c2', ['expert-en']]]);
    });

    it('refuses a skill without an id or with a level outside 1–10', () => {
      const sut = newAcd();
      sut.defineQueue(queue('q'), at(0));
      expect(() => sut.enqueue({ contactId: 'c1', queueId: 'q', skills: [{ skillId: 'english', minLevel: 11 }] }, at(1))).toThrow(expect.objectContaining({ code: AcdErrorCode.InvalidContact }));
      expect(() => sut.enqueue({ contactId: 'c1', queueId: 'q', skills: [{ skillId: '', minLevel: 3 }] }, at(1))).toThrow(expect.objectContaining({ code: AcdErrorCode.InvalidContact }));
      expect(sut.contactView('c1')).toBeNull();
    });
  });

  describe('overflow', () => {
    it('widens the skill requirement after N seconds, so agents with lower levels can take the contact', () => {
      const sut = newAcd();
      sut.defineQueue(
        queue('q', {
          skills: [english(8), { skillId: 'billing', minLevel: 5 }],
          overflow: [
            { afterSeconds: 30, action: { type: 'widen', skills: [english(4)] } },
            { afterSeconds: 60, action: { type: 'widen', skills: [] } },
          ],
        }),
        at(0),
      );
      online(sut, 'mid', 0, { english: 5 });
      online(sut, 'anyone', 0, { french: 9 });
      sut.enqueue({ contactId: 'c1', queueId: 'q' }, at(0));
      expect(offered(sut.tick(at(29)))).toEqual([]);
      const widened = sut.tick(at(30));
      expect(only(widened, 'overflow')).toEqual([
        { type: 'overflow', contactId: 'c1', action: 'widen', fromQueueId: 'q', toQueueId: 'q', stage: 1 },
      ]);
      expect(offered(widened)).toEqual([['c1', ['mid']]]);
      sut.offerAccepted(theOffer(widened).offerId, 'mid', at(31));

      sut.enqueue({ contactId: 'c2', queueId: 'q' }, at(40));
      expect(sut.contactView('c2')?.stage).toBe(0);
      expect(offered(sut.tick(at(100)))).toEqual([['c2', ['anyone']]]); // both rules applied by 100 s
      expect(sut.contactView('c2')?.stage).toBe(2);
    });

    it('moves the contact to another queue after N seconds, where it keeps its place by waiting time', () => {
      const sut = newAcd();
      sut.defineQueue(queue('general'), at(0));
      sut.defineQueue(
        queue('experts', { skills: [english(9)], overflow: [{ afterSeconds: 45, action: { type: 'move', queueId: 'general' } }] }),
        at(0),
      );
      sut.enqueue({ contactId: 'old', queueId: 'experts' }, at(0));
      sut.enqueue({ contactId: 'newer', queueId: 'general' }, at(20));
      const moved = sut.tick(at(45));
      expect(only(moved, 'overflow')).toEqual([
        { type: 'overflow', contactId: 'old', action: 'move', fromQueueId: 'experts', toQueueId: 'general', stage: 0 },
      ]);
      expect(sut.contactView('old')).toMatchObject({ queueId: 'general', position: 1 });
      expect(sut.contactView('newer')?.position).toBe(2);
      expect(offered(online(sut, 'a', 50))).toEqual([['old', ['a']]]);
    });

    it('applies an overflow that came while the contact rang when it comes back', () => {
      const sut = newAcd();
      sut.defineQueue(queue('other'), at(0));
      sut.defineQueue(queue('q', { offerTimeoutSeconds: 20, overflow: [{ afterSeconds: 10, action: { type: 'move', queueId: 'other' } }] }), at(0));
      online(sut, 'a', 0);
      theOffer(sut.enqueue({ contactId: 'c1', queueId: 'q' }, at(0)));
      expect(only(sut.tick(at(10)), 'overflow')).toHaveLength(1);
      expect(sut.contactView('c1')).toMatchObject({ queueId: 'other', status: 'ringing' });
      sut.tick(at(20)); // rings out
      expect(sut.contactView('c1')).toMatchObject({ queueId: 'other', status: 'waiting', position: 1 });
    });
  });

  describe('maximum wait', () => {
    it('sends the caller to voicemail: the contact leaves the queue', () => {
      const sut = newAcd();
      sut.defineQueue(queue('q', { maxWait: { seconds: 120, outcome: 'voicemail' } }), at(0));
      sut.enqueue({ contactId: 'c1', queueId: 'q' }, at(0));
      expect(sut.tick(at(119))).toEqual([]);
      expect(sut.tick(at(120))).toEqual([{ type: 'maxWait', contactId: 'c1', queueId: 'q', outcome: 'voicemail' }]);
      expect(sut.contactView('c1')).toBeNull();
    });

    it('turns the caller into a callback that keeps its place', () => {
      const sut = newAcd();
      sut.defineQueue(queue('q', { maxWait: { seconds: 120, outcome: 'callback' } }), at(0));
      sut.enqueue({ contactId: 'c1', queueId: 'q', callerNumber: '+15550100' }, at(0));
      sut.enqueue({ contactId: 'c2', queueId: 'q', callerNumber: '+15550101' }, at(60));
      expect(sut.tick(at(120))).toEqual([{ type: 'maxWait', contactId: 'c1', queueId: 'q', outcome: 'callback' }]);
      expect(sut.contactView('c1')).toMatchObject({ callback: true, position: 1 });
      const offer = theOffer(online(sut, 'a', 130));
      expect(offer).toMatchObject({ contactId: 'c1', callback: true });
    });

    it('falls back to voicemail when a callback has no number to dial', () => {
      const sut = newAcd();
      sut.defineQueue(queue('q', { maxWait: { seconds: 60, outcome: 'callback' } }), at(0));
      sut.enqueue({ contactId: 'c1', queueId: 'q' }, at(0));
      expect(only(sut.tick(at(60)), 'maxWait')[0]?.outcome).toBe('voicemail');
    });

    it('lets a ringing offer finish first, and applies the maximum wait if the contact comes back', () => {
      const sut = newAcd();
      sut.defineQueue(queue('q', { offerTimeoutSeconds: 30, maxWait: { seconds: 60, outcome: 'voicemail' } }), at(0));
      sut.enqueue({ contactId: 'c1', queueId: 'q' }, at(0));
      theOffer(online(sut, 'a', 50));
      expect(only(sut.tick(at(60)), 'maxWait')).toEqual([]);
      expect(only(sut.tick(at(80)), 'maxWait')).toEqual([{ type: 'maxWait', contactId: 'c1', queueId: 'q', outcome: 'voicemail' }]);
    });
  });

  describe('announcements', () => {
    it('announces position and estimated wait every N seconds, from the pluggable estimator', () => {
      const asked: [string, number][] = [];
      const sut = newAcd({
        estimateWait: (queueId, position) => {
          asked.push([queueId, position]);
          return position * 45;
        },
      });
      sut.defineQueue(queue('q', { announcements: { firstAfterSeconds: 5, everySeconds: 30 } }), at(0));
      sut.enqueue({ contactId: 'c1', queueId: 'q' }, at(0));
      sut.enqueue({ contactId: 'c2', queueId: 'q' }, at(1));
      expect(only(sut.tick(at(6)), 'announce')).toEqual([
        { type: 'announce', contactId: 'c1', queueId: 'q', position: 1, ewtSeconds: 45 },
        { type: 'announce', contactId: 'c2', queueId: 'q', position: 2, ewtSeconds: 90 },
      ]);
      sut.abandon('c1', at(10));
      expect(only(sut.tick(at(34)), 'announce')).toEqual([]);
      expect(only(sut.tick(at(36)), 'announce')).toEqual([
        { type: 'announce', contactId: 'c2', queueId: 'q', position: 1, ewtSeconds: 45 },
      ]);
      expect(asked).toEqual([
        ['q', 1],
        ['q', 2],
        ['q', 1],
      ]);
    });

    it('says nothing to a caller who chose a callback, or while an agent’s phone rings', () => {
      const sut = newAcd();
      sut.defineQueue(queue('q', { offerTimeoutSeconds: 60, announcements: { firstAfterSeconds: 0, everySeconds: 10 } }), at(0));
      expect(only(sut.enqueue({ contactId: 'c1', queueId: 'q', callerNumber: '+15550100' }, at(0)), 'announce')).toHaveLength(1);
      sut.enqueue({ contactId: 'c2', queueId: 'q' }, at(0));
      sut.callbackRequested('c1', at(5));
      const ringing = theOffer(online(sut, 'a', 6)); // c1 (ahead) rings a, so c2 moves up
      expect(only(sut.tick(at(30)), 'announce').map((a) => [a.contactId, a.position])).toEqual([
        ['c2', 1],
        ['c2', 1],
        ['c2', 1],
      ]);
      sut.offerAccepted(ringing.offerId, 'a', at(31));
      expect(theOffer(online(sut, 'b', 32)).contactId).toBe('c2');
      expect(only(sut.tick(at(60)), 'announce')).toEqual([]);
    });
  });

  describe('callback in queue', () => {
    it('keeps the caller’s place, offers the callback to an agent first, then says to dial the customer', () => {
      const sut = newAcd();
      sut.defineQueue(queue('q'), at(0));
      sut.enqueue({ contactId: 'c1', queueId: 'q' }, at(0));
      sut.enqueue({ contactId: 'c2', queueId: 'q' }, at(10));
      expect(sut.callbackRequested('c1', at(20), '+15550199')).toEqual([]);
      sut.enqueue({ contactId: 'c3', queueId: 'q' }, at(30));
      expect(sut.contactView('c1')).toMatchObject({ position: 1, callback: true });

      const offer = theOffer(online(sut, 'a', 40));
      expect(offer).toMatchObject({ contactId: 'c1', callback: true });
      const accepted = sut.offerAccepted(offer.offerId, 'a', at(42));
      expect(only(accepted, 'dialCallback')).toEqual([
        { type: 'dialCallback', contactId: 'c1', queueId: 'q', agentId: 'a', number: '+15550199' },
      ]);
      expect(only(accepted, 'connect')).toEqual([]);
    });

    it('needs a number to call back', () => {
      const sut = newAcd();
      sut.defineQueue(queue('q'), at(0));
      sut.enqueue({ contactId: 'c1', queueId: 'q' }, at(0));
      expect(() => sut.callbackRequested('c1', at(1))).toThrow(expect.objectContaining({ code: AcdErrorCode.CallbackNumberMissing }));
    });
  });

  it('keeps contacts at their place when an administrator changes the queue', () => {
    const sut = newAcd();
    sut.defineQueue(queue('q', { skills: [english(9)] }), at(0));
    online(sut, 'a', 0, { english: 5 });
    sut.enqueue({ contactId: 'c1', queueId: 'q' }, at(0));
    sut.enqueue({ contactId: 'c2', queueId: 'q' }, at(5));
    expect(offered(sut.defineQueue(queue('q', { skills: [english(5)] }), at(10)))).toEqual([['c1', ['a']]]);
    expect(sut.contactView('c2')?.position).toBe(1);
    expect(() => sut.removeQueue('q', at(11))).toThrow(expect.objectContaining({ code: AcdErrorCode.QueueNotEmpty }));
  });
});
