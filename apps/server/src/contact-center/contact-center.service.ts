import { randomUUID } from 'node:crypto';
import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import {
  type AgentCallView,
  type AgentOffer,
  type AgentStateView,
  type CallConsultAction,
  CallControlErrorCode,
  type CallDial,
  type CallEventBody,
  type CallTransferRequest,
  type CallWrapUp,
  formatFlowIssue,
  type Intervention,
  type InterventionMode,
  MonitorErrorCode,
  type RecentInteraction,
  type ScreenPopCustomer,
  type ServerToClientEvents,
  type SessionUser,
  validateFlow,
} from '@ccx/contracts';
import { PinoLogger } from 'nestjs-pino';
import { AcdService } from '../acd/acd.service.js';
import { type AcdDecision } from '../acd/domain/index.js';
import { CallLogService } from '../calls/call-log.service.js';
import { CallRecorder } from '../calls/call-recorder.service.js';
import { CodesRepository } from '../codes/codes.repository.js';
import { AppError } from '../common/app-error.js';
import { APP_CONFIG } from '../config/config.module.js';
import { type AppConfig } from '../config/config.js';
import { ConfigChanges } from '../common/config-changes.js';
import { type CalendarHours, withCalendarHours } from '../ivr/domain/calendar-resolution.js';
import { IvrFlowsRepository } from '../ivr/ivr-flows.repository.js';
import { preparePromptBatches } from '../ivr/domain/prompt-catalogue.js';
import { LiveEvents } from '../realtime/live-events.js';
import { type CallEvent, TelephonyService } from '../telephony/telephony.service.js';
import { CrmRepository } from './crm.repository.js';
import { CallControlError } from './domain/call-control-error.js';
import { CallSession, type SessionGatewayEvent } from './domain/call-session.js';
import { DeclaredIdentities, type DeclaredIdentity } from './domain/declared-identities.js';
import { type CallerMatch, type EntryPoint, type OfferContext, type SessionPorts, type SessionSettings } from './domain/session-ports.js';
import { decideWrapUp } from './domain/wrap-up.js';
import { InterventionEvents, interventionView } from './intervention-events.js';

interface ScreenPopData {
  customer: ScreenPopCustomer | null;
  recentInteractions: RecentInteraction[];
}

/** How long an originated callback rings the customer before it counts as not answered. */
const CALLBACK_RING_MS = 30_000;
/** How often a shutdown looks whether the calls it waits for have ended. */
const DRAIN_POLL_MS = 100;
/** Prompts the gateway is asked to render at once when the flows are prepared. */
const PREPARE_AT_ONCE = 3;

/**
 * The contact center's adapter: runs one `CallSession` per customer call and joins the
 * sessions to the world. Gateway call events reach the session of their leg; the ACD's
 * decisions reach the session of their contact; the sessions' ports are the gateway, the
 * call recorder, the CRM tables, the ACD and the agents' tabs. It also writes each agent's
 * after-call work onto the call it follows, from the ACD's state changes.
 *
 * Entry points: the numbers of the published IVR flows (the administrator's; the demo
 * tenant publishes 1000, the main IVR, and 1001, straight to Support); any other number is
 * refused with 404. Read at start and again whenever a flow is published or its numbers
 * change; a named business hours calendar is filled into the flow as each call starts.
 *
 * Shutdown (before the gateway and the database stop): new calls get 503, calls in progress
 * get CALL_DRAIN_SECONDS to finish, and every record still open is then closed, ended by the
 * system with cause `gateway-lost` (the embedded gateway stops with the server), so a
 * restart never leaves a call without its end. A crash leaves them open; CallRecovery
 * closes those at the next start.
 */
