/**
 * What the screen pop says about how the customer was found, when the agent should know it
 * before trusting the record: a web page declared who its visitor is, and nobody checked.
 */
import type { AgentOffer } from '@ccx/contracts';

export interface CustomerSourceNote {
  /** Shown on the screen pop. */
  text: string;
  /** Read by a screen reader instead: the whole sentence. */
  spoken: string;
}

export function customerSourceNote(offer: Pick<AgentOffer, 'customer' | 'customerMatchedBy'>): CustomerSourceNote | null {
  if (!offer.customer || offer.customerMatchedBy !== 'web-visitor') return null;
  return {
    text: 'Identified by the website (not verified)',
    spoken: 'Customer identified by the website the caller called from, not verified: confirm who you are talking to.',
  };
}
