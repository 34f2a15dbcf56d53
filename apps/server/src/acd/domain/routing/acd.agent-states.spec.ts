import { describe, expect, it } from 'vitest';
import { AcdErrorCode } from '../acd-error.js';
import { Acd } from './acd.js';
import { at, moves, newAcd, offered, online, only, queue, theOffer } from './acd-test-kit.js';

function onCall(sut: Acd, wrapUpSeconds: number) {
  sut.defineQueue(queue('q', { wrapUpSeconds }), at(0));
  online(sut, 'a', 0);
  sut.offerAccepted(theOffer(sut.enqueue({ contactId: 'c1', queueId: 'q' }, at(1))).offerId, 'a', at(2));
}

describe(`${Acd.name} agent states`, () => {
  it('grants the queue’s after-call work after a call and ends it by timer, then offers again', () => {
    const sut = newAcd();
    onCall(sut, 30);
    const ended = sut.callEnded('a', at(100));
    expect(moves(ended, 'a')).toEqual(['on-call→after-call-work (call-ended)']);
    expect(sut.agentView('a').state).toEqual({ name: 'after-call-work', since: at(100), until: at(130) });
    sut.enqueue({ contactId: 'c2', queueId: 'q' }, at(110));
    expect(offered(sut.tick(at(129)))).toEqual([]);
    const over = sut.tick(at(130));
    expect(moves(over, 'a')).toEqual(['after-call-work→available (wrap-up-timeout)', 'available→reserved (offer)']);
    expect(offered(over)).toEqual([['c2', ['a']]]);
  });

  it('lets the agent end after-call work early', () => {
    const sut = newAcd();
    onCall(sut, 30);
    sut.callEnded('a', at(100));
    expect(moves(sut.endWrapUp('a', at(105)), 'a')).toEqual(['after-call-work→available (wrap-up-ended)']);
    expect(sut.tick(at(130))).toEqual([]); // the timer died with it
  });

  it('goes straight back to available when the queue has no wrap-up', () => {
    const sut = newAcd();
    onCall(sut, 0);
    expect(moves(sut.callEnded('a', at(100)), 'a')).toEqual(['on-call→available (call-ended)']);
  });

  it('records not-ready reasons, requested by the agent or forced by a supervisor', () => {
    const sut = newAcd();
    sut.defineAgent({ agentId: 'a', skills: [] }, at(0));
    expect(moves(sut.login('a', at(0), { notReadyReasonId: 'lunch' }), 'a')).toEqual(['offline→not-ready (login: lunch)']);
    expect(moves(sut.setNotReady('a', 'break', at(1), 'supervisor'), 'a')).toEqual(['not-ready→not-ready (supervisor-request: break)']);
    expect(moves(sut.setAvailable('a', at(2)), 'a')).toEqual(['not-ready→available (agent-request)']);
    expect(sut.setAvailable('a', at(3))).toEqual([]);
    expect(moves(sut.logout('a', at(4)), 'a')).toEqual(['available→offline (logout)']);
  });

  it('puts an agent who dials out on a call, with the default wrap-up after it', () => {
    const sut = newAcd({ defaultWrapUpSeconds: 10 });
    sut.defineQueue(queue('q'), at(0));
    online(sut, 'a', 0);
    expect(moves(sut.dialOutStarted('a', at(1), 'out-1'), 'a')).toEqual(['available→on-call (dial-out)']);
    expect(offered(sut.enqueue({ contactId: 'c1', queueId: 'q' }, at(2)))).toEqual([]);
    sut.callEnded('a', at(3));
    expect(offered(sut.tick(at(13)))).toEqual([['c1', ['a']]]);
  });

  it('puts an IVR transfer through to an agent only when they are free and reachable, and offers them nothing meanwhile', () => {
    const sut = newAcd();
    sut.defineQueue(queue('q'), at(0));
    online(sut, 'a', 0);
    online(sut, 'b', 0);
    sut.setNotReady('b', 'break', at(1));
    expect(sut.directCallStarted('b', 'in-1', at(2))).toEqual({ decisions: [], taken: false });
    sut.registrationDown('a', at(2));
    expect(sut.directCallStarted('a', 'in-1', at(3)).taken).toBe(false);
    sut.registrationUp('a', at(4));
    const taken = sut.directCallStarted('a', 'in-1', at(5));
    expect(taken.taken).toBe(true);
    expect(moves(taken.decisions, 'a')).toEqual(['available→on-call (direct-call)']);
    expect(sut.directCallStarted('a', 'in-2', at(6)).taken).toBe(false);
    expect(offered(sut.enqueue({ contactId: 'c1', queueId: 'q' }, at(7)))).toEqual([]);
    // The call ends (no queue, no after-call work): the waiting caller is offered at once.
    const ended = sut.callEnded('a', at(8));
    expect(moves(ended, 'a')).toEqual(['on-call→available (call-ended)', 'available→reserved (offer)']);
    expect(offered(ended)).toEqual([['c1', ['a']]]);
  });

  it('gives an agent a colleague transferred a call to the wrap-up of the call\'s queue, or none when they never answered', () => {
    const sut = newAcd({ defaultWrapUpSeconds: 10 });
    sut.defineQueue(queue('q', { wrapUpSeconds: 30 }), at(0));
    online(sut, 'a', 0);
    online(sut, 'b', 0);
    expect(sut.directCallStarted('a', 'in-1', at(1), 'q').taken).toBe(true);
    expect(sut.callEnded('a', at(2)).flatMap((d) => (d.type === 'agentState' ? [d.transition.to] : []))).toEqual(['after-call-work']);
    expect(sut.agentView('a').state).toMatchObject({ name: 'after-call-work', until: at(32) });
    expect(sut.directCallStarted('b', 'in-1', at(3), 'q').taken).toBe(true);
    expect(moves(sut.callEnded('b', at(4), { afterCallWork: false }), 'b')).toEqual(['on-call→available (call-ended)']);
    // An IVR transfer (no queue) has no after-call work, whatever the default for dialled calls.
    expect(sut.directCallStarted('b', 'in-2', at(5)).taken).toBe(true);
    expect(moves(sut.callEnded('b', at(6)), 'b')).toEqual(['on-call→available (call-ended)']);
  });

  it('logs out an agent whose offer is ringing after taking the offer back', () => {
    const sut = newAcd();
    sut.defineQueue(queue('q'), at(0));
    online(sut, 'a', 0);
    theOffer(sut.enqueue({ contactId: 'c1', queueId: 'q' }, at(1)));
    const out = sut.logout('a', at(2));
    expect(only(out, 'offerRevoked')[0]).toMatchObject({ reason: 'agent-left', offerEnded: true });
    expect(moves(out, 'a')).toEqual(['reserved→offline (logout)']);
    expect(sut.contactView('c1')?.status).toBe('waiting');
  });

  describe('refuses illegal moves and changes nothing', () => {
    it.each([
      ['ending a call that is not there', (sut: Acd) => sut.callEnded('a', at(5))],
      ['ending after-call work outside it', (sut: Acd) => sut.endWrapUp('a', at(5))],
      ['logging in twice', (sut: Acd) => sut.login('a', at(5))],
      ['dialling out while ringing', (sut: Acd) => (sut.enqueue({ contactId: 'c9', queueId: 'q' }, at(5)), sut.dialOutStarted('a', at(5)))],
    ])('%s', (_name, attempt) => {
      const sut = newAcd();
      sut.defineQueue(queue('q'), at(0));
      online(sut, 'a', 0);
      const before = sut.agentView('a').state.name;
      expect(() => attempt(sut)).toThrow(expect.objectContaining({ code: AcdErrorCode.IllegalTransition }));
      expect(['available', 'reserved']).toContain(sut.agentView('a').state.name);
      expect(before).toBe('available');
    });

    it('refuses logout and "available" during a call', () => {
      const sut = newAcd();
      onCall(sut, 0);
      expect(() => sut.logout('a', at(5))).toThrow(expect.objectContaining({ code: AcdErrorCode.IllegalTransition }));
      expect(() => sut.setAvailable('a', at(5))).toThrow(expect.objectContaining({ code: AcdErrorCode.IllegalTransition }));
      expect(() => sut.setNotReady('a', 'break', at(5))).toThrow(expect.objectContaining({ code: AcdErrorCode.IllegalTransition }));
      expect(sut.agentView('a').state.name).toBe('on-call');
    });

    it('refuses reasons the administrator did not define, and the system’s own missed-offer', () => {
      const sut = newAcd();
      onCall(sut, 0);
      sut.callEnded('a', at(3));
      for (const reason of ['nap', 'missed-offer']) {
        expect(() => sut.setNotReady('a', reason, at(5))).toThrow(expect.objectContaining({ code: AcdErrorCode.UnknownNotReadyReason }));
      }
      sut.setNotReadyReasons(['nap']);
      expect(moves(sut.setNotReady('a', 'nap', at(6)), 'a')).toEqual(['available→not-ready (agent-request: nap)']);
    });

    it('refuses unknown agents, queues and contacts, and skill levels outside 1…10', () => {
      const sut = newAcd();
      expect(() => sut.login('ghost', at(0))).toThrow(expect.objectContaining({ code: AcdErrorCode.UnknownAgent }));
      expect(() => sut.enqueue({ contactId: 'c', queueId: 'nowhere' }, at(0))).toThrow(expect.objectContaining({ code: AcdErrorCode.UnknownQueue }));
      expect(() => sut.callbackRequested('c', at(0), '1')).toThrow(expect.objectContaining({ code: AcdErrorCode.UnknownContact }));
      expect(() => sut.defineAgent({ agentId: 'a', skills: [{ skillId: 's', level: 0 }] }, at(0))).toThrow(
        expect.objectContaining({ code: AcdErrorCode.InvalidAgent }),
      );
      sut.defineQueue(queue('q'), at(0));
      sut.enqueue({ contactId: 'c', queueId: 'q' }, at(0));
      expect(() => sut.enqueue({ contactId: 'c', queueId: 'q' }, at(0))).toThrow(expect.objectContaining({ code: AcdErrorCode.DuplicateContact }));
      expect(() => sut.enqueue({ contactId: 'd', queueId: 'q', priority: Number.NaN }, at(0))).toThrow(
        expect.objectContaining({ code: AcdErrorCode.InvalidContact }),
      );
    });
  });
});
