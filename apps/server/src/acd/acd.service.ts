import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { type AgentActivity, type AgentStateView, CallControlErrorCode, ErrorCode, type SetAgentState, type WallboardThresholds } from '@ccx/contracts';
import { PinoLogger } from 'nestjs-pino';
import { CallFiguresService } from '../calls/call-figures.service.js';
import { estimateWaitSeconds } from '../calls/domain/metrics.js';
import { AppError } from '../common/app-error.js';
import { ConfigChanges } from '../common/config-changes.js';
import { APP_CONFIG } from '../config/config.module.js';
import { type AppConfig } from '../config/config.js';
import { LiveEvents } from '../realtime/live-events.js';
import { TelephonyService } from '../telephony/telephony.service.js';
import { type StoredAgent, type StoredQueue, AcdRepository } from './acd.repository.js';
import { Acd, type AcdDecision, AcdError, type AgentState, type AgentTransition, type QueueConfig } from './domain/index.js';

export interface QueueInfo {
  queueId: string;
  name: string;
  serviceLevelSeconds: number;
  skills: { skillId: string; minLevel: number }[];
  wallboardThresholds: WallboardThresholds;
}

export interface AgentInfo {
  agentId: string;
  userId: string;
  username: string;
  displayName: string;
  extension: string;
  skills: Map<string, number>;
}

/** The agent an IVR transfer names, taken for the call or busy; or no agent at all. */
export type DirectCallAgent = { status: 'taken'; agentId: string; extension: string } | { status: 'busy'; agentId: string } | 'not-an-agent';

/** An agent as the wallboard lists it. */
export interface AgentRow {
  agentId: string;
  displayName: string;
  extension: string;
  state: AgentState;
  activity: AgentActivity | null;
  reachable: boolean;
  queueIds: string[];
}

const TICK_MS = 250;

const ACTIVITY: Record<AgentState['name'], AgentActivity | null> = {
  offline: null,
  available: 'available',
  'not-ready': 'not-ready',
  reserved: 'ringing',
  'on-call': 'on-call',
  'after-call-work': 'wrap-up',
};

/**
 * Owns the one ACD of this server process (acd/domain: pure routing rules and agent states)
 * and joins it to the world: loads queues, agents and skills at start, feeds it presence
 * (tabs and heartbeats from the live channel, SIP registrations from telephony) and agent
 * requests, runs its clock every 250 ms, writes every agent state change to
 * `agent_state_events` and to the agent's tabs, and hands the decisions about contacts
 * (offer, connect, announce …) to whoever listens (the contact center), in order, after
 * the call that produced them returns.
 */
