import { type CommandResult, type DtmfDigit, type GatewayCommandInput, type HangupCause, type Prompt, type TransferTarget } from '@ccx/contracts';
import { type AcdDecision, type ConnectDecision, type DialCallbackDecision } from '../../acd/domain/index.js';
import { type CrmCustomer } from '../../ivr/domain/runner-types.js';
import { AgentSide, type AgentSideHost } from './agent-side.js';
import { IvrDriver, type IvrHost } from './ivr-driver.js';
import { IvrTransfer } from './ivr-transfer.js';
import { recordingFileName } from './recorded-bridge.js';
import { ivrEndCause, legEndCause } from './ivr-timeline.js';
import { CALLBACK_KEY, callbackDialing, callbackGoodbye, DIALABLE, positionAnnouncement } from './queue-prompts.js';
import { type CallLegEvent, type EndData, type EntryPoint, type IncomingCall, type SessionGatewayEvent, type SessionPorts, type SessionSettings, type TimelineEvent } from './session-ports.js';

export { type IncomingCall, type SessionGatewayEvent } from './session-ports.js';

/**
 * One customer call, from the INVITE that reached an entry point to its last record. It runs
 * the entry point's IVR flow (ivr-driver.ts), hands the caller to the ACD, rings the agents
 * the ACD picks and bridges the one who answers (agent-side.ts), places callbacks, and
 * writes every step to the call's timeline. Plain TypeScript: the world is
 * behind `SessionPorts`; events come in through `start`, `onGatewayEvent`, `onAcdDecision`.
 *
 *            IVR enqueue                offer answered + ACD connect
 *     ivr ─────────────────► queued ─────────────────────────────────► connected
 *      ▲ │                    │  │ ▲                                      │  │
 *      │ │ caller or IVR      │  │ └─ an offer ends: wait on (music)      │  │ caller or agent
 *      │ │ hangs up           │  │                                        │  │ hangs up
 *      │ ▼                    │  │ caller abandons                        │  ▼
 *      │ ended ◄──────────────┼──┘                                        │ ended
 *      │   ▲                  │ caller presses 1, or max wait             │
 *      │   │                  ▼ (a callback keeps the place)              │
 *      │   │            callback-wait ── offer answered ──► callback-dialing ──customer answers──► connected
 *      │   │                                                  │
 *      │   └───────────── the customer does not answer ───────┘
 *      └── the agent hangs up and the flow has an after-call node (survey): back to the IVR
 *          (also: max wait sends a queued caller back to the IVR's onFailure, e.g. voicemail)
 *
 *     ivr ── transfer node ──► transfer (ivr-transfer.ts: ringing, then bridged with the target)
 *      ▲                        │  │ caller or target hangs up
 *      └─ failed, or the target │  ▼
 *         left (after-call node)│ ended
 *
 * `move` is the only place the phase changes and refuses any arrow not drawn here.
 *
 * Commands the session sends may make the in-process gateway report events before the
 * command returns (a replaced playback is `stopped` at once): the session changes its own
 * state before it sends, and ignores what it caused itself (a leg it hung up).
 */
export type SessionPhase = 'ivr' | 'queued' | 'connected' | 'callback-wait' | 'callback-dialing' | 'transfer' | 'ended';

const MOVES: Record<SessionPhase, readonly SessionPhase[]> = {
  ivr: ['queued', 'callback-wait', 'transfer', 'ended'],
  transfer: ['ivr', 'ended'],
  queued: ['connected', 'ivr', 'callback-wait', 'ended'],
  connected: ['ivr', 'ended'],
  'callback-wait': ['callback-dialing', 'ended'],
  'callback-dialing': ['connected', 'ended'],
  ended: [],
};

const MUSIC = 'moh';
/** A voicemail shorter than this is a hang-up at the beep, not a message. */
const MIN_VOICEMAIL_MS = 1000;
/** The key that ends a voicemail message (the prompt says so). */
const VOICEMAIL_STOP_KEY = '#';
const CALLBACK_BYE = 'callback-bye';
const CALLBACK_DIALING = 'callback-dialing';


