import {
  type AgentCallView,
  type CallConsultAction,
  type CallTransferRequest,
  type CommandResult,
  type CrmMatchedBy,
  type DtmfDigit,
  type FlowLanguage,
  type GatewayCommandInput,
  type HangupCause,
  type InterventionMode,
  MonitorErrorCode,
  type Prompt,
  type TransferTarget,
} from '@ccx/contracts';
import { type AcdDecision, type ConnectDecision, type DialCallbackDecision } from '../../acd/domain/index.js';
import { type CrmCustomer } from '../../ivr/domain/runner-types.js';
import { AgentSide, agentPhoneCallerId, type AgentSideHost } from './agent-side.js';
import { CallControlError, notNow, notYourCall } from './call-control-error.js';
import { Conversation, type ConversationHost, type ConversationMode } from './conversation.js';
import { type InterventionStart, type LiveIntervention } from './interventions.js';
import { IvrDriver, type IvrHost } from './ivr-driver.js';
import { IvrTransfer } from './ivr-transfer.js';
import { recordingFileName } from './recorded-bridge.js';
import { ivrEndCause, legEndCause } from './ivr-timeline.js';
import { CALLBACK_KEY, callbackDialing, callbackGoodbye, DIALABLE, positionAnnouncement, transferFailedGoodbye } from './queue-prompts.js';
import {
  type CallLegEvent,
  type DialRequest,
  type EndData,
  type EntryPoint,
  type IncomingCall,
  type SessionGatewayEvent,
  type SessionPorts,
  type SessionSettings,
  type TimelineEvent,
} from './session-ports.js';

export { type DialRequest, type IncomingCall, type SessionGatewayEvent } from './session-ports.js';

/**
 * One customer call, from the INVITE that reached an entry point (or an agent's
 * click-to-dial) to its last record. It runs the entry point's IVR flow (ivr-driver.ts),
 * hands the caller to the ACD, rings the agents the ACD picks (agent-side.ts), puts the one
 * who answers in the conversation with the customer (conversation.ts: the bridge and its
 * recording, hold, transfers, consults, conferences), places callbacks, and writes every
 * step to the call's timeline. Plain TypeScript: the world is behind `SessionPorts`; events
 * come in through `start`, `onGatewayEvent`, `onAcdDecision`, and the agents' requests
 * through `transfer`, `consult`.
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
 *   The agents' control of a connected call (the conversation's modes, conversation.ts):
 *
 *     connected ⇄ held                       the agent's softphone holds / resumes
 *     connected | held ── consult ──► consulting ── complete, conference, cancel ──► connected | held
 *     connected | held ── blind to an agent or a number ──► transferring ── answered ──► connected
 *                                                              └── failed ──► queued (the queue it came from)
 *     connected | held ── blind to a queue ──► queued
 *     a number answers a transfer, or only a conference's number is left ──► outside ──► ended
 *       (the record ends, transferred out; the two stay bridged until one hangs up)
 *
 *   Click-to-dial: dialing (the agent's softphone rings, then the number) ──answered──► connected
 *
 * `move` is the only place the phase changes and refuses any arrow not drawn here.
 *
 * Commands the session sends may make the in-process gateway report events before the
 * command returns (a replaced playback is `stopped` at once): the session changes its own
 * state before it sends, and ignores what it caused itself (a leg it hung up).
 */
export type SessionPhase =
  | 'ivr'
  | 'queued'
  | 'connected'
  | 'held'
  | 'consulting'
  | 'transferring'
  | 'outside'
  | 'callback-wait'
  | 'callback-dialing'
  | 'dialing'
  | 'transfer'
  | 'ended';

const MOVES: Record<SessionPhase, readonly SessionPhase[]> = {
  ivr: ['queued', 'callback-wait', 'transfer', 'ended'],
  transfer: ['ivr', 'ended'],
  queued: ['connected', 'ivr', 'callback-wait', 'ended'],
  connected: ['held', 'consulting', 'transferring', 'queued', 'outside', 'ivr', 'ended'],
  held: ['connected', 'consulting', 'transferring', 'queued', 'outside', 'ivr', 'ended'],
  consulting: ['connected', 'held', 'outside', 'ivr', 'ended'],
  transferring: ['connected', 'queued', 'outside', 'ended'],
  outside: ['ended'],
  'callback-wait': ['callback-dialing', 'ended'],
  'callback-dialing': ['connected', 'ended'],
  dialing: ['connected', 'ended'],
  ended: [],
};

