import { AcdError, AcdErrorCode } from '../acd-error.js';
import { MISSED_OFFER_REASON, type RequestedBy } from '../agent-state.js';
import { type AcdSettings, type AgentDefinition, type AgentView, type ContactView, type EnqueueInput } from './acd-inputs.js';
import { type AcdDecision } from './decisions.js';
import { Priority } from './priority.js';
import { type QueueConfig, queueRules, type SkillRequirement } from './queue-config.js';
import { type AgentRecord, type ContactRecord, type QueueRecord } from './records.js';
import { RoutingEngine } from './routing-engine.js';

const DAY_MS = 86_400_000;

/**
 * The ACD: queues, waiting contacts, agents and the decisions that join them. Pure and
 * single-threaded: the adapters feed it events with the time they happened (`now`, ms) and
 * carry out the decisions each call returns, in order. Nothing reads a clock; tests drive it
 * with made-up times, the server with `Date.now()` and a `tick` every few hundred ms.
 *
 * Time: before an event is applied, every deadline up to `now` (ring timeouts, overflow,
 * max wait, announcements, wrap-up, heartbeat and registration expiry) is applied first, in
 * time order, so a decision never rests on a stale view; `tick(now)` does only that. Times
 * never run backwards: an earlier `now` counts as the latest time seen.
 *
 * Refusals: an event that is not allowed throws `AcdError` and changes nothing. Decisions
 * that the passing of time produced before the refused event stay queued and come with the
 * next call's result.
 *
 * An agent is offered contacts only when it is available *and* reachable (agent-presence.ts),
 * and an offer names one tab per agent: several tabs of one agent are one agent.
 */
export class Acd {
  private readonly engine: RoutingEngine;
  private readonly settings: AcdSettings;
  private notReadyReasons: Set<string>;
  private clock = -Infinity;
  private day: number | null = null;
  private contactSeq = 0;

  constructor(settings: Partial<AcdSettings> = {}) {
    this.settings = {
      heartbeatTimeoutSeconds: 10,
      notReadyReasons: [],
      estimateWait: () => null,
      defaultWrapUpSeconds: 0,
      dayOf: (at) => Math.floor(at / DAY_MS),
      ...settings,
    };
    this.notReadyReasons = new Set(this.settings.notReadyReasons);
    this.engine = new RoutingEngine({
      heartbeatTimeoutMs: this.settings.heartbeatTimeoutSeconds * 1000,
      estimateWait: this.settings.estimateWait,
    });
  }

  // ---- configuration ------------------------------------------------------------------

  /** Creates or replaces a queue. Contacts already waiting keep their place and restart its overflow rules. */
  defineQueue(config: QueueConfig, now: number): AcdDecision[] {
    const rules = queueRules(config);
    return this.run(now, (at) => {
      const queue = this.engine.index.defineQueue(rules);
      for (const contact of queue.contacts) {
        contact.stage = 0;
        contact.nextRule = 0;
        this.engine.scheduleQueueTimers(contact, at);
        if (!contact.offer) this.engine.index.seat(contact);
      }
      this.engine.dispatchQueue(queue, at);
    });
  }

  removeQueue(queueId: string, now: number): AcdDecision[] {
    const queue = this.queue(queueId);
    if (queue.contacts.size > 0) throw new AcdError(AcdErrorCode.QueueNotEmpty, `queue ${queueId} still holds contacts`);
    return this.run(now, () => this.engine.index.removeQueue(queue));
  }

  /** Creates an agent (offline) or replaces an agent's skills. */
  defineAgent(definition: AgentDefinition, now: number): AcdDecision[] {
    const skills = new Map<string, number>();
    for (const { skillId, level } of definition.skills) {
      if (!definition.agentId || !skillId || !Number.isInteger(level) || level < 1 || level > 10) {
        throw new AcdError(AcdErrorCode.InvalidAgent, `agent ${definition.agentId}: skill ${skillId} needs a level from 1 to 10`);
      }
      skills.set(skillId, level);
    }
    return this.run(now, (at) => {
      const agent = this.engine.index.defineAgent(definition.agentId, skills, at);
      this.engine.dispatchAgent(agent, at);
    });
  }

  removeAgent(agentId: string, now: number): AcdDecision[] {
    const agent = this.agent(agentId);
    if (agent.state.name !== 'offline') throw new AcdError(AcdErrorCode.AgentNotOffline, `agent ${agentId} is ${agent.state.name}`);
    return this.run(now, () => {
      this.engine.timers.cancel(agent.presenceTimer);
      this.engine.index.removeAgent(agent);
    });
  }

