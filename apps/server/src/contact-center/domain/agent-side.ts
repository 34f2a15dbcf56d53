import { type CommandResult, type GatewayCommandInput, type GatewayEvent, type OfferResult } from '@ccx/contracts';
import { type OfferDecision, type OfferRevokedDecision } from '../../acd/domain/index.js';
import { type OfferContext, type OfferEndReason, type SessionPorts, type TimelineEvent } from './session-ports.js';

/**
 * The offers of one call: a leg per agent an offer rings (originated to the agent's
 * softphone, named `<callId>.a<n>` so the adapter can route its events to the session),
 * until the ACD gives the call to the one who answered: their leg is then handed over to
 * the conversation (conversation.ts), which bridges and records it.
 *
 *   ringing ──answered──► accepting ──ACD connect / dialCallback──► handed over (take)
 *      │                     │
 *      └── rejected, failed, rang out, revoked, hung up ──► gone
 *
 * The session decides what a leg's events mean for the call (`AgentSideHost`); this keeps
 * the legs and the ACD's part of their answers and failures.
 */
export interface AgentLeg {
  legId: string;
  agentId: string;
  offerId: string;
  state: 'ringing' | 'accepting' | 'gone';
  /** Written to the timeline (offers of a callback are not: the caller's record has ended). */
  recorded: boolean;
  /** How the offer ended when this leg's own failure ended it. */
  result: 'rejected' | 'failed' | null;
  answeredAt: number | null;
}

type Failed = (result: Extract<CommandResult, { ok: false }>) => void;
type LegEvent = Exclude<Extract<GatewayEvent, { legId: string }>, { event: 'incoming' }>;

export interface AgentSideHost {
  /** Offers are on the timeline while the caller waits (not a callback's: that record has ended). */
  recordsOffers(): boolean;
  /** The contact is still with the ACD, so a phone's answer may take the offer. */
  takesAnswers(): boolean;
  /** What the screen pop shows about the call. */
  offerContext(): Omit<OfferContext, 'offerId' | 'queueId' | 'ringUntil' | 'callback'>;
  record(event: TimelineEvent): void;
  command(command: GatewayCommandInput, failed?: Failed): void;
  /** A number unique within the session, for the legs' ids. */
  nextSeq(): number;
  /** The customer's leg, which an agent's leg will be bridged with (the gateway places their media together). */
  customerLegId(): string | null;
}

/**
 * What an agent's softphone shows as the caller: the caller's number (or web identity) as the
 * From user when SIP can carry it, else `anonymous`. The desk pairs the ringing call with the
 * offer by it (apps/agent desk/domain/offer-match.ts), so every call that rings an agent for a
 * customer must use this.
 */
export function agentPhoneCallerId(callerNumber: string): string {
  return /^[\w.+-]{1,64}$/.test(callerNumber) ? callerNumber : 'anonymous';
}

export class AgentSide {
  private readonly legs = new Map<string, AgentLeg>();

  constructor(
    private readonly callId: string,
    private readonly host: AgentSideHost,
    private readonly ports: Pick<SessionPorts, 'now' | 'acd' | 'desk'>,
  ) {}

  /** Every leg still ringing or accepting is down. */
  get finished(): boolean {
    return [...this.legs.values()].every((leg) => leg.state === 'gone');
  }

  owns(legId: string): boolean {
    return this.legs.has(legId);
  }