export class CallSession {
  /** The inbound call's id (its record) and the ACD contact's id. */
  readonly callId: string;
  /** The record being written: the inbound call, or the callback placed for it. */
  private recordId: string;
  private recordEnded = false;
  private phase_: SessionPhase = 'ivr';
  private customer: { legId: string; answered: boolean; gone: boolean };
  private readonly caller: { number: string; dialed: string; channel: 'web' | 'trunk' };
  private readonly ivr: IvrDriver;
  /** Undefined until the caller lists were read. */
  private callerList: 'vip' | 'blacklist' | null | undefined = undefined;
  private customerId: string | null = null;
  private readonly matched = new Set<string>();
  private queueId: string | null = null;
  private priority = 0;
  /** The skills the caller needs (by name), kept for a return to the queue and a callback. */
  private skills: { skill: string; minLevel: number }[] = [];
  private afterCall = false;
  private readonly agents: AgentSide;
  private hadAgent = false;
  private seq = 0;
  private customerPlayback: string | null = null;
  /** A callback the IVR booked (after hours): queued once the IVR has said goodbye. */
  private ivrCallback: { number: string; queueId: string | null } | null = null;
  /** The queue the caller last left unanswered (max wait): a voicemail left next is filed to it. */
  private leftQueueId: string | null = null;
  /** A transfer node's transfer (the latest); with `afterCall`, the flow takes the caller back when the target hangs up. */
  private transfer: { side: IvrTransfer; afterCall: boolean } | null = null;
  /** A voicemail being recorded; the session is not finished until its file is filed. */
  private voicemail: { recordingId: string; seq: number; queueId: string | null } | null = null;

  constructor(
    private readonly entry: EntryPoint,
    incoming: IncomingCall,
    private readonly ports: SessionPorts,
    private readonly settings: SessionSettings,
  ) {
    this.callId = ports.newId();
    this.recordId = this.callId;
    this.agents = new AgentSide(this.callId, this.agentSideHost(), ports);
    this.customer = { legId: incoming.legId, answered: false, gone: false };
    this.caller = { number: incoming.from, dialed: incoming.to, channel: incoming.channel };
    const log = { warn: (message: string, data?: Record<string, unknown>) => ports.log.warn(message, { callId: this.callId, ...data }) };
    this.ivr = new IvrDriver(entry.flow, this.ivrHost(), { ...ports, log }, settings.hoursOverride);
    this.record({
      type: 'call.started',
      data: { direction: 'inbound', channel: incoming.channel, ani: incoming.from.slice(0, 128), dnis: incoming.to.slice(0, 128), entryPoint: entry.name, agentId: null, callbackOfCallId: null },
      at: incoming.at,
    });
  }

  get phase(): SessionPhase {
    return this.phase_;
  }

  /** The records this session writes: the inbound call, and the callback placed for it. */
  get recordIds(): string[] {
    return this.recordId === this.callId ? [this.callId] : [this.callId, this.recordId];
  }

  /** Nothing left to do: the call ended, every leg is down, the recordings are filed. */
  get finished(): boolean {
    return this.phase_ === 'ended' && this.customer.gone && this.agents.finished && this.voicemail === null && (this.transfer?.side.finished ?? true);
  }

  /** Answers the caller and reads the caller lists; the IVR starts once both are done. */
  start(): void {
    this.command({ command: 'answer', legId: this.customer.legId }, (result) => {
      this.ports.log.warn('the caller could not be answered', { callId: this.callId, error: result.error });
      this.customer.gone = true;
      this.endRecord({ by: 'system', agentId: null, cause: 'media-failure', detail: result.error.message });
      this.move('ended');
    });
    this.ports.crm
      .callerList(this.caller.number)
      .catch((error: unknown) => {
        this.ports.log.warn('caller list lookup failed', { callId: this.callId, error: String(error) });
        return null;
      })
      .then((list) => {
        this.callerList = list;
        this.maybeStartIvr();
      });
  }

  // ---- gateway events ---------------------------------------------------------------