@Injectable()
export class AcdService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly acd: Acd;
  private readonly queues = new Map<string, QueueInfo>();
  private readonly queueIdByName = new Map<string, string>();
  /** Each queue's rules as last given to the ACD. */
  private readonly definedRules = new Map<string, string>();
  private readonly agents = new Map<string, AgentInfo>();
  private readonly agentByExtension = new Map<string, string>();
  private skillIdByName = new Map<string, string>();
  /** Contacts the ACD holds (waiting, ringing, or waiting for a callback). */
  private readonly contacts = new Set<string>();
  private readonly listeners = new Set<(decisions: readonly AcdDecision[]) => void>();
  private pending: AcdDecision[] = [];
  private ticker: NodeJS.Timeout | null = null;
  private persisting: Promise<void> = Promise.resolve();

  constructor(
    private readonly repository: AcdRepository,
    private readonly telephony: TelephonyService,
    private readonly figures: CallFiguresService,
    private readonly live: LiveEvents,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly logger: PinoLogger,
    changes: ConfigChanges,
  ) {
    this.logger.setContext(AcdService.name);
    this.acd = new Acd({
      heartbeatTimeoutSeconds: config.contactCenter.heartbeatTimeoutSeconds,
      defaultWrapUpSeconds: config.contactCenter.dialWrapUpSeconds,
      // The administrator's list, read at start and again on every change (reloadNotReadyReasons).
      notReadyReasons: [],
      estimateWait: (queueId, position) => this.estimateWait(queueId, position),
    });
    telephony.onRegistrationChange((sipUser, registered) => this.registrationChanged(sipUser, registered));
    // The administrator changed users: the agents the ACD knows take their new skills.
    changes.on('agents', () => this.reloadAgents());
  }

  async onApplicationBootstrap(): Promise<void> {
    const [queues, agents, skillNames] = await Promise.all([this.repository.queues(), this.repository.agents(), this.repository.skillNames()]);
    this.skillIdByName = new Map([...skillNames].map(([id, name]) => [name, id]));
    await this.reloadNotReadyReasons();
    const now = Date.now();
    for (const queue of queues) this.defineQueue(queue, now);
    for (const agent of agents) this.defineAgent(agent, now);
    this.ticker = setInterval(() => this.apply(() => this.acd.tick(Date.now())), TICK_MS);
    this.ticker.unref();
    this.logger.info({ queues: queues.length, agents: agents.length }, 'ACD loaded');
  }

  /**
   * Logs every agent out, so the agent state log shows where each one's logged-in time
   * ended (occupancy counts it); a call still up was closed by the contact center first.
   */
  async onApplicationShutdown(): Promise<void> {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = null;
    const now = Date.now();
    for (const agentId of this.agents.keys()) {
      const state = this.acd.agentView(agentId).state.name;
      if (state === 'offline') continue;
      if (state === 'on-call') this.safely(() => this.acd.callEnded(agentId, now));
      this.safely(() => this.acd.logout(agentId, now));
    }
    await this.persisting;
  }

  /**
   * Reads the queues again (after an administrator changed them): waiting calls keep their
   * place under the new rules. Queues that were removed stay until they are empty.
   */
  async reloadQueues(): Promise<void> {
    this.skillIdByName = new Map([...(await this.repository.skillNames())].map(([id, name]) => [name, id]));
    const now = Date.now();
    const queues = await this.repository.queues();
    // Names are rebuilt whole: a renamed queue answers to its new name only.
    this.queueIdByName.clear();
    for (const queue of queues) this.defineQueue(queue, now);
  }

  /**
   * Takes a queue out of routing before it is deleted. Refused (`acd/queue-not-empty`, an
   * AppError, 409) while it holds calls: a call that arrived after the administrator's check.
   */
  removeQueue(queueId: string): void {
    if (!this.queues.has(queueId)) return;
    this.refusing(() => this.acd.removeQueue(queueId, Date.now()));
    const name = this.queues.get(queueId)?.name;
    this.queues.delete(queueId);
    this.definedRules.delete(queueId);
    if (name !== undefined && this.queueIdByName.get(name) === queueId) this.queueIdByName.delete(name);
  }

  /** Calls the queue holds now: waiting, ringing an agent, or waiting for a callback. */
  contactsIn(queueId: string): number {
    let count = 0;
    for (const contactId of this.contacts) if (this.acd.contactView(contactId)?.queueId === queueId) count++;
    return count;
  }

  /** Reads the active not-ready reasons again: agents may pick a new one, and no longer a retired one. */
  async reloadNotReadyReasons(): Promise<void> {
    this.acd.setNotReadyReasons(await this.repository.activeNotReadyReasons());
  }

  /** Hears every batch of decisions, in the order the ACD made them. */
  onDecisions(listener: (decisions: readonly AcdDecision[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---- what the rest of the server asks ---------------------------------------------

  queueIdOf(name: string): string | null {
    return this.queueIdByName.get(name) ?? null;
  }

  queueInfos(): QueueInfo[] {
    return [...this.queues.values()];
  }

  agentInfo(agentId: string): AgentInfo | null {
    return this.agents.get(agentId) ?? null;
  }

  /**
   * A transfer to an agent (an IVR transfer node: by username or extension; a colleague's
   * transfer: by id): an agent who is free and reachable is taken for the call (on it,
   * offered nothing, until `callEnded`, then the wrap-up of `queueId`); one who is not is
   * `busy`. An extension no agent has is `not-an-agent` (a desk phone: just ring it).
   */
  takeForDirectCall(target: { username: string } | { extension: string } | { agentId: string }, callId: string, queueId: string | null = null): DirectCallAgent {
    const agentId =
      'agentId' in target ? target.agentId : 'extension' in target ? this.agentByExtension.get(target.extension) : [...this.agents.values()].find((a) => a.username === target.username)?.agentId;
    const agent = agentId ? this.agents.get(agentId) : undefined;
    if (!agent) return 'not-an-agent';
    let taken = false;
    this.safely(() => {
      const result = this.acd.directCallStarted(agent.agentId, callId, Date.now(), queueId !== null && this.queues.has(queueId) ? queueId : null);
      taken = result.taken;
      return result.decisions;
    });
    return taken ? { status: 'taken', agentId: agent.agentId, extension: agent.extension } : { status: 'busy', agentId: agent.agentId };
  }

  /**
   * Click-to-dial: the agent is on the call they place (offered nothing) until `callEnded`,
   * then the dialled calls' wrap-up. Only from available, not ready or after-call work (the
   * ACD's `dial-out`), and only with a live tab and a registered softphone, which rings
   * first. Throws `AppError` otherwise.
   */
  dialOut(agentId: string, callId: string): void {
    const { state } = this.acd.agentView(agentId);
    if (!['available', 'not-ready', 'after-call-work'].includes(state.name)) {
      throw new AppError(CallControlErrorCode.NotNow, `you cannot dial while ${state.name === 'reserved' ? 'a call rings you' : state.name === 'on-call' ? 'on a call' : 'logged out'}`);
    }
    const extension = this.agents.get(agentId)?.extension;
    if (!extension || !this.telephony.isRegistered(extension)) {
      throw new AppError(CallControlErrorCode.PhoneUnreachable, 'your softphone is not registered: it rings first when you dial');
    }
    this.refusing(() => this.acd.dialOutStarted(agentId, Date.now(), callId));
  }

  /** What the agent's colleagues see as their name. */
  agentName(agentId: string): string | null {
    return this.agents.get(agentId)?.displayName ?? null;
  }

  queueName(queueId: string): string | null {
    return this.queues.get(queueId)?.name ?? null;
  }

  extensionOf(agentId: string): string | null {
    return this.agents.get(agentId)?.extension ?? null;
  }

  view(agentId: string): AgentStateView {
    const { state, reachable, unreachable } = this.acd.agentView(agentId);
    return {
      agentId,
      state: state.name,
      reasonId: state.name === 'not-ready' ? state.reasonId : null,
      since: new Date(state.since).toISOString(),
      wrapUpUntil: state.name === 'after-call-work' && state.until !== null ? new Date(state.until).toISOString() : null,
      reachable,
      unreachable,
      offerId: state.name === 'reserved' ? state.offerId : null,
    };
  }

  /** Every known agent with its state and the queues its skills serve. */
  agentRows(): AgentRow[] {
    return [...this.agents.values()].map((agent) => {
      const { state, reachable } = this.acd.agentView(agent.agentId);
      return {
        agentId: agent.agentId,
        displayName: agent.displayName,
        extension: agent.extension,
        state,
        activity: ACTIVITY[state.name],
        reachable,
        queueIds: [...this.queues.values()].filter((queue) => serves(agent, queue)).map((queue) => queue.queueId),
      };
    });
  }

  /** Calls waiting in a queue now (callbacks, whose caller is not on the line, left out). */
  waiting(): { queueId: string; waitingSince: number }[] {
    const waiting = [];
    for (const contactId of this.contacts) {
      const view = this.acd.contactView(contactId);
      if (view && !view.callback) waiting.push({ queueId: view.queueId, waitingSince: view.enqueuedAt });
    }
    return waiting;
  }

  positionOf(contactId: string): number | null {
    return this.acd.contactView(contactId)?.position ?? null;
  }

  // ---- the agent's own requests (live channel) --------------------------------------

  /** Available, not ready with a reason, or logged out; throws `AppError` with the ACD's code. */
  setState(agentId: string, request: SetAgentState): AgentStateView {
    const now = Date.now();
    this.refusing(() => {
      const current = this.acd.agentView(agentId).state.name;
      if (request.state === 'available') {
        if (current === 'offline') return this.acd.login(agentId, now);
        if (current === 'after-call-work') return this.acd.endWrapUp(agentId, now);
        return this.acd.setAvailable(agentId, now);
      }
      if (request.state === 'not-ready') {
        return current === 'offline' ? this.acd.login(agentId, now, { notReadyReasonId: request.reasonId }) : this.acd.setNotReady(agentId, request.reasonId, now);
      }
      return current === 'offline' ? [] : this.acd.logout(agentId, now);
    });
    return this.view(agentId);
  }

  // ---- a supervisor's control of agents ---------------------------------------------

  /**
   * A supervisor forces an agent Available, Not ready (with a reason) or logs them out.
   * Available and Not ready apply to a logged-in agent only (logging in is the agent's own
   * act); the ACD refuses what its state diagram has no arrow for (a logout during a call).
   */
  forceState(agentId: string, request: SetAgentState): AgentStateView {
    if (!this.agents.has(agentId)) throw new AppError(ErrorCode.NotFound, `no agent ${agentId}`);
    const now = Date.now();
    this.refusing(() => {
      const current = this.acd.agentView(agentId).state.name;
      if (request.state === 'offline') return current === 'offline' ? [] : this.acd.logout(agentId, now);
      if (current === 'offline') throw new AppError(ErrorCode.Conflict, 'the agent is logged out: only the agent can log in');
      if (request.state === 'available') return current === 'after-call-work' ? this.acd.endWrapUp(agentId, now) : this.acd.setAvailable(agentId, now, 'supervisor');
      return this.acd.setNotReady(agentId, request.reasonId, now, 'supervisor');
    });
    return this.view(agentId);
  }

  /** Reads an agent's skills again (a supervisor changed them): the next routing decision uses them. */
  async reloadAgent(agentId: string): Promise<void> {
    const [agents, skillNames] = await Promise.all([this.repository.agents(agentId), this.repository.skillNames()]);
    this.skillIdByName = new Map([...skillNames].map(([id, name]) => [name, id]));
    for (const agent of agents) this.redefineAgent(agent);
  }

  /** Reads every known agent's skills again (the administrator changed users). */
  async reloadAgents(): Promise<void> {
    const [agents, skillNames] = await Promise.all([this.repository.agents(), this.repository.skillNames()]);
    this.skillIdByName = new Map([...skillNames].map(([id, name]) => [name, id]));
    for (const agent of agents) if (this.agents.has(agent.id)) this.redefineAgent(agent);
  }

  private redefineAgent(agent: StoredAgent): void {
    const known = this.agents.get(agent.id);
    if (!known) {
      this.defineAgent(agent, Date.now());
      return;
    }
    const same = known.skills.size === agent.skills.length && agent.skills.every((s) => known.skills.get(s.skillId) === s.level);
    if (same || !this.safely(() => this.acd.defineAgent({ agentId: agent.id, skills: agent.skills }, Date.now()))) return;
    known.skills = new Map(agent.skills.map((s) => [s.skillId, s.level]));
  }

  // ---- presence ---------------------------------------------------------------------

  async tabConnected(agentId: string, tabId: string): Promise<AgentStateView | null> {
    if (!(await this.knows(agentId))) return null;
    this.safely(() => this.acd.tabConnected(agentId, tabId, Date.now()));
    return this.view(agentId);
  }

  tabGone(agentId: string, tabId: string): void {
    if (this.agents.has(agentId)) this.safely(() => this.acd.tabGone(agentId, tabId, Date.now()));
  }

  heartbeat(agentId: string, tabId: string): void {
    if (this.agents.has(agentId)) this.safely(() => this.acd.heartbeat(agentId, tabId, Date.now()));
  }

  private registrationChanged(sipUser: string, registered: boolean): void {
    const agentId = this.agentByExtension.get(sipUser);
    if (!agentId) return;
    const now = Date.now();
    this.safely(() => (registered ? this.acd.registrationUp(agentId, now) : this.acd.registrationDown(agentId, now)));
  }

  // ---- contacts (the contact center's calls) ----------------------------------------

  enqueue(input: { contactId: string; queueId: string; priority: number; callerNumber: string | null; skills: { skill: string; minLevel: number }[] }): boolean {
    const skills: { skillId: string; minLevel: number }[] = [];
    for (const { skill, minLevel } of input.skills) {
      const skillId = this.skillIdByName.get(skill);
      // No such skill, so no agent has it: waiting for it would be waiting for nobody.
      if (skillId) skills.push({ skillId, minLevel });
      else this.logger.warn({ contactId: input.contactId, skill }, 'a flow asks for a skill that does not exist; the call is routed without it');
    }
    const ok = this.safely(() => this.acd.enqueue({ ...input, skills }, Date.now()));
    if (ok) this.contacts.add(input.contactId);
    return ok;
  }

  abandon(contactId: string): void {
    this.contacts.delete(contactId);
    this.safely(() => this.acd.abandon(contactId, Date.now()));
  }

  offerAccepted(offerId: string, agentId: string): boolean {
    return this.safely(() => this.acd.offerAccepted(offerId, agentId, Date.now()));
  }

  offerRejected(offerId: string, agentId: string): void {
    this.safely(() => this.acd.offerRejected(offerId, agentId, Date.now()));
  }

  offerTimedOut(offerId: string): void {
    this.safely(() => this.acd.offerTimedOut(offerId, Date.now()));
  }

  callbackRequested(contactId: string, number: string): boolean {
    return this.safely(() => this.acd.callbackRequested(contactId, Date.now(), number));
  }

  /** See `Acd.callEnded`: `afterCallWork: false` for an agent taken for a call they never joined. */
  callEnded(agentId: string, options: { afterCallWork?: boolean } = {}): void {
    this.safely(() => this.acd.callEnded(agentId, Date.now(), options));
  }

  // ---- internals --------------------------------------------------------------------

  private defineQueue(queue: StoredQueue, now: number): void {
    const config: QueueConfig = {
      id: queue.id,
      strategy: queue.strategy,
      skills: queue.skills,
      offerTimeoutSeconds: queue.offerTimeoutSeconds,
      wrapUpSeconds: queue.wrapUpSeconds,
      maxWait: queue.maxWaitSeconds ? { seconds: queue.maxWaitSeconds, outcome: queue.maxWaitOutcome } : null,
      overflow: queue.overflow,
      missedOfferSetsNotReady: queue.missedOfferSetsNotReady,
      agingPerSecond: queue.agingPerSecond,
      announcements: queue.announceFirstAfterSeconds === null ? null : { firstAfterSeconds: queue.announceFirstAfterSeconds, everySeconds: queue.announceEverySeconds },
    };
    // Only a queue whose rules changed is defined again: defining a queue restarts the
    // overflow rules of the calls waiting in it, which an edit of another queue must not do.
    const rules = JSON.stringify(config);
    if (this.definedRules.get(queue.id) !== rules) {
      if (!this.safely(() => this.acd.defineQueue(config, now))) return;
      this.definedRules.set(queue.id, rules);
    }
    this.queues.set(queue.id, { queueId: queue.id, name: queue.name, serviceLevelSeconds: queue.serviceLevelSeconds, skills: queue.skills, wallboardThresholds: queue.wallboardThresholds });
    this.queueIdByName.set(queue.name, queue.id);
  }

  private defineAgent(agent: StoredAgent, now: number): void {
    if (!this.safely(() => this.acd.defineAgent({ agentId: agent.id, skills: agent.skills }, now))) return;
    this.agents.set(agent.id, { agentId: agent.id, userId: agent.userId, username: agent.username, displayName: agent.displayName, extension: agent.extension, skills: new Map(agent.skills.map((s) => [s.skillId, s.level])) });
    this.agentByExtension.set(agent.extension, agent.id);
    if (this.telephony.isRegistered(agent.extension)) this.safely(() => this.acd.registrationUp(agent.id, now));
  }

  /** An agent created after start is loaded the first time their tab connects. */
  private async knows(agentId: string): Promise<boolean> {
    if (this.agents.has(agentId)) return true;
    const [agent] = await this.repository.agents(agentId);
    if (agent && !this.agents.has(agentId)) this.defineAgent(agent, Date.now());
    return this.agents.has(agentId);
  }

  private estimateWait(queueId: string, position: number): number | null {
    const queue = this.queues.get(queueId);
    if (!queue) return null;
    const now = Date.now();
    const serving = this.agentRows().filter((row) => row.queueIds.includes(queueId) && row.activity !== null && row.activity !== 'not-ready');
    return estimateWaitSeconds({
      position,
      ahtSeconds: this.figures.recentHandleSeconds(queueId, now),
      staffedAgents: serving.length,
      availableAgents: serving.filter((row) => row.activity === 'available' && row.reachable).length,
    });
  }

  /** Runs an ACD call; an expected refusal (`AcdError`) is logged and answered with false. */
  private safely(run: () => AcdDecision[]): boolean {
    try {
      this.apply(run);
      return true;
    } catch (error) {
      if (!(error instanceof AcdError)) throw error;
      this.logger.debug({ code: error.code, message: error.message }, 'ACD refused');
      return false;
    }
  }

  /** Runs an ACD call for a client; an expected refusal becomes an `AppError` for the edge. */
  private refusing(run: () => AcdDecision[]): void {
    try {
      this.apply(run);
    } catch (error) {
      if (error instanceof AcdError) throw new AppError(error.code, error.message);
      throw error;
    }
  }

  /** Records what the decisions change here, tells the agents, and passes them on after this call returns. */
  private apply(run: () => AcdDecision[]): void {
    const decisions = run();
    if (decisions.length === 0) return;
    const transitions: AgentTransition[] = [];
    const touched = new Set<string>();
    for (const decision of decisions) {
      switch (decision.type) {
        case 'agentState':
          transitions.push(decision.transition);
          touched.add(decision.transition.agentId);
          break;
        case 'reachability':
          touched.add(decision.agentId);
          break;
        case 'connect':
        case 'dialCallback':
          this.contacts.delete(decision.contactId);
          break;
        case 'maxWait':
          if (decision.outcome === 'voicemail') this.contacts.delete(decision.contactId);
          break;
        default:
          break;
      }
    }
    if (transitions.length > 0) this.persist(transitions);
    for (const agentId of touched) this.live.toAgent(agentId, 'agent:state', this.view(agentId));
    const first = this.pending.length === 0;
    this.pending.push(...decisions);
    if (first) queueMicrotask(() => this.flush());
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = [];
    for (const listener of this.listeners) {
      try {
        listener(batch);
      } catch (error) {
        this.logger.error({ err: error }, 'an ACD decision handler failed');
      }
    }
  }

  /** Appends the transitions in order, one write after another. */
  private persist(transitions: AgentTransition[]): void {
    this.persisting = this.persisting
      .then(() => this.repository.appendStateEvents(transitions))
      .catch((error: unknown) => this.logger.error({ err: error, count: transitions.length }, 'agent state changes could not be stored'));
  }
}

/** Whether the agent's skills meet the queue's own requirement (its first stage). */
function serves(agent: AgentInfo, queue: QueueInfo): boolean {
  return queue.skills.every((need) => (agent.skills.get(need.skillId) ?? 0) >= need.minLevel);
}
