import { type AgentEvent, transition } from '../agent-state.js';
import { type AcdDecision, type OfferRevokedDecision, type OfferTarget } from './decisions.js';
import { type QueueRules } from './queue-config.js';
import { type AgentRecord, type ContactRecord, type OfferRecord, type QueueRecord } from './records.js';
import { allBuckets, RoutingIndex } from './routing-index.js';
import { TimerQueue } from './timer-queue.js';

/** Estimated wait in seconds for the caller at `position` (1-based) of a queue; null when unknown. */
export type WaitEstimator = (queueId: string, position: number) => number | null;

export interface EngineOptions {
  heartbeatTimeoutMs: number;
  estimateWait: WaitEstimator;
}

interface OfferInFlight extends OfferRecord {
  readonly rules: QueueRules;
}

/**
 * The moves behind the public `Acd` API: agent transitions, offers and their endings,
 * re-queueing, the contact timers (overflow, max wait, announcements) and reachability.
 * Every method takes the event time; every outcome is appended to `out` in order.
 *
 * Offer lifecycle (one offer = one contact ringing one agent, or several with ring-all):
 *
 *   contact waiting --offer--> ringing --accepted------------------> connect / dialCallback
 *         ^                      |  --rejected, rang out, agent gone--> (the last agent:) waiting again,
 *         |                      |                                       at the same place
 *         +----------------------+  --caller abandoned---------------> gone
 *
 * An agent who rejected a contact or let it ring out is skipped for that contact for the
 * queue's `retryDeclinedAfterSeconds`, so the offer moves on to the next agent.
 */
export class RoutingEngine {
  readonly index = new RoutingIndex();
  readonly timers = new TimerQueue();
  readonly contacts = new Map<string, ContactRecord>();
  readonly offers = new Map<string, OfferInFlight>();
  out: AcdDecision[] = [];
  private offerSeq = 0;

  constructor(private readonly options: EngineOptions) {}

  // ---- agents -------------------------------------------------------------------------

  move(agent: AgentRecord, event: AgentEvent, at: number): void {
    const from = agent.state;
    const { state, record } = transition(agent.id, from, event, at);
    agent.state = state;
    // Idle time runs from becoming available; an offer that did not become a call does not end it.
    if (state.name === 'available' && from.name !== 'reserved') agent.idleSince = at;
    if (from.name === 'after-call-work') {
      this.timers.cancel(agent.wrapUpTimer);
      agent.wrapUpTimer = null;
    }
    if (state.name === 'after-call-work' && state.until !== null) {
      agent.wrapUpTimer = this.timers.schedule(state.until, (t) => {
        agent.wrapUpTimer = null;
        if (agent.state.name === 'after-call-work') this.move(agent, { type: 'wrap-up-timeout' }, t);
      });
    }
    this.out.push({ type: 'agentState', transition: record });
    this.relist(agent, at);
  }

  /**
   * Keeps the agent listed exactly while available and reachable. An agent who becomes
   * routable is first offered the best waiting contact, and listed only if there is none:
   * listing it in every bucket only to unlist it again would double the cost of the decision.
   */
  relist(agent: AgentRecord, at: number): void {
    const routable = agent.state.name === 'available' && agent.reachable;
    if (!routable) this.index.setListed(agent, false);
    else if (!agent.listed && !this.findWork(agent, at)) this.index.setListed(agent, true);
  }

  /** Re-reads the presence facts: withdraws a ringing offer from an agent who is gone. */
  refreshPresence(agent: AgentRecord, at: number): void {
    const status = agent.presence.status(at, this.options.heartbeatTimeoutMs);
    if (status.reachable !== agent.reachable) {
      agent.reachable = status.reachable;
      this.out.push({
        type: 'reachability',
        agentId: agent.id,
        reachable: status.reachable,
        why: status.reachable ? null : status.why,
        at,
      });
      if (!status.reachable && agent.offer) {
        this.detach(agent, 'agent-unreachable', false, at);
        this.move(agent, { type: 'offer-withdrawn' }, at);
      }
    }
    this.schedulePresenceCheck(agent, at);
    this.relist(agent, at);
  }