/** The phases in which agents talk with the customer (the conversation has the call). */
const TALKING: readonly SessionPhase[] = ['connected', 'held', 'consulting', 'transferring'];

/** The session's phase for each of the conversation's modes. */
const PHASE_OF: Record<ConversationMode, SessionPhase> = {
  talking: 'connected',
  held: 'held',
  consulting: 'consulting',
  transferring: 'transferring',
  outside: 'outside',
};

const MUSIC = 'moh';
/** A voicemail shorter than this is a hang-up at the beep, not a message. */
const MIN_VOICEMAIL_MS = 1000;
/** The key that ends a voicemail message (the prompt says so). */
const VOICEMAIL_STOP_KEY = '#';
const CALLBACK_BYE = 'callback-bye';
const CALLBACK_DIALING = 'callback-dialing';
/** The goodbye of a caller nobody can take any more (a failed transfer with no queue to go back to). */
const SORRY_BYE = 'sorry-bye';


export class CallSession {
  /** The inbound call's id (its record) and the ACD contact's id; a dialled call's record. */
  readonly callId: string;
  /** The record being written: the inbound call, or the callback placed for it. */
  private recordId: string;
  private recordEnded = false;
  private phase_: SessionPhase;
  private customer: { legId: string; answered: boolean; gone: boolean };
  private readonly caller: { number: string; dialed: string; channel: 'web' | 'trunk' };
  private readonly direction: 'inbound' | 'outbound';
  /** The IVR flow of an inbound call; a dialled call has none. */
  private readonly ivr: IvrDriver | null;
  /** Undefined until the caller lists were read. */
  private callerList: 'vip' | 'blacklist' | null | undefined = undefined;
  private customerId: string | null = null;
  /** How `customerId` was found. */
  private customerMatchedBy: CrmMatchedBy | null = null;
  private readonly matched = new Set<string>();
  private queueId: string | null = null;
  /** When the caller first queued (a caller coming back to a queue keeps the place of that wait). */
  private firstEnqueuedAt: number | null = null;
  private priority = 0;
  /** The skills the caller needs (by name), kept for a return to the queue and a callback. */
  private skills: { skill: string; minLevel: number }[] = [];
  private afterCall = false;
  private readonly agents: AgentSide;
  private readonly conversation: Conversation;
  private hadAgent = false;
  private seq = 0;
  private customerPlayback: string | null = null;
  /** A callback the IVR booked (after hours): queued once the IVR has said goodbye. */
  private ivrCallback: { number: string; queueId: string | null } | null = null;
  /** The queue the caller last left unanswered (max wait): a voicemail left next is filed to it. */
  private leftQueueId: string | null = null;
  /** A transfer node's transfer (the latest); with `afterCall`, the flow takes the caller back when the target hangs up. */
  private transfer_: { side: IvrTransfer; afterCall: boolean } | null = null;
  /** A voicemail being recorded; the session is not finished until its file is filed. */
  private voicemail: { recordingId: string; seq: number; queueId: string | null } | null = null;
  /** Click-to-dial: the agent placing the call and their softphone's leg, until it answers. */
  private dialler: { agentId: string; legId: string; state: 'ringing' | 'answered' | 'gone'; since: number } | null = null;

