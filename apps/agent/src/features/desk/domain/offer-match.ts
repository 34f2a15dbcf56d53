/**
 * Which ringing SIP call belongs to the ACD's offer. The server sends `agent:offer` on the
 * live channel and, at the same moment, the gateway INVITEs the agent's extension with the
 * caller's number as the From user; either may arrive first. The desk shows one ringing
 * panel for the pair, and Answer/Reject act on the SIP call.
 */
export interface RingingCall {
  id: string;
  /** The From user of the INVITE. */
  remoteNumber: string;
}

export interface OfferToMatch {
  offerId: string;
  caller: { number: string };
}

/** The gateway puts this in the From when the caller's number is not safe to show in SIP. */
const ANONYMOUS = 'anonymous';

/**
 * The call ringing for `offer`: the one from the caller's number; else, when the number could
 * not be carried (anonymous), the only ringing call; else none (wait for the INVITE).
 */
export function matchOfferToCall(offer: OfferToMatch, ringing: readonly RingingCall[]): RingingCall | null {
  const byNumber = ringing.filter((call) => call.remoteNumber === offer.caller.number);
  if (byNumber.length > 0) return byNumber[0] ?? null;
  const anonymous = ringing.filter((call) => call.remoteNumber === ANONYMOUS);
  if (anonymous.length === 1 && ringing.length === 1) return anonymous[0] ?? null;
  return null;
}