  private schedulePresenceCheck(agent: AgentRecord, at: number): void {
    const lapse = agent.presence.lapsesAt(at, this.options.heartbeatTimeoutMs);
    const current = agent.presenceTimer;
    if (lapse !== null && current && current.at <= lapse) return; // it fires first and re-checks
    this.timers.cancel(current);
    agent.presenceTimer =
      lapse === null
        ? null
        : this.timers.schedule(lapse, (t) => {
            agent.presenceTimer = null;
            this.refreshPresence(agent, t);
          });
  }

  private isLive(agent: AgentRecord, at: number): boolean {
    return agent.presence.status(at, this.options.heartbeatTimeoutMs).reachable;
  }

  // ---- matching -----------------------------------------------------------------------

  /** Offers a listed agent the best waiting contact it can take, if any (after its skills changed). */
  dispatchAgent(agent: AgentRecord, at: number): void {
    if (agent.listed) this.findWork(agent, at);
  }

  /** Offers a routable agent (listed or not) the best contact it can take; false if there is none. */
  private findWork(agent: AgentRecord, at: number): boolean {
    if (!this.isLive(agent, at)) {
      this.refreshPresence(agent, at);
      return true;
    }
    const contact = this.index.bestContactFor(agent, at);
    if (!contact) return false;
    const others = contact.queue.rules.strategy === 'ring_all' ? this.liveAgentsFor(contact, at).filter((a) => a !== agent) : [];
    this.offer(contact, [agent, ...others], at);
    return true;
  }

  dispatchContact(contact: ContactRecord, at: number): void {
    if (!contact.entry) return;
    const agents = this.liveAgentsFor(contact, at);
    if (agents.length > 0) this.offer(contact, agents, at);
  }

  /** Offers a queue's waiting contacts, best first, while its stages have listed agents. */
  dispatchQueue(queue: QueueRecord, at: number): void {
    for (const bucket of [...allBuckets(queue)]) {
      for (const { contact } of bucket.contacts.toArray()) {
        if (bucket.agents.size === 0) break;
        this.dispatchContact(contact, at);
      }
    }
  }

  /** `agentsFor`, after dropping listed agents whose heartbeat lapsed at this very moment. */
  private liveAgentsFor(contact: ContactRecord, at: number): AgentRecord[] {
    for (;;) {
      const agents = this.index.agentsFor(contact, at);
      const dead = agents.filter((agent) => !this.isLive(agent, at));
      if (dead.length === 0) return agents;
      for (const agent of dead) this.refreshPresence(agent, at);
    }
  }

  // ---- offers -------------------------------------------------------------------------

  private offer(contact: ContactRecord, agents: readonly AgentRecord[], at: number): void {
    const rules = contact.queue.rules;
    this.index.unseat(contact);
    const offer: OfferInFlight = {
      id: `${contact.id}#${++this.offerSeq}`,
      contact,
      queueId: rules.id,
      rules,
      agents: new Set(agents),
      ringUntil: at + rules.offerTimeoutMs,
      timer: null,
    };
    contact.offer = offer;
    this.offers.set(offer.id, offer);
    const targets: OfferTarget[] = [];
    for (const agent of agents) {
      const status = agent.presence.status(at, this.options.heartbeatTimeoutMs);
      targets.push({ agentId: agent.id, tabId: status.reachable ? status.tabId : '' });
      agent.lastOfferedAt.set(rules.id, at);
      agent.offer = offer;
      this.move(agent, { type: 'offer', contactId: contact.id, offerId: offer.id }, at);
    }
    offer.timer = this.timers.schedule(offer.ringUntil, (t) => this.ringOut(offer, t));
    this.out.push({
      type: 'offer',
      offerId: offer.id,
      contactId: contact.id,
      queueId: rules.id,
      agents: targets,
      ringUntil: offer.ringUntil,
      callback: contact.callback !== null,
    });
  }

