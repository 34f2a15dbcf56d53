/**
 * What rings now: the ACD's offer paired with the SIP call the gateway placed to the agent's
 * extension (either may come first), or a SIP call that rings without an offer (a direct
 * call). Also starts and stops the ringtone with it.
 */
import type { AgentOffer } from '@ccx/contracts';
import type { CallSnapshot } from '@ccx/softphone';
import { useEffect, useMemo } from 'react';
import { useDesk, usePhoneState, useRingtone } from './desk-runtime';
import { matchOfferToCall } from './domain/offer-match';

export interface Ringing {
  offer: AgentOffer | null;
  /** The SIP call to answer; null while the offer waits for its INVITE. */
  call: CallSnapshot | null;
}

export function useRinging(): Ringing | null {
  const offer = useDesk((state) => state.offer);
  const { calls } = usePhoneState();
  const { ringtone } = useRingtone();

  const ringing = useMemo<Ringing | null>(() => {
    const incoming = calls.filter((call) => call.phase === 'incoming');
    if (offer) {
      const match = matchOfferToCall(offer, incoming);
      return { offer, call: incoming.find((call) => call.id === match?.id) ?? null };
    }
    const first = incoming[0];
    return first ? { offer: null, call: first } : null;
  }, [offer, calls]);

  const isRinging = ringing !== null;
  useEffect(() => {
    if (!isRinging) return;
    ringtone.start();
    return () => ringtone.stop();
  }, [isRinging, ringtone]);

  return ringing;
}