  /** An inbound call at `entry`; `CallSession.dial` places an agent's call. */
  constructor(
    private readonly entry: EntryPoint | null,
    incoming: IncomingCall | DialRequest,
    private readonly ports: SessionPorts,
    private readonly settings: SessionSettings,
  ) {
    const dial = 'agentId' in incoming ? incoming : null;
    this.callId = dial?.callId ?? ports.newId();
    this.recordId = this.callId;
    this.agents = new AgentSide(this.callId, this.agentSideHost(), ports);
    this.conversation = new Conversation(this.callId, this.conversationHost(), ports, settings);
    const log = { warn: (message: string, data?: Record<string, unknown>) => ports.log.warn(message, { callId: this.callId, ...data }) };
    if (dial) {
      this.direction = 'outbound';
      this.phase_ = 'dialing';
      this.ivr = null;
      this.callerList = null;
      // No customer leg until the agent's softphone answers and the number is dialled.
      this.customer = { legId: '', answered: false, gone: true };
      this.caller = { number: dial.number, dialed: dial.number, channel: 'trunk' };
      this.dialler = { agentId: dial.agentId, legId: `${this.callId}.a${++this.seq}`, state: 'ringing', since: dial.at };
      this.record({
        type: 'call.started',
        data: { direction: 'outbound', channel: 'trunk', ani: settings.callerId, dnis: dial.number, entryPoint: null, agentId: dial.agentId, callbackOfCallId: null },
        at: dial.at,
      });
      if (dial.customerId) {
        this.customerId = dial.customerId;
        this.customerMatchedBy = 'agent';
        this.matched.add(dial.customerId);
        this.record({ type: 'crm.matched', data: { customerId: dial.customerId, matchedBy: 'agent' }, at: dial.at });
      }
      return;
    }
    const call = incoming as IncomingCall;
    this.direction = 'inbound';
    this.phase_ = 'ivr';
    this.customer = { legId: call.legId, answered: false, gone: false };
    this.caller = { number: call.from, dialed: call.to, channel: call.channel };
    this.ivr = new IvrDriver(entry!.flow, this.ivrHost(), { ...ports, log }, settings.hoursOverride);
    this.record({
      type: 'call.started',
      data: { direction: 'inbound', channel: call.channel, ani: call.from.slice(0, 128), dnis: call.to.slice(0, 128), entryPoint: entry!.name, agentId: null, callbackOfCallId: null },
      at: call.at,
    });
  }

  /** An agent's click-to-dial (the ACD has put the agent on it already): `start` rings their softphone. */
  static dial(request: DialRequest, ports: SessionPorts, settings: SessionSettings): CallSession {
    return new CallSession(null, request, ports, settings);
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
    return (
      this.phase_ === 'ended' &&
      this.customer.gone &&
      this.agents.finished &&
      this.conversation.finished &&
      this.voicemail === null &&
      (this.transfer_?.side.finished ?? true) &&
      (this.dialler === null || this.dialler.state !== 'ringing')
    );
  }