  onGatewayEvent(event: SessionGatewayEvent): void {
    if (event.event === 'recordingDone') {
      if (event.recordingId === this.voicemail?.recordingId) return this.voicemailRecorded(event);
      if (this.transfer?.side.ownsRecording(event.recordingId)) return this.transfer.side.recordingDone(event);
      return this.agents.recordingDone(event);
    }
    if (this.transfer?.side.owns(event.legId)) return this.transfer.side.onLegEvent(event);
    if (event.legId === this.customer.legId) return this.onCustomerEvent(event);
    this.agents.onLegEvent(event);
  }

  private onCustomerEvent(event: CallLegEvent): void {
    switch (event.event) {
      case 'answered':
        this.customer.answered = true;
        if (this.phase_ === 'callback-dialing') this.connectCallback(event.at);
        else this.maybeStartIvr();
        return;
      case 'digit':
        return this.onDigit(event.digit, event.at);
      case 'collected':
        return this.ivr.collected(event.digits, event.reason, event.at);
      case 'playbackDone':
        if (event.playbackId === this.customerPlayback) this.customerPlayback = null;
        if (this.ivr.playbackDone(event.playbackId, event.reason, event.at)) return;
        if (event.playbackId.startsWith('announce-') && this.phase_ === 'queued' && event.reason !== 'stopped') this.playMusic();
        if (event.playbackId === CALLBACK_BYE && event.reason !== 'stopped' && !this.customer.gone) {
          this.endRecord({ by: 'system', agentId: null, cause: 'callback', detail: null });
          this.hangupCustomer();
        }
        return;
      case 'hangup':
        return this.onCustomerGone(event.cause, event.at);
      default:
        return;
    }
  }

  private onDigit(digit: string, at: number): void {
    const { nodeId, masked } = this.ivr.keyHeard(at);
    if (this.recordEnded) return;
    this.record({ type: 'digit.pressed', data: { nodeId, digit: masked ? null : (digit as DtmfDigit), masked }, at });
    if (this.phase_ === 'queued' && digit === CALLBACK_KEY && this.dialableNumber()) this.requestCallback(at);
  }

  private onCustomerGone(cause: HangupCause, at: number): void {
    // A leg we hung up ourselves was dealt with when we did.
    if (this.customer.gone) return;
    this.customer.gone = true;
    const end = legEndCause(cause);
    switch (this.phase_) {
      case 'ivr':
        this.ivr.callerGone();
        this.endRecord({ by: end.by, agentId: null, cause: end.cause, detail: cause }, at);
        if (this.ivrCallback) this.queueIvrCallback();
        else this.move('ended');
        return;
      case 'queued': {
        const position = this.ports.acd.positionOf(this.callId);
        this.ports.acd.abandon(this.callId);
        this.record({ type: 'queue.abandoned', data: { queueId: this.queueId!, position }, at });
        this.recordEnded = true;
        this.move('ended');
        return;
      }
      case 'connected':
        this.endRecord({ by: end.by, agentId: null, cause: end.cause, detail: cause }, at);
        this.agents.release();
        this.move('ended');
        return;
      case 'transfer':
        this.transfer?.side.callerGone();
        this.endRecord({ by: end.by, agentId: null, cause: end.cause, detail: cause }, at);
        this.move('ended');
        return;
      case 'callback-wait':
        // Hung up during (or after) the goodbye: the callback stays booked.
        this.endRecord({ by: 'customer', agentId: null, cause: 'callback', detail: null }, at);
        return;
      case 'callback-dialing':
        this.endRecord({ by: 'system', agentId: null, cause: cause === 'busy' ? 'busy' : 'no-answer', detail: cause }, at);
        this.agents.release();
        this.move('ended');
        return;
      case 'ended':
        return;
    }
  }

  // ---- ACD decisions ----------------------------------------------------------------