  setNotReadyReasons(reasonIds: readonly string[]): void {
    this.notReadyReasons = new Set(reasonIds);
  }

  // ---- agent state --------------------------------------------------------------------

  login(agentId: string, now: number, options: { notReadyReasonId?: string } = {}): AcdDecision[] {
    const agent = this.agent(agentId);
    if (options.notReadyReasonId !== undefined) this.checkReason(options.notReadyReasonId);
    return this.run(now, (at) => this.engine.move(agent, { type: 'login', notReadyReasonId: options.notReadyReasonId }, at));
  }

  /** Ready for calls; from after-call work this ends it early. A no-op when already available. */
  setAvailable(agentId: string, now: number, by: RequestedBy = 'agent'): AcdDecision[] {
    const agent = this.agent(agentId);
    return this.run(now, (at) => {
      if (agent.state.name !== 'available') this.engine.move(agent, { type: 'ready', by }, at);
    });
  }

  /** Not ready with an admin-defined reason. While an offer rings this rejects it first. */
  setNotReady(agentId: string, reasonId: string, now: number, by: RequestedBy = 'agent'): AcdDecision[] {
    const agent = this.agent(agentId);
    this.checkReason(reasonId);
    return this.run(now, (at) => {
      if (agent.state.name === 'reserved') this.engine.detach(agent, 'agent-left', true, at);
      this.engine.move(agent, { type: 'not-ready', reasonId, by }, at);
    });
  }

  logout(agentId: string, now: number): AcdDecision[] {
    const agent = this.agent(agentId);
    return this.run(now, (at) => {
      if (agent.state.name === 'reserved') this.engine.detach(agent, 'agent-left', false, at);
      this.engine.move(agent, { type: 'logout' }, at);
    });
  }

  /**
   * The agent's call ended: after-call work for the call's queue's wrap-up time (a call the
   * agent dialled: the default wrap-up; a call from no queue: none), or available.
   * `afterCallWork: false`: the agent was taken for a call that never reached them (a
   * transfer they did not answer): available at once.
   */
  callEnded(agentId: string, now: number, options: { afterCallWork?: boolean } = {}): AcdDecision[] {
    const agent = this.agent(agentId);
    return this.run(now, (at) => {
      const { state } = agent;
      const queue = state.name === 'on-call' && state.queueId !== null ? this.engine.index.queues.get(state.queueId) : undefined;
      const dialled = state.name === 'on-call' && state.dialled === true;
      const wrapUpMs = options.afterCallWork === false ? 0 : queue ? queue.rules.wrapUpMs : dialled ? this.settings.defaultWrapUpSeconds * 1000 : 0;
      this.engine.move(agent, { type: 'call-ended', wrapUpUntil: wrapUpMs > 0 ? at + wrapUpMs : null }, at);
    });
  }

  /** The agent ends after-call work before its timer. */
  endWrapUp(agentId: string, now: number): AcdDecision[] {
    const agent = this.agent(agentId);
    return this.run(now, (at) => {
      if (agent.state.name !== 'after-call-work') {
        throw new AcdError(AcdErrorCode.IllegalTransition, `agent ${agentId} is ${agent.state.name}: not in after-call work`);
      }
      this.engine.move(agent, { type: 'ready', by: 'agent' }, at);
    });
  }

  /** The agent dials out (click-to-dial): on a call, offered nothing until it ends. */
  dialOutStarted(agentId: string, now: number, callId: string | null = null): AcdDecision[] {
    const agent = this.agent(agentId);
    return this.run(now, (at) => this.engine.move(agent, { type: 'dial-out', callId }, at));
  }

  /**
   * A caller is put through to this agent directly (an IVR transfer node naming them or
   * their extension, a colleague's transfer): only when they are available and reachable,
   * and then they are on that call (offered nothing) until `callEnded`, after which the
   * wrap-up of `queueId` (null: none) follows. False, changing nothing, otherwise.
   */
  directCallStarted(agentId: string, callId: string, now: number, queueId: string | null = null): { decisions: AcdDecision[]; taken: boolean } {
    const agent = this.agent(agentId);
    if (agent.state.name !== 'available' || !this.agentView(agentId).reachable) return { decisions: [], taken: false };
    return { decisions: this.run(now, (at) => this.engine.move(agent, { type: 'direct-call', callId, queueId }, at)), taken: true };
  }

  // ---- presence facts -----------------------------------------------------------------