  accept(offer: OfferInFlight, agent: AgentRecord, at: number): void {
    const contact = offer.contact;
    const others = [...offer.agents].filter((other) => other !== agent);
    this.endOffer(offer);
    this.finish(contact);
    agent.callsToday++;
    this.move(agent, { type: 'offer-accepted', contactId: contact.id, queueId: offer.queueId }, at);
    this.out.push(
      contact.callback
        ? { type: 'dialCallback', contactId: contact.id, queueId: offer.queueId, agentId: agent.id, number: contact.callback.number }
        : { type: 'connect', contactId: contact.id, queueId: offer.queueId, agentId: agent.id, waitedMs: at - contact.enqueuedAt },
    );
    if (others.length === 0) return;
    this.revoked(offer, others, 'answered-elsewhere', true);
    for (const other of others) this.move(other, { type: 'answered-elsewhere' }, at);
  }

  /** Every agent still rung lets it ring out; the contact waits again at its place. */
  ringOut(offer: OfferInFlight, at: number): void {
    const agents = [...offer.agents];
    this.endOffer(offer);
    this.revoked(offer, agents, 'timeout', true);
    for (const agent of agents) this.decline(offer.contact, agent, offer.rules, at);
    this.requeue(offer.contact, at);
    for (const agent of agents) this.move(agent, { type: 'offer-missed', setNotReady: offer.rules.missedOfferSetsNotReady }, at);
  }

  /** The caller left: stop every ring. */
  abandon(contact: ContactRecord, at: number): void {
    const offer = contact.offer as OfferInFlight | null;
    const agents = offer ? [...offer.agents] : [];
    if (offer) {
      this.endOffer(offer);
      this.revoked(offer, agents, 'abandoned', true);
    }
    this.finish(contact);
    for (const agent of agents) this.move(agent, { type: 'offer-withdrawn' }, at);
  }

  /**
   * Takes one agent off its offer (rejected, left, unreachable); when nobody rings any more
   * the contact waits again at its place. The caller moves the agent on.
   */
  detach(agent: AgentRecord, reason: OfferRevokedDecision['reason'], decline: boolean, at: number): void {
    const offer = agent.offer as OfferInFlight | null;
    if (!offer) return;
    agent.offer = null;
    offer.agents.delete(agent);
    if (decline) this.decline(offer.contact, agent, offer.rules, at);
    const ended = offer.agents.size === 0;
    this.revoked(offer, [agent], reason, ended);
    if (!ended) return;
    this.endOffer(offer);
    this.requeue(offer.contact, at);
  }

  private revoked(offer: OfferRecord, agents: readonly AgentRecord[], reason: OfferRevokedDecision['reason'], offerEnded: boolean) {
    this.out.push({
      type: 'offerRevoked',
      offerId: offer.id,
      contactId: offer.contact.id,
      agentIds: agents.map((agent) => agent.id),
      reason,
      offerEnded,
    });
  }

  private endOffer(offer: OfferRecord): void {
    this.offers.delete(offer.id);
    this.timers.cancel(offer.timer);
    offer.contact.offer = null;
    for (const agent of offer.agents) agent.offer = null;
  }

  private decline(contact: ContactRecord, agent: AgentRecord, rules: QueueRules, at: number): void {
    if (rules.retryDeclinedAfterMs <= 0) return;
    const until = at + rules.retryDeclinedAfterMs;
    (contact.declined ??= new Map()).set(agent.id, until);
    this.timers.schedule(until, (t) => {
      if (this.contacts.get(contact.id) !== contact) return;
      if ((contact.declined?.get(agent.id) ?? Infinity) <= t) contact.declined?.delete(agent.id);
      this.dispatchContact(contact, t);
    });
  }

  // ---- contacts -----------------------------------------------------------------------

  /** Back into its bucket with its original key, i.e. at its place; then offered again if someone is free. */
  requeue(contact: ContactRecord, at: number): void {
    if (contact.maxWaitDue) {
      contact.maxWaitDue = false;
      if (contact.queue.rules.maxWait && this.applyMaxWait(contact) === 'left') return;
    }
    this.index.seat(contact);
    this.dispatchContact(contact, at);
  }

  finish(contact: ContactRecord): void {
    for (const timer of [contact.overflowTimer, contact.maxWaitTimer, contact.announceTimer]) this.timers.cancel(timer);
    contact.overflowTimer = contact.maxWaitTimer = contact.announceTimer = null;
    this.index.unseat(contact);
    contact.queue.contacts.delete(contact);
    this.contacts.delete(contact.id);
  }