  onAcdDecision(decision: AcdDecision): void {
    const now = this.ports.now();
    switch (decision.type) {
      case 'offer':
        return this.agents.ring(decision);
      case 'offerRevoked':
        return this.agents.revoked(decision);
      case 'connect':
        return this.connectAgent(decision);
      case 'dialCallback':
        return this.dialCallback(decision);
      case 'announce':
        if (this.phase_ !== 'queued') return;
        this.record({ type: 'queue.announcement', data: { queueId: decision.queueId, position: decision.position, ewtSeconds: decision.ewtSeconds }, at: now });
        this.playToCustomer(`announce-${++this.seq}`, positionAnnouncement(this.ivr.language, decision.position, decision.ewtSeconds, this.dialableNumber() !== null), false);
        return;
      case 'overflow':
        if (decision.action !== 'move' || this.phase_ !== 'queued') return;
        this.record({ type: 'queue.overflowed', data: { fromQueueId: decision.fromQueueId, toQueueId: decision.toQueueId, reason: 'rule' }, at: now });
        this.queueId = decision.toQueueId;
        return;
      case 'maxWait':
        if (this.phase_ !== 'queued') return;
        if (decision.outcome === 'callback') return this.bookCallback(now);
        this.record({ type: 'queue.exited', data: { queueId: this.queueId!, reason: 'max-wait' }, at: now });
        this.stopCustomerPlayback();
        this.leftQueueId = this.queueId;
        this.queueId = null;
        this.move('ivr');
        this.ivr.handoffFailed('max-wait');
        return;
      default:
        return;
    }
  }

  private connectAgent(decision: ConnectDecision): void {
    if (this.customer.gone || this.phase_ !== 'queued') return this.agents.refuse(decision.agentId);
    const taken = this.agents.take(decision.agentId);
    if (!taken) {
      // The agent's phone went away between its answer and the ACD's connect: back in the queue.
      if (this.queueId) this.ports.acd.enqueue({ contactId: this.callId, queueId: this.queueId, priority: this.priority, callerNumber: this.dialableNumber(), skills: this.skills });
      return;
    }
    this.move('connected');
    this.hadAgent = true;
    this.stopCustomerPlayback();
    this.record({ type: 'call.answered', data: { agentId: decision.agentId, offerId: taken.offerId }, at: taken.answeredAt ?? this.ports.now() });
    this.agents.bridge();
    this.ports.desk.offerEnded(decision.agentId, taken.offerId, 'answered');
  }

  /** The agent on the call hung up (the agent side has already freed them in the ACD). */
  private agentLeft(agentId: string, at: number): void {
    if (this.phase_ === 'callback-dialing') {
      this.endRecord({ by: 'system', agentId: null, cause: 'no-answer', detail: 'the agent hung up before the customer answered' }, at);
      this.move('ended');
      this.hangupCustomer();
      return;
    }
    if (this.phase_ !== 'connected') return;
    const isCallback = this.recordId !== this.callId;
    if (this.afterCall && !isCallback && this.ivr.handedOff && !this.customer.gone) {
      // The flow has more for the caller (a survey): the call goes on without the agent.
      this.record({ type: 'agent.hung-up', data: { agentId }, at });
      this.move('ivr');
      this.ivr.callReturned();
      return;
    }
    this.endRecord({ by: 'agent', agentId, cause: 'hangup', detail: null }, at);
    this.move('ended');
    this.hangupCustomer();
  }

  private agentSideHost(): AgentSideHost {
    return {
      recordId: () => this.recordId,
      customerLegId: () => this.customer.legId,
      recordsOffers: () => this.phase_ === 'queued',
      takesAnswers: () => this.phase_ === 'queued' || this.phase_ === 'callback-wait',
      offerContext: () => ({
        callId: this.callId,
        callerNumber: this.caller.number,
        dialedNumber: this.caller.dialed,
        channel: this.caller.channel,
        vip: this.callerList === 'vip',
        language: this.ivr.language,
        customerId: this.customerId,
        flowId: this.ivr.started ? this.entry.flow.id : null,
        path: this.ivr.path,
        inputs: this.ivr.variables(),
      }),
      record: (event) => this.record(event),
      command: (command, failed) => this.command(command, failed),
      agentLeft: (agentId, at) => this.agentLeft(agentId, at),
    };
  }

  // ---- callbacks --------------------------------------------------------------------

  private dialableNumber(): string | null {
    return DIALABLE.test(this.caller.number) ? this.caller.number : null;
  }

  private requestCallback(at: number): void {
    const number = this.dialableNumber();
    if (number && this.ports.acd.callbackRequested(this.callId, number)) this.bookCallback(at);
  }