  /** Rings each agent of the offer: the tab's screen pop, and a call to the softphone. */
  ring(offer: OfferDecision): void {
    const now = this.ports.now();
    for (const target of offer.agents) {
      const leg: AgentLeg = {
        legId: `${this.callId}.a${this.host.nextSeq()}`,
        agentId: target.agentId,
        offerId: offer.offerId,
        state: 'ringing',
        recorded: this.host.recordsOffers(),
        result: null,
        answeredAt: null,
      };
      this.legs.set(leg.legId, leg);
      if (leg.recorded) {
        this.host.record({ type: 'offer.made', data: { offerId: offer.offerId, agentId: target.agentId, queueId: offer.queueId, ringUntil: new Date(offer.ringUntil).toISOString() }, at: now });
      }
      const failed = () => {
        if (leg.state !== 'ringing') return;
        leg.state = 'gone';
        leg.result = 'failed';
        this.ports.acd.offerRejected(offer.offerId, target.agentId);
      };
      const extension = this.ports.acd.extensionOf(target.agentId);
      if (!extension) {
        failed();
        continue;
      }
      const context = this.host.offerContext();
      this.ports.desk.offer(target.agentId, target.tabId, { ...context, offerId: offer.offerId, queueId: offer.queueId, ringUntil: offer.ringUntil, callback: offer.callback });
      const callerId = agentPhoneCallerId(context.callerNumber);
      const timeoutMs = Math.min(120_000, Math.max(1000, offer.ringUntil - now));
      const near = this.host.customerLegId();
      this.host.command({ command: 'originate', legId: leg.legId, to: { kind: 'user', sipUser: extension }, callerId, timeoutMs, ...(near ? { near } : {}) }, failed);
    }
  }

  /** The ACD stopped ringing these agents: hang up their phones, and note how the offer ended. */
  revoked(decision: OfferRevokedDecision): void {
    for (const agentId of decision.agentIds) {
      const leg = [...this.legs.values()].find((l) => l.offerId === decision.offerId && l.agentId === agentId);
      if (!leg) continue;
      if (leg.state === 'ringing' || leg.state === 'accepting') this.hangup(leg);
      const result: Exclude<OfferResult, 'answered'> =
        leg.result ?? (decision.reason === 'timeout' ? 'timed-out' : decision.reason === 'rejected' ? 'rejected' : 'withdrawn');
      if (leg.recorded) this.host.record({ type: 'offer.ended', data: { offerId: decision.offerId, agentId, result }, at: this.ports.now() });
      const reason: OfferEndReason = result === 'timed-out' ? 'timeout' : result;
      this.ports.desk.offerEnded(agentId, decision.offerId, reason);
    }
  }

  onLegEvent(event: LegEvent): void {
    const leg = this.legs.get(event.legId);
    if (!leg) return;
    if (event.event === 'answered') {
      if (leg.state !== 'ringing') return;
      leg.answeredAt = event.at;
      if (this.host.takesAnswers() && this.ports.acd.offerAccepted(leg.offerId, leg.agentId)) leg.state = 'accepting';
      else this.hangup(leg);
      return;
    }
    if (event.event !== 'hangup') return;
    const before = leg.state;
    leg.state = 'gone';
    if (before !== 'ringing' || event.cause === 'local' || event.cause === 'cancelled') return;
    // The phone said no, or never answered, before the ACD's own ring timeout.
    if (event.cause === 'no-answer' || event.cause === 'setup-timeout') return this.ports.acd.offerTimedOut(leg.offerId);
    leg.result = event.cause === 'rejected' || event.cause === 'busy' ? 'rejected' : 'failed';
    this.ports.acd.offerRejected(leg.offerId, leg.agentId);
  }

  /**
   * The ACD gave the call to this agent: their answered leg is handed over (for the
   * conversation to bridge; its events are no longer this side's), with its answer time;
   * null when it is gone, and then the ACD's call is let go.
   */
  take(agentId: string): { legId: string; answeredAt: number | null; offerId: string } | null {
    const leg = [...this.legs.values()].find((l) => l.agentId === agentId && l.state === 'accepting');
    if (!leg) {
      this.ports.acd.callEnded(agentId);
      return null;
    }
    this.legs.delete(leg.legId);
    return { legId: leg.legId, answeredAt: leg.answeredAt, offerId: leg.offerId };
  }

  /** The ACD gave the call to this agent but the call cannot use them: let them go. */
  refuse(agentId: string): void {
    const leg = [...this.legs.values()].find((l) => l.agentId === agentId && l.state === 'accepting');
    if (leg) this.hangup(leg);
    this.ports.acd.callEnded(agentId);
  }

  private hangup(leg: AgentLeg): void {
    leg.state = 'gone';
    this.host.command({ command: 'hangup', legId: leg.legId });
  }
}