@Injectable()
export class ContactCenterService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private entries = new Map<string, EntryPoint>();
  private calendars = new Map<string, CalendarHours>();
  /** Published flow versions whose prompts were handed to the gateway to render. */
  private readonly prepared = new Set<string>();
  private readonly sessions = new Map<string, CallSession>();
  /** The caller's leg of each inbound call (the gateway names it; legs we originate carry the session id). */
  private readonly inboundLegs = new Map<string, CallSession>();
  /** The call each agent talked on last: their after-call work belongs to it. */
  private readonly lastCallOf = new Map<string, string>();
  private readonly wrappingUp = new Map<string, string>();
  /** The call each agent's desk shows (`agent:call`), and when they left it (their late wrap-up's window). */
  private readonly agentCalls = new Map<string, { view: AgentCallView; leftAt: number | null }>();
  /** Wrap-ups being filed, one after another per agent (a double click is a conflict, not two dispositions). */
  private readonly wrapUps = new Map<string, Promise<unknown>>();
  /** Screen-pop data read while the call waits, so an offer pops the screen as the phone rings. */
  private readonly screenPops = new Map<string, { customerId: string | null; data: Promise<ScreenPopData>; read: ScreenPopData | null }>();
  /**
   * Web calls whose visitor's page declared who they are, by the caller (the visitor's SIP
   * user): taken from `DeclaredIdentities` as the call arrives and kept for the call's life,
   * which may outlast the call token's.
   */
  private readonly declaredCallers = new Map<string, { callId: string; identity: DeclaredIdentity }>();
  private readonly ports: SessionPorts;
  private readonly settings: SessionSettings;
  private readonly drainMs: number;
  /** Shutting down: new calls are refused while the calls in progress may finish. */
  private draining = false;
  /** The drain is over: sessions no longer act or write (the shutdown closes their records). */
  private stopped = false;

  constructor(
    private readonly telephony: TelephonyService,
    private readonly acd: AcdService,
    private readonly recorder: CallRecorder,
    private readonly crm: CrmRepository,
    private readonly live: LiveEvents,
    private readonly flows: IvrFlowsRepository,
    private readonly callLog: CallLogService,
    private readonly codes: CodesRepository,
    private readonly declared: DeclaredIdentities,
    private readonly interventions: InterventionEvents,
    changes: ConfigChanges,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext(ContactCenterService.name);
    changes.on('flows', () => this.reloadEntries());
    changes.on('calendars', () => this.reloadCalendars());
    this.settings = { callerId: config.sip.callerId, hoursOverride: config.contactCenter.hoursOverride, callbackRingMs: CALLBACK_RING_MS, trunk: config.sip.trunkUri !== null };
    this.drainMs = config.contactCenter.drainSeconds * 1000;
    this.ports = this.buildPorts();
    telephony.onCallEvent((event) => this.onCallEvent(event));
    acd.onDecisions((decisions) => this.onDecisions(decisions));
  }

  async onApplicationBootstrap(): Promise<void> {
    await Promise.all([this.reloadEntries(), this.reloadCalendars()]);
  }

  /** The entry number a call dialed → the published flow that answers it. */
  entryNumbers(): Map<string, string> {
    return new Map([...this.entries].map(([number, entry]) => [number, entry.name]));
  }

  /**
   * Reads the published flows again. Calls in progress keep the flow they started with; a
   * flow that fails validation now (it passed when published: a bug or a hand edit) is left
   * out and logged rather than stopping every other number.
   */
  private async reloadEntries(): Promise<void> {
    const entries = new Map<string, EntryPoint>();
    const fresh: EntryPoint[] = [];
    for (const published of await this.flows.publishedFlows()) {
      const result = validateFlow(published.definition);
      if (!result.ok) {
        this.logger.error({ flow: published.name, version: published.version, errors: result.errors.map(formatFlowIssue) }, 'a published IVR flow is invalid: its numbers are not answered');
        continue;
      }
      const entry = { name: published.name, flow: result.flow };
      for (const number of published.entryNumbers) entries.set(number, entry);
      const key = `${published.name}#${published.version}`;
      if (!this.prepared.has(key)) {
        this.prepared.add(key);
        fresh.push(entry);
      }
    }
    this.entries = entries;
    this.logger.info({ entries: [...entries.keys()] }, 'IVR entry numbers loaded');
    // The gateway lets unauthenticated callers reach these numbers only.
    const opened = await this.telephony.execute({ command: 'setPublicNumbers', numbers: [...entries.keys()] });
    if (!opened.ok) this.logger.warn({ error: opened.error }, 'the gateway did not take the entry numbers');
    void this.preparePrompts(fresh);
  }

  private async reloadCalendars(): Promise<void> {
    this.calendars = await this.flows.calendarHours();
  }

  /**
   * Text to speech renders once per text and is cached (on disk too): render the flows'
   * prompts before the first caller needs them. A few at a time, one batch after another:
   * the gateway renders one text at a time and times each render from the moment it was
   * asked for, so a hundred asked at once would time out, and a caller's prompt would wait
   * behind them all.
   */
  private async preparePrompts(entries: readonly EntryPoint[]): Promise<void> {
    for (const { flow } of entries) {
      for (const batch of preparePromptBatches(flow)) {
        for (let start = 0; start < batch.length; start += PREPARE_AT_ONCE) {
          // Shutting down: the speech engine is about to close, nothing more is worth rendering.
          if (this.draining) return;
          const result = await this.telephony.execute({ command: 'preparePrompts', prompts: batch.slice(start, start + PREPARE_AT_ONCE) });
          if (!result.ok && !this.draining) this.logger.warn({ flowId: flow.id, error: result.error }, 'IVR prompts could not be prepared');
        }
      }
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.draining = true;
    const deadline = Date.now() + this.drainMs;
    while (this.sessions.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, DRAIN_POLL_MS));
    this.stopped = true;
    const open = new Set<string>(this.wrappingUp.values());
    for (const session of this.sessions.values()) for (const id of session.recordIds) open.add(id);
    this.sessions.clear();
    this.inboundLegs.clear();
    this.declaredCallers.clear();
    this.wrappingUp.clear();
    const at = Date.now();
    await Promise.all(
      [...open].map((callId) =>
        this.recorder.close(callId, { cause: 'gateway-lost', detail: 'the server shut down' }, at).catch((error: unknown) => {
          this.logger.error({ err: error, callId }, 'the call could not be closed at shutdown');
        }),
      ),
    );
    if (open.size > 0) this.logger.warn({ calls: open.size }, 'calls still open at shutdown were ended');
  }

  /** The caller of call `callId`, waiting in a queue, asked to be called back at `number` (the widget); false when refused. */
  requestCallback(callId: string, number: string): boolean {
    if (this.stopped) return false;
    const session = this.sessions.get(callId);
    return session ? session.requestCallbackAt(number) : false;
  }

  /** Calls in progress (for health and tests). */
  get activeCalls(): number {
    return this.sessions.size;
  }

  private onCallEvent(event: CallEvent): void {
    if (this.stopped) return;
    if (event.event === 'incoming') {
      if (this.draining) void this.telephony.execute({ command: 'reject', legId: event.legId, status: 503 });
      else this.incoming(event);
      return;
    }
    let session: CallSession | undefined;
    if (event.event === 'recordingDone') session = this.sessionOf(event.recordingId);
    else if ('legId' in event) session = this.inboundLegs.get(event.legId) ?? this.sessionOf(event.legId);
    if (!session) return;
    session.onGatewayEvent(event as SessionGatewayEvent);
    this.forgetIfFinished(session);
  }

  private incoming(event: Extract<CallEvent, { event: 'incoming' }>): void {
    const entry = this.entries.get(event.to);
    if (!entry) {
      void this.telephony.execute({ command: 'reject', legId: event.legId, status: 404 });
      return;
    }
    const flow = withCalendarHours(entry.flow, this.calendars);
    const session = new CallSession({ name: entry.name, flow }, { legId: event.legId, channel: event.channel, from: event.from, to: event.to, at: event.at }, this.ports, this.settings);
    this.sessions.set(session.callId, session);
    this.inboundLegs.set(event.legId, session);
    const identity = event.channel === 'web' ? this.declared.identityOf(event.from, Date.now()) : null;
    if (identity) this.declaredCallers.set(event.from, { callId: session.callId, identity });
    this.logger.info({ callId: session.callId, legId: event.legId, from: event.from, to: event.to, channel: event.channel }, 'call arrived');
    session.start();
  }

  private onDecisions(decisions: readonly AcdDecision[]): void {
    if (this.stopped) return;
    for (const decision of decisions) {
      if (decision.type === 'agentState') {
        this.afterCallWork(decision.transition);
        continue;
      }
      if (!('contactId' in decision)) continue;
      const session = this.sessions.get(decision.contactId);
      if (!session) continue;
      session.onAcdDecision(decision);
      this.forgetIfFinished(session);
    }
  }

  /** After-call work starts when the ACD puts the agent in it, and ends when the agent leaves it. */
  private afterCallWork(transition: Extract<AcdDecision, { type: 'agentState' }>['transition']): void {
    const { agentId, at } = transition;
    if (transition.to === 'after-call-work' && transition.from !== 'after-call-work') {
      const callId = this.lastCallOf.get(agentId);
      if (!callId) return;
      this.wrappingUp.set(agentId, callId);
      this.append(callId, [{ type: 'wrap-up.started', data: { agentId }, at }]);
    } else if (transition.from === 'after-call-work' && transition.to !== 'after-call-work') {
      const callId = this.wrappingUp.get(agentId);
      this.wrappingUp.delete(agentId);
      if (callId) this.append(callId, [{ type: 'wrap-up.ended', data: { agentId }, at }]);
      // Nothing more for the desk to show of that call (a late wrap-up may still be filed).
      const shown = this.agentCalls.get(agentId);
      if (shown && shown.view.callId === callId && shown.view.phase === 'wrap-up') this.showCall(agentId, { ...shown.view, phase: 'ended' });
    }
  }

  // ---- the agents' call control (live channel) -------------------------------------

  /** The call `agentId`'s desk shows now (a tab that connects gets it), if any. */
  currentCall(agentId: string): AgentCallView | null {
    return this.agentCalls.get(agentId)?.view ?? null;
  }

  /** `call:transfer`: answers the transfer's id; refusals are `AppError`s. */
  transfer(agentId: string, request: CallTransferRequest): { transferId: string } {
    const session = this.sessionOfCall(request.callId);
    const transferId = this.controlling(() => session.transfer(agentId, request));
    this.forgetIfFinished(session);
    return { transferId };
  }

  /** `call:consult`: answers the agent's call view after it. */
  consult(agentId: string, request: CallConsultAction): AgentCallView {
    const session = this.sessionOfCall(request.callId);
    const view = this.controlling(() => session.consult(agentId, request.action));
    this.forgetIfFinished(session);
    return view;
  }

  /**
   * `call:dial`: the ACD puts the agent on the new call (refused unless they are available,
   * not ready or in after-call work, with a registered softphone), their softphone rings,
   * and once they answer the number is dialled through the trunk.
   */
  async dial(agentId: string, request: CallDial): Promise<{ callId: string }> {
    if (this.draining) throw new AppError(CallControlErrorCode.NotNow, 'the server is shutting down');
    if (!this.settings.trunk) throw new AppError(CallControlErrorCode.NoTrunk, 'numbers cannot be dialled: this server has no SIP trunk (SIP_TRUNK_URI)');
    // A customer id that names nobody files the call with nobody (the number is still dialled).
    const customerId = request.customerId && (await this.crm.screenPopCustomer(request.customerId).catch(() => null)) ? request.customerId : null;
    const callId = randomUUID();
    this.acd.dialOut(agentId, callId);
    const session = CallSession.dial({ callId, agentId, number: request.number, customerId, at: Date.now() }, this.ports, this.settings);
    this.sessions.set(callId, session);
    this.lastCallOf.set(agentId, callId);
    this.logger.info({ callId, agentId, number: request.number }, 'agent dials');
    session.start();
    this.forgetIfFinished(session);
    return { callId };
  }

  /**
   * `call:wrapUp` (domain/wrap-up.ts): the disposition (and ticket) on the call's timeline,
   * then the end of the agent's after-call work for it. Answers the agent's state.
   */
  wrapUp(agentId: string, request: CallWrapUp): Promise<AgentStateView> {
    const previous = this.wrapUps.get(agentId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.fileWrapUp(agentId, request));
    this.wrapUps.set(agentId, next);
    void next.finally(() => this.wrapUps.get(agentId) === next && this.wrapUps.delete(agentId)).catch(() => undefined);
    return next;
  }

  private async fileWrapUp(agentId: string, request: CallWrapUp): Promise<AgentStateView> {
    const [timeline, dispositions] = await Promise.all([
      this.callLog.timeline(request.callId).then(
        (t) => t.events as CallEventBody[],
        () => null,
      ),
      this.codes.list('dispositions', true),
    ]);
    const state = this.acd.view(agentId).state;
    const shown = this.agentCalls.get(agentId);
    const decision = this.controlling(() =>
      decideWrapUp({
        agentId,
        request,
        wrappingUpCallId: state === 'after-call-work' ? (this.wrappingUp.get(agentId) ?? null) : null,
        lastCall: shown ? { callId: shown.view.callId, leftAt: shown.leftAt } : null,
        timeline,
        dispositions: dispositions.map((d) => d.code),
        now: Date.now(),
      }),
    );
    await this.recorder.append(request.callId, decision.events.map((event) => ({ ...event, at: Date.now() })));
    if (decision.endsAfterCallWork && this.acd.view(agentId).state === 'after-call-work' && this.wrappingUp.get(agentId) === request.callId) {
      return this.acd.setState(agentId, { state: 'available' });
    }
    if (shown && shown.view.callId === request.callId && shown.view.phase === 'wrap-up') this.showCall(agentId, { ...shown.view, phase: 'ended' });
    return this.acd.view(agentId);
  }

  // ---- supervisors stepping into calls (domain/interventions.ts) ----------------------

  /**
   * A supervisor steps into a live call: their registered softphone is rung and joins the
   * call's bridge in `mode` once answered. Refused for a call not with an agent now, a
   * supervisor already in a call, or a softphone that is not registered.
   */
  intervene(supervisor: SessionUser, callId: string, mode: InterventionMode): Intervention {
    const session = this.sessions.get(callId) ?? [...this.sessions.values()].find((s) => s.recordIds.includes(callId));
    if (!session) throw new AppError(MonitorErrorCode.UnknownCall, `there is no live call ${callId}`);
    const current = this.interventions.inProgressOf(supervisor.id);
    if (current) throw new AppError(MonitorErrorCode.Busy, 'you are in another call already: end that intervention first');
    const sipUser = this.telephony.sipUserOf(supervisor);
    if (!this.telephony.listRegistrations().some((r) => r.sipUser === sipUser)) {
      throw new AppError(MonitorErrorCode.PhoneUnreachable, 'your softphone is not registered: it must be on to step into a call');
    }
    const intervention = this.controlling(() => session.intervene({ supervisorId: supervisor.id, supervisorName: supervisor.displayName, sipUser, mode }));
    return this.interventionOf(session, intervention);
  }

  changeIntervention(supervisor: SessionUser, interventionId: string, mode: InterventionMode): Intervention {
    const session = this.sessionOfIntervention(interventionId);
    return this.interventionOf(session, this.controlling(() => session.changeIntervention(interventionId, supervisor.id, mode)));
  }

  endIntervention(supervisor: SessionUser, interventionId: string): Intervention {
    const session = this.sessionOfIntervention(interventionId);
    const view = this.interventionOf(session, this.controlling(() => session.endIntervention(interventionId, supervisor.id)));
    this.forgetIfFinished(session);
    return view;
  }

  private sessionOfIntervention(interventionId: string): CallSession {
    const session = this.sessionOf(interventionId);
    if (!session) throw new AppError(MonitorErrorCode.UnknownIntervention, `there is no intervention ${interventionId} in progress`);
    return session;
  }

  private interventionOf(session: CallSession, intervention: Parameters<InterventionEvents['changed']>[1]): Intervention {
    return interventionView(session.supervisedCall(intervention), intervention);
  }

  /** The session of the call the agent names: the inbound call's id, or the record it writes now (a callback). */
  private sessionOfCall(callId: string): CallSession {
    const session = this.sessions.get(callId) ?? [...this.sessions.values()].find((s) => s.recordIds.includes(callId));
    if (!session) throw new AppError(CallControlErrorCode.NotYourCall, `you are not on call ${callId}`);
    return session;
  }

  /** Runs a call-control request; its expected refusals become `AppError`s for the edge. */
  private controlling<T>(run: () => T): T {
    try {
      return run();
    } catch (error) {
      if (error instanceof CallControlError) throw new AppError(error.code, error.message, error.issues ? { issues: error.issues } : {});
      throw error;
    }
  }

  /** `agent:call` to every tab of the agent; the view is kept for tabs that connect later and for the late wrap-up. */
  private showCall(agentId: string, view: AgentCallView): void {
    const before = this.agentCalls.get(agentId);
    const leftAt = view.phase === 'wrap-up' || view.phase === 'ended' ? (before?.view.callId === view.callId ? (before.leftAt ?? Date.now()) : Date.now()) : null;
    this.agentCalls.set(agentId, { view, leftAt });
    this.live.toAgent(agentId, 'agent:call', view);
  }

  /** Legs and recordings we name carry their session's id before the first dot. */
  private sessionOf(id: string): CallSession | undefined {
    const dot = id.indexOf('.');
    return dot > 0 ? this.sessions.get(id.slice(0, dot)) : undefined;
  }

  private forgetIfFinished(session: CallSession): void {
    if (!session.finished) return;
    this.sessions.delete(session.callId);
    this.screenPops.delete(session.callId);
    for (const [legId, owner] of this.inboundLegs) if (owner === session) this.inboundLegs.delete(legId);
    for (const [caller, declared] of this.declaredCallers) if (declared.callId === session.callId) this.declaredCallers.delete(caller);
  }

  /** A web visitor whose page said who they are is looked up by that (and the match says so); any other caller by number. */
  private async findByCaller(number: string): Promise<CallerMatch | null> {
    const declared = this.declaredCallers.get(number);
    if (declared) {
      const customer = await this.crm.findByDeclared(declared.identity);
      return customer ? { customer, matchedBy: 'web-visitor' } : null;
    }
    const customer = await this.crm.findByCaller(number);
    return customer ? { customer, matchedBy: 'caller-number' } : null;
  }

  private append(callId: string, events: Parameters<CallRecorder['append']>[1]): void {
    if (this.stopped) return;
    this.recorder.append(callId, events).catch((error: unknown) => {
      this.logger.error({ err: error, callId, types: events.map((e) => e.type) }, 'call events were not recorded');
    });
  }

  private readScreenPop(callId: string, customerId: string | null, callerNumber: string): Promise<ScreenPopData> {
    const cached = this.screenPops.get(callId);
    if (cached && cached.customerId === customerId) return cached.data;
    const data = Promise.all([
      customerId ? this.crm.screenPopCustomer(customerId) : Promise.resolve(null),
      this.crm.recentInteractions({ customerId, callerNumber }, callId),
    ]).then(([customer, recentInteractions]) => ({ customer, recentInteractions }));
    const entry: { customerId: string | null; data: Promise<ScreenPopData>; read: ScreenPopData | null } = { customerId, data, read: null };
    data.then(
      (read) => void (entry.read = read),
      () => this.screenPops.delete(callId),
    );
    this.screenPops.set(callId, entry);
    return data;
  }

  /**
   * The offer goes to the agent's tabs the moment the ACD decides: the phone rings then,
   * whatever the database is doing. The screen pop's CRM part comes with it when it was read
   * already (the read starts when the call queues), else it follows as `agent:offerCustomer`.
   */
  private sendOffer(agentId: string, context: OfferContext): void {
    const data = this.readScreenPop(context.callId, context.customerId, context.callerNumber);
    const read = this.screenPops.get(context.callId)?.read ?? null;
    // To every tab of the agent (not only the one the ACD chose): one of them owns the phone, the others show the same offer.
    const deliver = <E extends 'agent:offer' | 'agent:offerCustomer'>(event: E, payload: Parameters<ServerToClientEvents[E]>[0]) => this.live.toAgent(agentId, event, payload);
    const { customer, recentInteractions } = read ?? { customer: null, recentInteractions: [] };
    const offer: AgentOffer = {
      offerId: context.offerId,
      callId: context.callId,
      queueId: context.queueId,
      queueName: this.acd.queueInfos().find((q) => q.queueId === context.queueId)?.name ?? '',
      ringUntil: new Date(context.ringUntil).toISOString(),
      callback: context.callback,
      caller: { number: context.callerNumber, dialed: context.dialedNumber, channel: context.channel, vip: context.vip, language: context.language },
      customer,
      customerMatchedBy: context.customerId ? context.customerMatchedBy : null,
      recentInteractions,
      customerPending: read === null,
      transfer: context.transfer ?? null,
      ivr: {
        flowId: context.flowId,
        path: context.path.map((step) => ({ nodeId: step.nodeId, kind: step.kind, at: new Date(step.at).toISOString(), input: step.input ?? null, outcome: step.outcome ?? null })),
        inputs: context.inputs,
      },
    };
    deliver('agent:offer', offer);
    if (read) return;
    data
      .catch((error: unknown): ScreenPopData => {
        this.logger.warn({ err: error, callId: context.callId }, 'screen pop data could not be read');
        return { customer: null, recentInteractions: [] };
      })
      .then((late) => deliver('agent:offerCustomer', { offerId: context.offerId, ...late }));
  }

  private buildPorts(): SessionPorts {
    const acd = this.acd;
    return {
      now: () => Date.now(),
      newId: () => randomUUID(),
      gateway: { execute: (command) => this.telephony.execute(command) },
      recorder: { append: (callId, events) => this.append(callId, events) },
      crm: {
        callerList: (number) => this.crm.callerList(number),
        findByCaller: (number) => this.findByCaller(number),
        findByAccount: (account) => this.crm.findByAccount(account),
        verifyPin: (account, pin) => this.crm.verifyPin(account, pin),
      },
      acd: {
        queueIdOf: (name) => acd.queueIdOf(name),
        enqueue: (request) => acd.enqueue(request),
        positionOf: (contactId) => acd.positionOf(contactId),
        abandon: (contactId) => acd.abandon(contactId),
        offerAccepted: (offerId, agentId) => acd.offerAccepted(offerId, agentId),
        offerRejected: (offerId, agentId) => acd.offerRejected(offerId, agentId),
        offerTimedOut: (offerId) => acd.offerTimedOut(offerId),
        callbackRequested: (contactId, number) => acd.callbackRequested(contactId, number),
        callEnded: (agentId, options) => acd.callEnded(agentId, options),
        extensionOf: (agentId) => acd.extensionOf(agentId),
        agentName: (agentId) => acd.agentName(agentId),
        queueName: (queueId) => acd.queueName(queueId),
        takeForDirectCall: (target, callId, queueId) => acd.takeForDirectCall(target, callId, queueId ?? null),
      },
      desk: {
        queued: (callId, customerId, callerNumber) => {
          this.readScreenPop(callId, customerId, callerNumber).catch((error: unknown) => this.logger.warn({ err: error, callId }, 'screen pop data could not be read'));
        },
        offer: (agentId, _tabId, context) => this.sendOffer(agentId, context),
        offerEnded: (agentId, offerId, reason) => this.live.toAgent(agentId, 'agent:offerEnded', { offerId, reason }),
        callConnected: (agentId, callId) => void this.lastCallOf.set(agentId, callId),
        callView: (agentId, view) => this.showCall(agentId, view),
      },
      supervision: { interventionChanged: (call, intervention, change) => this.interventions.changed(call, intervention, change) },
      log: { warn: (message, data) => this.logger.warn(data ?? {}, message) },
    };
  }
}