  /** Answers the caller and reads the caller lists; the IVR starts once both are done. A dialled call rings its agent. */
  start(): void {
    if (this.dialler) return this.ringDialler();
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

  // ---- the agents' requests ---------------------------------------------------------

  /** `call:transfer` by `agentId` (see conversation.ts); answers the transfer's id or throws `CallControlError`. */
  transfer(agentId: string, request: Pick<CallTransferRequest, 'kind' | 'target'>): string {
    this.requireTalking(agentId);
    return this.conversation.transfer(agentId, request, this.ports.now());
  }

  /** `call:consult` by `agentId`: answers their call view, or throws `CallControlError`. */
  consult(agentId: string, action: CallConsultAction['action']): AgentCallView {
    this.requireTalking(agentId);
    const view = this.conversation.consult(agentId, action, this.ports.now());
    return view ?? this.viewFor(agentId)!;
  }

  /** A supervisor steps into the call (conversation.ts); throws `CallControlError` unless it is with an agent now. */
  intervene(request: Omit<InterventionStart, 'id' | 'agentId'>): LiveIntervention {
    if (this.phase_ === 'transfer' && this.transfer_) return this.transfer_.side.intervene(request);
    if (!TALKING.includes(this.phase_)) throw new CallControlError(MonitorErrorCode.NotConnected, 'the call is not with an agent now');
    return this.conversation.intervene(request);
  }

  changeIntervention(id: string, supervisorId: string, mode: InterventionMode): LiveIntervention {
    return this.supervising(id).changeIntervention(id, supervisorId, mode);
  }

  endIntervention(id: string, supervisorId: string): LiveIntervention {
    return this.supervising(id).endIntervention(id, supervisorId);
  }

  supervisedCall(intervention: Readonly<LiveIntervention>): { callId: string; customerNumber: string; agentName: string } {
    return this.supervising(intervention.id).supervisedCall(intervention);
  }

  /** Where an intervention is: a transfer node's call, or the conversation with agents. */
  private supervising(id: string): Pick<Conversation, 'changeIntervention' | 'endIntervention' | 'supervisedCall'> {
    return this.transfer_?.side.ownsIntervention(id) ? this.transfer_.side : this.conversation;
  }

  /** What `agentId`'s desk shows of this call now; null when they are not in it. */
  viewFor(agentId: string): AgentCallView | null {
    if (this.phase_ === 'dialing' && this.dialler?.agentId === agentId) return this.dialingView();
    return TALKING.includes(this.phase_) ? this.conversation.viewFor(agentId) : null;
  }

  private requireTalking(agentId: string): void {
    if (TALKING.includes(this.phase_) && this.conversation.agentIds.includes(agentId)) return;
    if (this.phase_ === 'dialing' && this.dialler?.agentId === agentId) throw notNow('the call is still being dialled');
    if (this.phase_ === 'transfer') throw notNow('this call was put through by the IVR: it cannot be held, transferred or conferenced');
    throw notYourCall(this.recordId);
  }

  // ---- gateway events ---------------------------------------------------------------

  onGatewayEvent(event: SessionGatewayEvent): void {
    if (event.event === 'recordingDone') {
      if (event.recordingId === this.voicemail?.recordingId) return this.voicemailRecorded(event);
      if (this.transfer_?.side.ownsRecording(event.recordingId)) return this.transfer_.side.recordingDone(event);
      return this.conversation.recordingDone(event);
    }
    if (this.transfer_?.side.owns(event.legId)) return this.transfer_.side.onLegEvent(event);
    if (this.dialler?.legId === event.legId && this.dialler.state === 'ringing') return this.onDiallerEvent(event);
    if (this.conversation.owns(event.legId)) return this.conversation.onLegEvent(event);
    if (event.legId === this.customer.legId) return this.onCustomerEvent(event);
    this.agents.onLegEvent(event);
  }

  private onCustomerEvent(event: CallLegEvent): void {
    switch (event.event) {
      case 'answered':
        this.customer.answered = true;
        if (this.phase_ === 'callback-dialing') this.connectCallback(event.at);
        else if (this.phase_ === 'dialing') this.connectDial(event.at);
        else this.maybeStartIvr();
        return;
      case 'digit':
        return this.onDigit(event.digit, event.at);
      case 'collected':
        return this.ivr?.collected(event.digits, event.reason, event.at);
      case 'playbackDone':
        if (event.playbackId === this.customerPlayback) this.customerPlayback = null;
        if (this.ivr?.playbackDone(event.playbackId, event.reason, event.at)) return;
        if (event.playbackId.startsWith('announce-') && this.phase_ === 'queued' && event.reason !== 'stopped') this.playMusic();
        if (event.playbackId === CALLBACK_BYE && event.reason !== 'stopped' && !this.customer.gone) {
          this.endRecord({ by: 'system', agentId: null, cause: 'callback', detail: null });
          this.hangupCustomer();
        }
        if (event.playbackId === SORRY_BYE) this.hangupCustomer();
        return;
      case 'hangup':
        return this.onCustomerGone(event.cause, event.at);
      default:
        return;
    }
  }

  private onDigit(digit: string, at: number): void {
    const { nodeId, masked } = this.ivr?.keyHeard(at) ?? { nodeId: null, masked: false };
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
        this.ivr?.callerGone();
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
      case 'held':
      case 'consulting':
      case 'transferring':
        // A transfer still under way is called off first, then the call ends and everyone is let go.
        this.conversation.cancelTarget(at);
        this.endRecord({ by: end.by, agentId: null, cause: end.cause, detail: cause }, at);
        this.conversation.release();
        this.move('ended');
        return;
      case 'outside':
        this.conversation.release();
        this.move('ended');
        return;
      case 'transfer':
        this.transfer_?.side.callerGone();
        this.endRecord({ by: end.by, agentId: null, cause: end.cause, detail: cause }, at);
        this.move('ended');
        return;
      case 'callback-wait':
        // Hung up during (or after) the goodbye: the callback stays booked.
        this.endRecord({ by: 'customer', agentId: null, cause: 'callback', detail: null }, at);
        return;
      case 'callback-dialing':
      case 'dialing':
        this.endRecord({ by: 'system', agentId: null, cause: cause === 'busy' ? 'busy' : 'no-answer', detail: cause }, at);
        this.conversation.release();
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
        this.playToCustomer(`announce-${++this.seq}`, positionAnnouncement(this.language, decision.position, decision.ewtSeconds, this.dialableNumber() !== null), false);
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
        if (this.ivr) this.ivr.handoffFailed('max-wait');
        else this.sorry('nobody could take the call before the queue\'s maximum wait');
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
    const answeredAt = taken.answeredAt ?? this.ports.now();
    this.record({ type: 'call.answered', data: { agentId: decision.agentId, offerId: taken.offerId }, at: answeredAt });
    this.conversation.join(decision.agentId, taken.legId, answeredAt);
    this.conversation.open();
    this.ports.desk.offerEnded(decision.agentId, taken.offerId, 'answered');
  }

  /** The last agent on the call hung up (the conversation has freed them in the ACD). */
  private agentLeft(agentId: string, at: number): void {
    if (this.phase_ === 'callback-dialing' || this.phase_ === 'dialing') {
      this.endRecord({ by: 'system', agentId: null, cause: 'no-answer', detail: 'the agent hung up before the customer answered' }, at);
      this.move('ended');
      this.hangupCustomer();
      return;
    }
    if (!TALKING.includes(this.phase_)) return;
    const isCallback = this.recordId !== this.callId;
    if (this.afterCall && !isCallback && this.ivr?.handedOff && !this.customer.gone) {
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
      recordsOffers: () => this.phase_ === 'queued',
      takesAnswers: () => this.phase_ === 'queued' || this.phase_ === 'callback-wait',
      offerContext: () => this.offerContext(),
      record: (event) => this.record(event),
      command: (command, failed) => this.command(command, failed),
      nextSeq: () => ++this.seq,
      customerLegId: () => this.customer.legId,
    };
  }

  private offerContext(): ReturnType<AgentSideHost['offerContext']> {
    return {
      callId: this.callId,
      callerNumber: this.caller.number,
      dialedNumber: this.caller.dialed,
      channel: this.caller.channel,
      vip: this.callerList === 'vip',
      language: this.language,
      customerId: this.customerId,
      customerMatchedBy: this.customerMatchedBy,
      flowId: this.ivr?.started ? (this.entry?.flow.id ?? null) : null,
      path: this.ivr?.path ?? [],
      inputs: this.ivr?.variables() ?? {},
    };
  }

  private conversationHost(): ConversationHost {
    return {
      recordId: () => this.recordId,
      customerLegId: () => this.customer.legId,
      record: (event) => this.record(event),
      command: (command, failed) => this.command(command, failed),
      nextSeq: () => ++this.seq,
      callInfo: () => ({ direction: this.recordId === this.callId ? this.direction : 'outbound', customerNumber: this.caller.number, customerId: this.customerId }),
      offerContext: () => this.offerContext(),
      queueId: () => this.queueId,
      // An agent's desk pairs the ringing call with its offer by the caller's number; the phone
      // network gets a number it can dial back (the company's, for a web caller).
      callerId: (to) => (to === 'agent' ? agentPhoneCallerId(this.caller.number) : DIALABLE.test(this.caller.number) ? this.caller.number : this.settings.callerId),
      moved: (mode) => {
        const to = PHASE_OF[mode];
        if (to !== this.phase_) this.move(to);
      },
      lastAgentLeft: (agentId, at) => this.agentLeft(agentId, at),
      toQueue: (queueId, at) => this.backToQueue(queueId, at),
      blindFailed: (_reason, at) => {
        if (this.customer.gone) return;
        if (this.queueId) this.backToQueue(this.queueId, at);
        else this.sorry('the transfer failed and the call has no queue to go back to');
      },
      transferredOut: (number, at) => this.endRecord({ by: 'system', agentId: null, cause: 'transferred-out', detail: number }, at),
      outsideGone: () => {
        if (this.phase_ === 'outside') this.move('ended');
        this.hangupCustomer();
      },
    };
  }

  /**
   * The caller goes (back) into a queue: an agent's blind transfer to it, or a transfer
   * that failed. They keep their priority and the place of their first wait; the skills of
   * the flow's queue node go with them only into that same queue.
   */
  private backToQueue(queueId: string, at: number): void {
    const skills = queueId === this.queueId ? this.skills : [];
    const enqueuedAt = this.firstEnqueuedAt ?? at;
    if (!this.ports.acd.enqueue({ contactId: this.callId, queueId, priority: this.priority, callerNumber: this.dialableNumber(), skills, enqueuedAt })) {
      this.ports.log.warn('the caller could not go back into the queue', { callId: this.callId, queueId });
      return this.sorry(`the ACD refused the call for queue ${queueId}`);
    }
    this.skills = skills;
    this.queueId = queueId;
    this.move('queued');
    this.ports.desk.queued(this.callId, this.customerId, this.caller.number);
    this.record({ type: 'queue.entered', data: { queueId, priority: this.priority, skills, position: this.ports.acd.positionOf(this.callId) }, at });
    this.playMusic();
  }

  /** Nobody can take the caller any more: a goodbye, and the call ends (the hang-up follows the goodbye). */
  private sorry(detail: string): void {
    this.endRecord({ by: 'system', agentId: null, cause: 'hangup', detail });
    if (this.phase_ !== 'ended') this.move('ended');
    this.playToCustomer(SORRY_BYE, transferFailedGoodbye(this.language), false);
  }

  // ---- click-to-dial ----------------------------------------------------------------

  /** The agent's softphone rings first: the call is theirs (the desk shows it dialling). */
  private ringDialler(): void {
    const dialler = this.dialler!;
    const extension = this.ports.acd.extensionOf(dialler.agentId);
    this.ports.desk.callView(dialler.agentId, this.dialingView());
    const failed = () => {
      if (dialler.state === 'ringing') this.onDiallerEvent({ event: 'hangup', legId: dialler.legId, cause: 'failure', at: this.ports.now() });
    };
    if (!extension) return failed();
    const callerId = DIALABLE.test(this.caller.number) ? this.caller.number : this.settings.callerId;
    this.command({ command: 'originate', legId: dialler.legId, to: { kind: 'user', sipUser: extension }, callerId, timeoutMs: this.settings.callbackRingMs }, failed);
  }

  private onDiallerEvent(event: CallLegEvent): void {
    const dialler = this.dialler!;
    if (event.event === 'answered') {
      // The agent took their own call: now the number is dialled.
      dialler.state = 'answered';
      this.conversation.join(dialler.agentId, dialler.legId, event.at);
      const legId = `${this.callId}.c${++this.seq}`;
      this.customer = { legId, answered: false, gone: false };
      this.command({ command: 'originate', legId, to: { kind: 'trunk', number: this.caller.number }, callerId: this.settings.callerId, timeoutMs: this.settings.callbackRingMs }, (result) => {
        this.ports.log.warn('the number could not be dialled', { callId: this.callId, error: result.error });
        if (this.customer.legId === legId) this.onCustomerGone('failure', this.ports.now());
      });
      return;
    }
    if (event.event !== 'hangup') return;
    // The agent's own phone did not take the call: nothing was dialled, no after-call work.
    dialler.state = 'gone';
    this.endRecord({ by: 'system', agentId: null, cause: 'no-answer', detail: `the agent's softphone did not answer (${event.cause})` }, event.at);
    this.ports.acd.callEnded(dialler.agentId, { afterCallWork: false });
    this.ports.desk.callView(dialler.agentId, { ...this.dialingView(), phase: 'ended' });
    this.move('ended');
  }

  private connectDial(at: number): void {
    const agentId = this.dialler!.agentId;
    this.move('connected');
    this.hadAgent = true;
    this.record({ type: 'call.answered', data: { agentId, offerId: null }, at });
    this.conversation.open();
  }

  /** What the desk of the agent who places a call (a click-to-dial, a callback) shows while it rings. */
  private dialingView(since = this.dialler!.since): AgentCallView {
    return {
      callId: this.recordId,
      phase: 'dialing',
      direction: 'outbound',
      customerNumber: this.caller.number,
      customerId: this.customerId,
      since: new Date(since).toISOString(),
      heldSince: null,
      consult: null,
      conference: [],
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
    this.playToCustomer(CALLBACK_BYE, callbackGoodbye(this.language, number), false);
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
        data: { direction: 'outbound', channel: 'trunk', ani: this.settings.callerId, dnis: decision.number, entryPoint: this.entry?.name ?? null, agentId: decision.agentId, callbackOfCallId: this.callId },
        at: now,
      },
      ...(this.customerId ? [{ type: 'crm.matched' as const, data: { customerId: this.customerId, matchedBy: this.customerMatchedBy ?? 'ivr-input' }, at: now }] : []),
    ]);
    this.ports.recorder.append(this.callId, [{ type: 'callback.placed', data: { callbackCallId: callbackId }, at: now }]);
    this.recordId = callbackId;
    this.recordEnded = false;
    this.ports.desk.offerEnded(decision.agentId, taken.offerId, 'answered');
    this.conversation.join(decision.agentId, taken.legId, taken.answeredAt ?? now);
    this.conversation.play(CALLBACK_DIALING, callbackDialing(this.language));
    this.ports.desk.callView(decision.agentId, { ...this.dialingView(now), customerNumber: decision.number });
    const legId = `${this.callId}.c${++this.seq}`;
    this.customer = { legId, answered: false, gone: false };
    const to = { kind: 'trunk' as const, number: decision.number };
    this.command({ command: 'originate', legId, to, callerId: this.settings.callerId, timeoutMs: this.settings.callbackRingMs }, (result) => {
      this.ports.log.warn('the callback could not be dialled', { callId: this.callId, error: result.error });
      if (this.customer.legId === legId) this.onCustomerGone('failure', this.ports.now());
    });
  }

  private connectCallback(at: number): void {
    const agentId = this.conversation.agentIds[0];
    if (agentId === undefined) return this.hangupCustomer();
    this.move('connected');
    this.hadAgent = true;
    this.conversation.stopPlayback(CALLBACK_DIALING);
    this.record({ type: 'call.answered', data: { agentId, offerId: null }, at });
    this.conversation.open();
  }

  // ---- the IVR's part ---------------------------------------------------------------

  private get language(): FlowLanguage {
    return this.ivr?.language ?? 'en';
  }

  private maybeStartIvr(): void {
    if (!this.ivr || this.ivr.started || this.phase_ !== 'ivr' || !this.customer.answered || this.customer.gone || this.callerList === undefined) return;
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

  private customerMatched(customer: CrmCustomer, matchedBy: CrmMatchedBy): void {
    this.customerId = customer.id;
    this.customerMatchedBy = matchedBy;
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
    this.firstEnqueuedAt ??= enqueuedAt;
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
      customerNumber: () => this.caller.number,
      recordId: () => this.recordId,
      callerId: () => agentPhoneCallerId(this.caller.number),
      record: (event) => this.record(event),
      command: (command, failed) => this.command(command, failed),
      connected: () => this.stopCustomerPlayback(),
      failed: (reason) => {
        if (this.phase_ !== 'transfer' || this.customer.gone) return;
        this.move('ivr');
        this.ivr!.handoffFailed(reason);
      },
      targetLeft: (agentId, at) => this.transferTargetLeft(agentId, at),
    }, this.ports);
    this.transfer_ = { side, afterCall };
    // Music while the target's phone rings; a failure right away is back in the IVR at once.
    this.playMusic();
    side.start(to);
  }

  private transferTargetLeft(agentId: string | null, at: number): void {
    if (this.phase_ !== 'transfer' || this.customer.gone) return;
    if (this.transfer_?.afterCall && this.ivr?.handedOff) {
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
      this.ivr?.voicemailDone(seq, null);
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
    if (!this.customer.gone) this.ivr?.voicemailDone(voicemail.seq, kept ? voicemail.recordingId : null);
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
