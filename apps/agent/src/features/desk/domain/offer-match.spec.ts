import { describe, expect, it } from 'vitest';
import { matchOfferToCall } from './offer-match';

const offer = { offerId: 'o1', caller: { number: '+14155550102' } };

describe(matchOfferToCall.name, () => {
  it('pairs the offer with the call from the caller’s number', () => {
    const calls = [
      { id: 'in-1', remoteNumber: '+14155550199' },
      { id: 'in-2', remoteNumber: '+14155550102' },
    ];
    expect(matchOfferToCall(offer, calls)?.id).toBe('in-2');
  });

  it('waits while the INVITE has not arrived (the offer came first)', () => {
    expect(matchOfferToCall(offer, [])).toBeNull();
  });

  it('takes the only ringing call when the gateway could not carry the number', () => {
    expect(matchOfferToCall({ offerId: 'o', caller: { number: 'web:visitor 1' } }, [{ id: 'in-1', remoteNumber: 'anonymous' }])?.id).toBe('in-1');
  });

  it('does not guess between several anonymous calls, nor take another caller’s call', () => {
    const two = [
      { id: 'in-1', remoteNumber: 'anonymous' },
      { id: 'in-2', remoteNumber: 'anonymous' },
    ];
    expect(matchOfferToCall({ offerId: 'o', caller: { number: 'x y' } }, two)).toBeNull();
    expect(matchOfferToCall(offer, [{ id: 'in-1', remoteNumber: '+14155550199' }])).toBeNull();
  });
});
