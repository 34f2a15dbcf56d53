import { describe, expect, it } from 'vitest';
import { AcdErrorCode } from '../acd-error.js';
import { Acd } from './acd.js';
import { at, newAcd, offered, online, only, queue, theOffer } from './acd-test-kit.js';

const english = (minLevel: number) => ({ skillId: 'english', minLevel });

describe(`${Acd.name} while contacts wait`, () => {
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