  tabConnected(agentId: string, tabId: string, now: number): AcdDecision[] {
    const agent = this.agent(agentId);
    return this.run(now, (at) => {
      agent.presence.tabConnected(tabId, at);
      this.engine.refreshPresence(agent, at);
    });
  }

  tabGone(agentId: string, tabId: string, now: number): AcdDecision[] {
    const agent = this.agent(agentId);
    return this.run(now, (at) => {
      agent.presence.tabGone(tabId);
      this.engine.refreshPresence(agent, at);
    });
  }

  /** A beat from one tab. A beat from a tab that is not connected is ignored. */
  heartbeat(agentId: string, tabId: string, now: number): AcdDecision[] {
    const agent = this.agent(agentId);
    return this.run(now, (at) => {
      if (agent.presence.heartbeat(tabId, at)) this.engine.refreshPresence(agent, at);
    });
  }

  /** The agent's softphone registered; `expiresAt` is when the registration lapses unless refreshed. */
  registrationUp(agentId: string, now: number, expiresAt: number | null = null): AcdDecision[] {
    const agent = this.agent(agentId);
    return this.run(now, (at) => {
      agent.presence.registrationUp(expiresAt);
      this.engine.refreshPresence(agent, at);
    });
  }

  registrationDown(agentId: string, now: number): AcdDecision[] {
    const agent = this.agent(agentId);
    return this.run(now, (at) => {
      agent.presence.registrationDown();
      this.engine.refreshPresence(agent, at);
    });
  }

  // ---- contacts -----------------------------------------------------------------------

  enqueue(input: EnqueueInput, now: number): AcdDecision[] {
    const queue = this.queue(input.queueId);
    if (this.engine.contacts.has(input.contactId)) {
      throw new AcdError(AcdErrorCode.DuplicateContact, `contact ${input.contactId} is already queued`);
    }
    const priority = input.priority ?? Priority.Normal;
    if (!Number.isFinite(priority)) throw new AcdError(AcdErrorCode.InvalidContact, `contact ${input.contactId}: priority must be a number`);
    const skills = contactSkills(input);
    return this.run(now, (at) => {
      const contact: ContactRecord = {
        id: input.contactId,
        seq: this.contactSeq++,
        priority,
        enqueuedAt: Math.min(input.enqueuedAt ?? at, at),
        callerNumber: input.callerNumber ?? null,
        skills,
        queue,
        queueEnteredAt: at,
        stage: 0,
        nextRule: 0,
        entry: null,
        bucket: null,
        offer: null,
        callback: null,
        maxWaitDue: false,
        declined: null,
        overflowTimer: null,
        maxWaitTimer: null,
        announceTimer: null,
      };
      this.engine.contacts.set(contact.id, contact);
      queue.contacts.add(contact);
      this.engine.index.seat(contact);
      this.engine.scheduleQueueTimers(contact, at);
      this.engine.dispatchContact(contact, at);
    });
  }

  /** The caller prefers to be called back: it keeps its place, and is offered to an agent before it is dialled. */
  callbackRequested(contactId: string, now: number, number: string | null = null): AcdDecision[] {
    return this.run(now, () => {
      const contact = this.contact(contactId);
      const dial = number ?? contact.callback?.number ?? contact.callerNumber;
      if (!dial) throw new AcdError(AcdErrorCode.CallbackNumberMissing, `contact ${contactId} has no number to call back`);
      this.engine.becomeCallback(contact, dial);
    });
  }

  /** The caller hung up while queued (or the call was taken out of the queue). */
  abandon(contactId: string, now: number): AcdDecision[] {
    return this.run(now, (at) => this.engine.abandon(this.contact(contactId), at));
  }

  // ---- offers -------------------------------------------------------------------------

  offerAccepted(offerId: string, agentId: string, now: number): AcdDecision[] {
    const agent = this.agent(agentId);
    return this.run(now, (at) => this.engine.accept(this.ringing(offerId, agent), agent, at));
  }

  offerRejected(offerId: string, agentId: string, now: number): AcdDecision[] {
    const agent = this.agent(agentId);
    return this.run(now, (at) => {
      this.ringing(offerId, agent);
      this.engine.detach(agent, 'rejected', true, at);
      this.engine.move(agent, { type: 'offer-rejected' }, at);
    });
  }

  /** The telephony side gave up ringing before `ringUntil` (e.g. the agent's leg timed out). */
  offerTimedOut(offerId: string, now: number): AcdDecision[] {
    return this.run(now, (at) => {
      const offer = this.engine.offers.get(offerId);
      if (!offer) throw new AcdError(AcdErrorCode.OfferGone, `offer ${offerId} no longer rings`);
      this.engine.ringOut(offer, at);
    });
  }