  /**
   * The caller asked, outside the keypad, to be called back at `number` (the web widget: a
   * visitor's identity cannot be dialled). Only while waiting in a queue; false when refused.
   */
  requestCallbackAt(number: string): boolean {
    if (this.phase_ !== 'queued' || !DIALABLE.test(number) || !this.ports.acd.callbackRequested(this.callId, number)) return false;
    this.bookCallback(this.ports.now(), number);
    return true;
  }

  /** The contact keeps its place as a callback; the caller hears a goodbye and is let go. */
  private bookCallback(at: number, number = this.dialableNumber()!): void {
    this.record({ type: 'callback.requested', data: { number, queueId: this.queueId, scheduledFor: null }, at });
    this.record({ type: 'queue.exited', data: { queueId: this.queueId!, reason: 'callback' }, at });
    this.move('callback-wait');
    this.playToCustomer(CALLBACK_BYE, callbackGoodbye(this.ivr.language, number), false);
  }

  /** The IVR booked a callback and said goodbye: the contact waits in the ACD for an agent. */
  private queueIvrCallback(): void {
    const booked = this.ivrCallback!;
    this.ivrCallback = null;
    const queued =
      booked.queueId !== null &&
      this.ports.acd.enqueue({ contactId: this.callId, queueId: booked.queueId, priority: 0, callerNumber: booked.number, skills: this.skills }) &&
      this.ports.acd.callbackRequested(this.callId, booked.number);
    if (queued) {
      this.queueId = booked.queueId;
      this.move('callback-wait');
    } else {
      this.ports.log.warn('the callback the IVR booked could not be queued', { callId: this.callId, queueId: booked.queueId });
      this.move('ended');
    }
  }

  /** The agent took a callback: dial the customer as a call of its own and bridge on answer. */
  private dialCallback(decision: DialCallbackDecision): void {
    if (this.phase_ !== 'callback-wait') return this.agents.refuse(decision.agentId);
    const taken = this.agents.take(decision.agentId);
    if (!taken) return;
    this.move('callback-dialing');
    const callbackId = this.ports.newId();
    const now = this.ports.now();
    this.ports.recorder.append(callbackId, [
      {
        type: 'call.started',
        data: { direction: 'outbound', channel: 'trunk', ani: this.settings.callerId, dnis: decision.number, entryPoint: this.entry.name, agentId: decision.agentId, callbackOfCallId: this.callId },
        at: now,
      },
      ...(this.customerId ? [{ type: 'crm.matched' as const, data: { customerId: this.customerId, matchedBy: 'ivr-input' as const }, at: now }] : []),
    ]);
    this.ports.recorder.append(this.callId, [{ type: 'callback.placed', data: { callbackCallId: callbackId }, at: now }]);
    this.recordId = callbackId;
    this.recordEnded = false;
    this.ports.desk.offerEnded(decision.agentId, taken.offerId, 'answered');
    this.agents.play(CALLBACK_DIALING, callbackDialing(this.ivr.language));
    const legId = `${this.callId}.c${++this.seq}`;
    this.customer = { legId, answered: false, gone: false };
    const to = { kind: 'trunk' as const, number: decision.number };
    this.command({ command: 'originate', legId, to, callerId: this.settings.callerId, timeoutMs: this.settings.callbackRingMs }, (result) => {
      this.ports.log.warn('the callback could not be dialled', { callId: this.callId, error: result.error });
      if (this.customer.legId === legId) this.onCustomerGone('failure', this.ports.now());
    });
  }

  private connectCallback(at: number): void {
    if (this.agents.agentId === null) return this.hangupCustomer();
    this.move('connected');
    this.hadAgent = true;
    this.agents.stopPlayback(CALLBACK_DIALING);
    this.record({ type: 'call.answered', data: { agentId: this.agents.agentId, offerId: null }, at });
    this.agents.bridge();
  }

  // ---- the IVR's part ---------------------------------------------------------------

  private maybeStartIvr(): void {
    if (this.ivr.started || this.phase_ !== 'ivr' || !this.customer.answered || this.customer.gone || this.callerList === undefined) return;
    this.ivr.start({ callerNumber: this.caller.number, dialedNumber: this.caller.dialed, channel: this.caller.channel, callerList: this.callerList });
  }

