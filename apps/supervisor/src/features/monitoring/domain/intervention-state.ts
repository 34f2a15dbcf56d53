/**
 * Rules of the supervisor's side of an intervention, without React or SIP.js.
 */
import type { Intervention } from '@ccx/contracts';

/** What the softphone reports of a call, as far as these rules need it. */
export interface PhoneCall {
  id: string;
  direction: 'incoming' | 'outgoing';
  phase: string;
  remoteNumber: string;
}

const ORDER: Record<Intervention['state'], number> = { ringing: 0, connected: 1, ended: 2 };

/**
 * The intervention to show after `incoming` arrived (a request's answer or a push, in either
 * order): another intervention replaces the current one; for the same one, a state never goes
 * back (a late "ringing" answer after the "connected" push is ignored), and within a state the
 * latest word (a mode change) wins.
 */
export function nextIntervention(current: Intervention | null, incoming: Intervention): Intervention {
  if (!current || current.interventionId !== incoming.interventionId) {
    // A push about an older, ended intervention does not hide the one in progress.
    if (current && current.state !== 'ended' && incoming.state === 'ended') return current;
    return incoming;
  }
  return ORDER[incoming.state] < ORDER[current.state] ? current : incoming;
}

/**
 * The incoming call the softphone should answer at once: the one the server rang for the
 * supervisor's intervention (its caller is `ringsAs`), while it rings. Any other call is left
 * alone. Every tab of the supervisor hears of the intervention, but the gateway rings one
 * registration (the latest), so exactly one tab's phone has the call: that one answers, even
 * if the click was in another tab.
 */
export function callToAnswer(calls: readonly PhoneCall[], intervention: Intervention | null): string | null {
  if (!intervention || intervention.state !== 'ringing') return null;
  return calls.find((c) => c.direction === 'incoming' && c.phase === 'incoming' && c.remoteNumber === intervention.ringsAs)?.id ?? null;
}

/** The intervention's call still up on the softphone after the server ended it (hang it up). */
export function callToHangUp(calls: readonly PhoneCall[], intervention: Intervention | null): string | null {
  if (!intervention || intervention.state !== 'ended') return null;
  return calls.find((c) => c.remoteNumber === intervention.ringsAs && c.phase !== 'ended')?.id ?? null;
}

export const MODE_LABELS: Record<Intervention['mode'], string> = { listen: 'Listen', whisper: 'Whisper', barge: 'Barge' };

/** What the bar says of the intervention, in words. */
export function describeIntervention(i: Intervention): string {
  const whose = `${i.agentName || 'the agent'}’s call with ${i.customerNumber}`;
  if (i.state === 'ringing') return `Connecting your phone to ${whose}…`;
  if (i.state === 'connected') {
    if (i.mode === 'listen') return `Listening to ${whose}. Nobody hears you.`;
    if (i.mode === 'whisper') return `Whispering on ${whose}. Only the agent hears you.`;
    return `Barged into ${whose}. Everyone hears you.`;
  }
  switch (i.endReason) {
    case 'not-answered':
      return `Your phone did not answer: you did not join ${whose}.`;
    case 'failed':
      return `Your phone could not be connected to ${whose}.`;
    case 'call-ended':
      return `The call ended: you left ${whose}.`;
    case 'hung-up':
      return `Your phone hung up: you left ${whose}.`;
    default:
      return `You left ${whose}.`;
  }
}