  /** Applies every deadline up to `now`. */
  tick(now: number): AcdDecision[] {
    return this.run(now, () => undefined);
  }

  // ---- views --------------------------------------------------------------------------

  agentView(agentId: string): AgentView {
    const agent = this.agent(agentId);
    const { state, reachable, callsToday, idleSince } = agent;
    const status = reachable ? null : agent.presence.status(this.clock, this.settings.heartbeatTimeoutSeconds * 1000);
    const unreachable = status && !status.reachable ? status.why : null;
    return { agentId, state, reachable, unreachable, tabs: agent.presence.tabCount, callsToday, idleSince };
  }

  contactView(contactId: string): ContactView | null {
    const contact = this.engine.contacts.get(contactId);
    if (!contact) return null;
    return {
      contactId,
      queueId: contact.queue.rules.id,
      stage: contact.stage,
      status: contact.offer ? 'ringing' : 'waiting',
      position: this.engine.index.position(contact),
      callback: contact.callback !== null,
      priority: contact.priority,
      enqueuedAt: contact.enqueuedAt,
    };
  }

  /** Contacts in a queue (waiting or ringing), or in all queues. */
  waitingCount(queueId?: string): number {
    return queueId === undefined ? this.engine.contacts.size : this.queue(queueId).contacts.size;
  }

  // ---- helpers ------------------------------------------------------------------------

  private run(now: number, event: (at: number) => void): AcdDecision[] {
    const at = Math.max(now, this.clock);
    this.clock = at;
    this.engine.timers.runDue(at);
    this.rollDay(at);
    event(at);
    this.engine.timers.runDue(at);
    const out = this.engine.out;
    this.engine.out = [];
    return out;
  }

  /** A new day: "calls today" start again at zero, so fewest-calls queues re-sort their agents. */
  private rollDay(at: number): void {
    const day = this.settings.dayOf(at);
    if (this.day !== null && day !== this.day) {
      for (const agent of this.engine.index.agents.values()) agent.callsToday = 0;
      for (const queue of this.engine.index.queues.values()) {
        if (queue.rules.strategy === 'fewest_calls') this.engine.index.relist(queue);
      }
    }
    this.day = day;
  }

  private ringing(offerId: string, agent: AgentRecord) {
    const offer = this.engine.offers.get(offerId);
    if (!offer || !offer.agents.has(agent)) {
      throw new AcdError(AcdErrorCode.OfferGone, `offer ${offerId} no longer rings agent ${agent.id}`);
    }
    return offer;
  }

  private checkReason(reasonId: string): void {
    if (reasonId === MISSED_OFFER_REASON || !this.notReadyReasons.has(reasonId)) {
      throw new AcdError(AcdErrorCode.UnknownNotReadyReason, `not-ready reason ${reasonId} is not defined`);
    }
  }

  private agent(agentId: string): AgentRecord {
    const agent = this.engine.index.agents.get(agentId);
    if (!agent) throw new AcdError(AcdErrorCode.UnknownAgent, `agent ${agentId} is not defined`);
    return agent;
  }

  private queue(queueId: string): QueueRecord {
    const queue = this.engine.index.queues.get(queueId);
    if (!queue) throw new AcdError(AcdErrorCode.UnknownQueue, `queue ${queueId} is not defined`);
    return queue;
  }

  private contact(contactId: string): ContactRecord {
    const contact = this.engine.contacts.get(contactId);
    if (!contact) throw new AcdError(AcdErrorCode.UnknownContact, `contact ${contactId} is not queued`);
    return contact;
  }
}

/** The contact's own skills, checked, one per skill (the highest minimum), in skill id order. */
function contactSkills(input: EnqueueInput): SkillRequirement[] {
  const levels = new Map<string, number>();
  for (const { skillId, minLevel } of input.skills ?? []) {
    if (typeof skillId !== 'string' || skillId.length === 0 || !Number.isInteger(minLevel) || minLevel < 1 || minLevel > 10) {
      throw new AcdError(AcdErrorCode.InvalidContact, `contact ${input.contactId}: a skill needs an id and a minimum level of 1–10`);
    }
    levels.set(skillId, Math.max(minLevel, levels.get(skillId) ?? 0));
  }
  return [...levels].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([skillId, minLevel]) => ({ skillId, minLevel }));
}