  private ivrHost(): IvrHost {
    return {
      holdsCaller: () => this.phase_ === 'ivr',
      customerLegId: () => this.customer.legId,
      playToCustomer: (playbackId, prompts, interruptOnDigit) => this.playToCustomer(playbackId, prompts, interruptOnDigit),
      command: (command) => this.command(command),
      record: (event) => this.record(event),
      customerMatched: (customer, matchedBy) => this.customerMatched(customer, matchedBy),
      enqueue: (action) => this.enqueue(action),
      scheduleCallback: (number, queue) => {
        const queueId = this.ports.acd.queueIdOf(queue);
        this.ivrCallback = { number, queueId };
        this.record({ type: 'callback.requested', data: { number, queueId, scheduledFor: null }, at: this.ports.now() });
      },
      recordVoicemail: (seq, maxSeconds) => this.recordVoicemail(seq, maxSeconds),
      transfer: (to, afterCall) => this.transferTo(to, afterCall),
      hangup: (reason) => {
        this.endRecord({ by: 'system', agentId: null, cause: ivrEndCause(reason, this.hadAgent), detail: reason });
        if (this.ivrCallback && reason === 'callback') this.queueIvrCallback();
        else this.move('ended');
        this.hangupCustomer();
      },
    };
  }

  private customerMatched(customer: CrmCustomer, matchedBy: 'caller-number' | 'ivr-input'): void {
    this.customerId = customer.id;
    if (this.matched.has(customer.id)) return;
    this.matched.add(customer.id);
    this.record({ type: 'crm.matched', data: { customerId: customer.id, matchedBy }, at: this.ports.now() });
  }

  /** The IVR hands the caller to a queue; a reason when that failed. */
  private enqueue(action: Parameters<IvrHost['enqueue']>[0]): string | null {
    const queueId = this.ports.acd.queueIdOf(action.queue);
    if (!queueId) return `no queue named ${action.queue}`;
    // The flow ranks 0–10 (VIP 10); the ACD's scale puts a VIP at 100 (acd/domain/routing/priority.ts).
    const priority = action.priority * 10;
    const enqueuedAt = this.ports.now();
    // The node's skills and the caller's language skill: agents must have them as well as the queue's.
    const skills = action.skills.map((s) => ({ skill: s.skill, minLevel: s.minLevel ?? 1 }));
    if (!this.ports.acd.enqueue({ contactId: this.callId, queueId, priority, callerNumber: this.dialableNumber(), skills })) return `the ACD refused the call for ${action.queue}`;
    this.skills = skills;
    this.queueId = queueId;
    this.priority = priority;
    this.afterCall = action.afterCall;
    this.move('queued');
    this.ports.desk.queued(this.callId, this.customerId, this.caller.number);
    this.record({ type: 'queue.entered', data: { queueId, priority, skills, position: this.ports.acd.positionOf(this.callId) }, at: enqueuedAt });
    this.playMusic();
    return null;
  }

  // ---- small helpers ----------------------------------------------------------------

  private playMusic(): void {
    this.playToCustomer(MUSIC, [{ kind: 'music' }], false, true);
  }

  private playToCustomer(playbackId: string, prompts: Prompt[], interruptOnDigit: boolean, loop = false): void {
    if (this.customer.gone) return;
    this.customerPlayback = playbackId;
    this.command({ command: 'play', legId: this.customer.legId, playbackId, prompts, loop, interruptOnDigit });
  }

  private stopCustomerPlayback(): void {
    const playbackId = this.customerPlayback;
    if (!playbackId || this.customer.gone) return;
    this.customerPlayback = null;
    this.command({ command: 'stopPlayback', legId: this.customer.legId, playbackId });
  }

  private hangupCustomer(): void {
    if (this.customer.gone) return;
    this.customer.gone = true;
    this.command({ command: 'hangup', legId: this.customer.legId });
  }