  /** Overflow, max wait and announcements of the contact's current queue. */
  scheduleQueueTimers(contact: ContactRecord, at: number): void {
    for (const timer of [contact.overflowTimer, contact.maxWaitTimer, contact.announceTimer]) this.timers.cancel(timer);
    contact.maxWaitTimer = contact.announceTimer = null;
    this.scheduleOverflow(contact);
    const rules = contact.queue.rules;
    if (contact.callback) return;
    if (rules.maxWait) {
      contact.maxWaitTimer = this.timers.schedule(contact.enqueuedAt + rules.maxWait.ms, () => this.maxWaitReached(contact));
    }
    if (rules.announcements) {
      const first = contact.queueEnteredAt + rules.announcements.firstAfterMs;
      this.scheduleAnnouncement(contact, first >= at ? first : at + rules.announcements.everyMs);
    }
  }

  private scheduleOverflow(contact: ContactRecord): void {
    const rule = contact.queue.rules.overflow[contact.nextRule];
    contact.overflowTimer = rule
      ? this.timers.schedule(contact.queueEnteredAt + rule.afterSeconds * 1000, (t) => this.overflow(contact, t))
      : null;
  }

  private overflow(contact: ContactRecord, at: number): void {
    const from = contact.queue;
    const rule = from.rules.overflow[contact.nextRule++];
    if (!rule) return;
    const target = rule.action.type === 'move' ? this.index.queues.get(rule.action.queueId) : from;
    if (!target) return; // the queue to move to was removed: the contact stays
    const seated = contact.entry !== null;
    this.index.unseat(contact);
    if (rule.action.type === 'widen') {
      contact.stage++;
      this.scheduleOverflow(contact);
    } else {
      from.contacts.delete(contact);
      target.contacts.add(contact);
      contact.queue = target;
      contact.queueEnteredAt = at;
      contact.stage = 0;
      contact.nextRule = 0;
      this.scheduleQueueTimers(contact, at);
    }
    const { id: fromQueueId } = from.rules;
    this.out.push({ type: 'overflow', contactId: contact.id, action: rule.action.type, fromQueueId, toQueueId: target.rules.id, stage: contact.stage });
    if (!seated) return; // ringing: it takes the new place if it comes back
    this.index.seat(contact);
    this.dispatchContact(contact, at);
  }

  private maxWaitReached(contact: ContactRecord): void {
    contact.maxWaitTimer = null;
    if (contact.callback) return;
    if (contact.offer) contact.maxWaitDue = true;
    else this.applyMaxWait(contact);
  }

  private applyMaxWait(contact: ContactRecord): 'stayed' | 'left' {
    const queueId = contact.queue.rules.id;
    // A callback needs a number; without one the caller is sent to voicemail instead.
    if (contact.queue.rules.maxWait?.outcome === 'callback' && contact.callerNumber) {
      this.becomeCallback(contact, contact.callerNumber);
      this.out.push({ type: 'maxWait', contactId: contact.id, queueId, outcome: 'callback' });
      return 'stayed';
    }
    this.out.push({ type: 'maxWait', contactId: contact.id, queueId, outcome: 'voicemail' });
    this.finish(contact);
    return 'left';
  }

  /** The caller hangs up and keeps the place: no more announcements or max wait. */
  becomeCallback(contact: ContactRecord, number: string): void {
    contact.callback = { number };
    contact.maxWaitDue = false;
    for (const timer of [contact.maxWaitTimer, contact.announceTimer]) this.timers.cancel(timer);
    contact.maxWaitTimer = contact.announceTimer = null;
  }

  private scheduleAnnouncement(contact: ContactRecord, at: number): void {
    contact.announceTimer = this.timers.schedule(at, (t) => {
      contact.announceTimer = null;
      const every = contact.queue.rules.announcements;
      if (!every || contact.callback) return;
      const position = this.index.position(contact);
      if (position !== null) {
        const queueId = contact.queue.rules.id;
        this.out.push({ type: 'announce', contactId: contact.id, queueId, position, ewtSeconds: this.options.estimateWait(queueId, position) });
      }
      this.scheduleAnnouncement(contact, t + every.everyMs);
    });
  }
}