  private transferTo(to: TransferTarget, afterCall: boolean): void {
    this.move('transfer');
    const side = new IvrTransfer(this.callId, ++this.seq, {
      customerLegId: () => this.customer.legId,
      recordId: () => this.recordId,
      callerId: () => (/^[\w.+-]{1,64}$/.test(this.caller.number) ? this.caller.number : 'anonymous'),
      record: (event) => this.record(event),
      command: (command, failed) => this.command(command, failed),
      connected: () => this.stopCustomerPlayback(),
      failed: (reason) => {
        if (this.phase_ !== 'transfer' || this.customer.gone) return;
        this.move('ivr');
        this.ivr.handoffFailed(reason);
      },
      targetLeft: (agentId, at) => this.transferTargetLeft(agentId, at),
    }, this.ports);
    this.transfer = { side, afterCall };
    // Music while the target's phone rings; a failure right away is back in the IVR at once.
    this.playMusic();
    side.start(to);
  }

  private transferTargetLeft(agentId: string | null, at: number): void {
    if (this.phase_ !== 'transfer' || this.customer.gone) return;
    if (this.transfer?.afterCall && this.ivr.handedOff) {
      // The flow has more for the caller (a survey): the call goes on without the target.
      if (agentId) this.record({ type: 'agent.hung-up', data: { agentId }, at });
      this.move('ivr');
      this.ivr.callReturned();
      return;
    }
    this.endRecord({ by: agentId ? 'agent' : 'system', agentId, cause: 'hangup', detail: agentId ? null : 'the transfer target hung up' }, at);
    this.move('ended');
    this.hangupCustomer();
  }

  private recordVoicemail(seq: number, maxSeconds: number): void {
    const recordingId = `${this.callId}.vm${seq}`;
    this.voicemail = { recordingId, seq, queueId: this.leftQueueId };
    this.command({ command: 'recordLeg', legId: this.customer.legId, recordingId, maxDurationMs: maxSeconds * 1000, stopDigits: VOICEMAIL_STOP_KEY }, (result) => {
      if (this.voicemail?.recordingId !== recordingId) return;
      this.voicemail = null;
      if (!this.customer.gone) this.ports.log.warn('the voicemail could not be recorded', { callId: this.callId, error: result.error });
      this.ivr.voicemailDone(seq, null);
    });
  }

  /**
   * The message is on disk: filed with the call (and so with the customer the call found)
   * unless it is too short to be one. Most callers end a message by hanging up, so this
   * often comes after the call's end.
   */
  private voicemailRecorded(event: Extract<SessionGatewayEvent, { event: 'recordingDone' }>): void {
    const voicemail = this.voicemail!;
    this.voicemail = null;
    const kept = event.durationMs >= MIN_VOICEMAIL_MS;
    if (kept) {
      this.record({ type: 'voicemail.left', data: { recordingId: voicemail.recordingId, path: recordingFileName(event.path), durationSeconds: event.durationMs / 1000, queueId: voicemail.queueId }, at: event.at });
    }
    if (!this.customer.gone) this.ivr.voicemailDone(voicemail.seq, kept ? voicemail.recordingId : null);
  }

  private endRecord(data: EndData, at = this.ports.now()): void {
    if (this.recordEnded) return;
    this.record({ type: 'call.ended', data: { ...data, detail: data.detail?.slice(0, 500) ?? null }, at });
    this.recordEnded = true;
  }

  private record(event: TimelineEvent): void {
    this.ports.recorder.append(this.recordId, [event]);
  }

  /** Sends a command; `failed` runs if the gateway refuses it (else the refusal is logged). */
  private command(command: GatewayCommandInput, failed?: (result: Extract<CommandResult, { ok: false }>) => void): void {
    void this.ports.gateway.execute(command).then((result) => {
      if (result.ok) return;
      if (failed) failed(result);
      else if (!this.customer.gone || command.command !== 'stopPlayback') {
        this.ports.log.warn('gateway refused a command', { callId: this.callId, command: command.command, error: result.error });
      }
    });
  }

  /** The one place the phase changes; an arrow the diagram does not have is a bug. */
  private move(to: SessionPhase): void {
    if (!MOVES[this.phase_].includes(to)) throw new Error(`call session ${this.callId}: ${this.phase_} → ${to} is not a legal move`);
    this.phase_ = to;
  }
}
