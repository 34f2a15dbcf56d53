import {
  type AgentCallView,
  type AgentTransferTarget,
  type CallConsultAction,
  CallControlErrorCode,
  type CallDirection,
  type CallPartyView,
  type CallTransferRequest,
  type CommandResult,
  type GatewayCommandInput,
  type InterventionMode,
  MonitorErrorCode,
  type Prompt,
} from '@ccx/contracts';
import { CallControlError, invalidField, notNow } from './call-control-error.js';
import { type InterventionStart, Interventions, type LiveIntervention } from './interventions.js';
import { transferFailureOf } from './ivr-timeline.js';
import { RecordedBridge } from './recorded-bridge.js';
import { type CallLegEvent, type OfferContext, type SessionPorts, type SessionSettings, type TimelineEvent } from './session-ports.js';

/**
 * The customer talking with agents: who is in the call, and what the agents do with it from
 * their desk and softphone (issue 5). One bridge carries the call from the first agent's
 * answer and one recording follows it; everything else is a mixer role or a leg joining or
 * leaving that bridge, never a renegotiation of the customer's leg:
 *
 * - **hold** (the agent's softphone re-INVITEs sendonly; the gateway reports `held` on the
 *   agent's leg): the gateway's `hold` on the *customer's* leg gives them music and takes
 *   them out of the bridge both ways, so the agent's voice does not reach them either;
 *   `unhold` puts them back. `call.held` / `call.resumed` name the agent.
 * - **blind transfer** (`call:transfer` blind): the agent's leg is hung up at once (after-call
 *   work follows); to a queue the caller goes back into the ACD; to an agent (taken through
 *   the ACD like an IVR transfer node's, rung with an offer and its screen pop) or a number,
 *   the caller is held (music) in the bridge while the target rings, and the target joins
 *   the bridge when it answers. A target who does not answer leaves the caller to the
 *   session (back to the queue).
 * - **consult** (`call:transfer` consult, then `call:consult`): the customer is held while
 *   the target is rung and joins the bridge, so the agent and the target talk privately;
 *   `complete`: the customer is taken off hold and the agent's leg hung up; `cancel` (or
 *   the target not answering, or hanging up): the target's leg is hung up and the customer
 *   is back with the agent; `conference`: the customer is taken off hold with both in the
 *   bridge, everyone hears everyone.
 * - **supervisors** (`intervene`, interventions.ts): a supervisor's softphone joins the bridge
 *   with the mixer role of their mode (listen, whisper, barge) and leaves when the call leaves
 *   the bridge; agents' views name whom they hear (whisper, barge), never a silent listener.
 *
 * Its modes (the session's phase follows each move, `ConversationHost.moved`):
 *
 *   talking ⇄ held                      (the only agent's softphone holds / resumes)
 *   talking | held ──consult──► consulting ──complete / conference──► talking
 *                                  └── cancel, target gone ──► talking (held if the softphone still holds)
 *   talking | held ──blind to an agent or a number──► transferring ──answered──► talking
 *                                                          └── failed: the session takes the caller
 *   answered by a number (blind, consult complete) or only a number left ──► outside
 *
 * An agent who hangs up their softphone leaves (`agent.hung-up`) and the others go on; the
 * last one leaving is the session's to handle (survey or end), and the agent who consults
 * hanging up once the target talks completes the transfer. Conference: a softphone hold of
 * one of several agents is their own business (the customer stays in the conference).
 */
export type ConversationMode = 'talking' | 'held' | 'consulting' | 'transferring' | 'outside';

export interface ConversationHost {
  /** The record being written (the inbound call, or the one placed for it). */
  recordId(): string;
  customerLegId(): string;
  record(event: TimelineEvent): void;
  command(command: GatewayCommandInput, failed?: (result: Extract<CommandResult, { ok: false }>) => void): void;
  /** A number unique within the session, for the ids of legs, bridges and transfers. */
  nextSeq(): number;
  /** What every agent's call view shows about the customer. */
  callInfo(): { direction: CallDirection; customerNumber: string; customerId: string | null };
  /** What a transfer target's screen pop shows about the call. */
  offerContext(): Omit<OfferContext, 'offerId' | 'queueId' | 'ringUntil' | 'callback' | 'transfer'>;
  /** The queue the call came through (a transferred-to agent gets its wrap-up), if any. */
  queueId(): string | null;
  /** What a transfer target's phone shows as the caller: an agent's softphone, or the phone network. */
  callerId(to: 'agent' | 'trunk'): string;
  /** The mode changed (the session moves its phase). */
  moved(mode: ConversationMode): void;
  /** The last agent hung up and nobody else is with the customer (the agent is freed already). */
  lastAgentLeft(agentId: string, at: number): void;
  /** A blind transfer to a queue (recorded, the agent gone): the caller goes back into it. */
  toQueue(queueId: string, at: number): void;
  /** A blind transfer failed (recorded, the bridge closed): the caller needs somewhere to go. */
  blindFailed(reason: TransferFailure, at: number): void;
  /** Only an outside number is with the customer now (a transfer out): the record ends. */
  transferredOut(number: string, at: number): void;
  /** After a transfer out, the number hung up. */
  outsideGone(at: number): void;
}

export type TransferFailure = 'no-answer' | 'rejected' | 'busy' | 'failed';

/** How long a transfer's target rings before it counts as not answered. */
export const AGENT_TRANSFER_RING_MS = 30_000;

interface AgentParty {
  kind: 'agent';
  agentId: string;
  legId: string;
  since: number;
  /** The agent's softphone holds (sendonly). */
  softphoneHeld: boolean;
  gone: boolean;
}

interface NumberParty {
  kind: 'number';
  number: string;
  legId: string;
  since: number;
  gone: boolean;
}

type Party = AgentParty | NumberParty;
type TargetParty = { kind: 'agent'; agentId: string; name: string; extension: string } | { kind: 'number'; number: string };

interface Target {
  transferId: string;
  kind: 'blind' | 'consult';
  byAgentId: string;
  party: TargetParty;
  legId: string;
  offerId: string | null;
  state: 'ringing' | 'talking' | 'gone';
  since: number;
}

type Ports = Pick<SessionPorts, 'now' | 'acd' | 'desk' | 'recorder' | 'supervision'>;

export class Conversation {
  private readonly parties: Party[] = [];
  private readonly recordedBridge: RecordedBridge;
  /** The customer is on hold (music, out of the bridge): since when. */
  private hold: { since: number } | null = null;
  private target: Target | null = null;
  private transferredOut = false;
  /** Legs we hung up or that hung up, whose last events are still to come. */
  private readonly endedLegs = new Set<string>();
  /** Supervisors stepping into the call: more participants of the bridge, with their own mixer roles. */
  private readonly interventions: Interventions;

  constructor(
    private readonly callId: string,
    private readonly host: ConversationHost,
    private readonly ports: Ports,
    private readonly settings: Pick<SessionSettings, 'trunk'>,
  ) {
    this.recordedBridge = new RecordedBridge((command, failed) => host.command(command, failed), ports);
    this.interventions = new Interventions(
      {
        bridgeId: () => this.recordedBridge.id,
        command: (command, failed) => host.command(command, failed),
        changed: (intervention, change) => ports.supervision.interventionChanged(this.supervisedCall(intervention), intervention, change),
        audibleChanged: () => this.publish(),
      },
      ports.now,
    );
  }

  get mode(): ConversationMode {
    if (this.transferredOut) return 'outside';
    if (this.target?.kind === 'blind') return 'transferring';
    if (this.target?.kind === 'consult') return 'consulting';
    return this.hold ? 'held' : 'talking';
  }

  /** Agents in the call now. */
  get agentIds(): string[] {
    return this.agents().map((a) => a.agentId);
  }

  /** Every leg is down and the recording is filed. */
  get finished(): boolean {
    return this.recordedBridge.filed && this.parties.every((p) => p.gone) && (this.target === null || this.target.state === 'gone') && this.interventions.finished;
  }

  owns(legId: string): boolean {
    return this.parties.some((p) => p.legId === legId) || this.target?.legId === legId || this.endedLegs.has(legId) || this.interventions.owns(legId);
  }

  ownsRecording(recordingId: string): boolean {
    return this.recordedBridge.owns(recordingId);
  }

  recordingDone(event: Parameters<RecordedBridge['recordingDone']>[0]): void {
    this.recordedBridge.recordingDone(event);
  }

  // ---- the call's first agent ---------------------------------------------------------

  /** An agent's answered leg is in the call from now (bridged once the bridge is open). */
  join(agentId: string, legId: string, at: number): void {
    this.parties.push({ kind: 'agent', agentId, legId, since: at, softphoneHeld: false, gone: false });
    if (this.recordedBridge.isOpen) this.recordedBridge.add(legId, 'agent');
  }

  /** Bridges the customer with the first agent and records the call (stereo, caller left). */
  open(): void {
    const first = this.agents()[0];
    if (!first || this.recordedBridge.isOpen) return;
    this.ports.desk.callConnected(first.agentId, this.host.recordId());
    const seq = this.host.nextSeq();
    // Named after the session (not the record) so the adapter finds the session by the id's prefix.
    this.recordedBridge.open({ bridgeId: `${this.callId}.b${seq}`, recordingId: `${this.callId}.r${seq}`, recordId: this.host.recordId() }, [this.host.customerLegId(), first.legId]);
    this.publish();
  }

  /** Something for the first agent to hear before the customer is there (a callback being dialled). */
  play(playbackId: string, prompts: Prompt[]): void {
    const first = this.agents()[0];
    if (first) this.host.command({ command: 'play', legId: first.legId, playbackId, prompts, loop: false, interruptOnDigit: false });
  }

  stopPlayback(playbackId: string): void {
    const first = this.agents()[0];
    if (first) this.host.command({ command: 'stopPlayback', legId: first.legId, playbackId });
  }

  // ---- requests from the agents' desks ------------------------------------------------

  /**
   * `call:transfer`: starts a blind or a consult transfer by `agentId`, who must be the only
   * agent in the call, with no transfer under way. Answers the transfer's id; throws
   * `CallControlError` (and changes nothing) when it cannot be done.
   */
  transfer(agentId: string, request: Pick<CallTransferRequest, 'kind' | 'target'>, at: number): string {
    const by = this.requireAgent(agentId);
    if (this.target) throw notNow(this.target.kind === 'consult' ? 'a consult is under way: complete, conference or cancel it first' : 'the call is being transferred already');
    if (this.agents().length > 1 || this.numbers().length > 0) throw notNow('the call is a conference: the others hang up first, or leave it by hanging up');
    if (request.kind === 'consult' && request.target.kind === 'queue') throw invalidField('target.kind', 'a consult needs an agent or a number to talk to');
    const target = this.resolve(agentId, request.target);

    const transferId = `t${this.host.nextSeq()}`;
    if (request.kind === 'consult') {
      if (!this.hold) this.holdCustomer(agentId, at);
      this.host.record({ type: 'transfer.initiated', data: { transferId, kind: 'consult', fromAgentId: agentId, target: request.target }, at });
      this.ring(transferId, 'consult', agentId, target as TargetParty, at);
      this.host.moved(this.mode);
      this.publish();
      return transferId;
    }

    this.host.record({ type: 'transfer.initiated', data: { transferId, kind: 'blind', fromAgentId: agentId, target: request.target }, at });
    this.leave(by);
    if (target.kind === 'queue') {
      this.host.record({ type: 'transfer.completed', data: { transferId, toAgentId: null }, at });
      this.close();
      this.host.toQueue(target.queueId, at);
      return transferId;
    }
    // The caller waits on hold (music) in the bridge while the target rings.
    this.holdMusic(at);
    this.ring(transferId, 'blind', agentId, target, at);
    this.host.moved(this.mode);
    return transferId;
  }

  /** `call:consult` by the agent who consults: complete, cancel or conference. Answers their call view. */
  consult(agentId: string, action: CallConsultAction['action'], at: number): AgentCallView | null {
    const by = this.requireAgent(agentId);
    const target = this.target;
    if (!target || target.kind !== 'consult' || target.byAgentId !== agentId) throw notNow('you are not consulting anyone on this call');
    if (action === 'cancel') {
      this.endTarget(target, 'withdrawn');
      this.host.record({ type: 'transfer.failed', data: { transferId: target.transferId, reason: 'cancelled' }, at });
      this.backToConsultingAgent(by, at);
      return this.viewFor(agentId);
    }
    if (target.state !== 'talking') throw notNow(`${partyName(target.party)} has not answered yet: wait, or cancel`);
    if (action === 'complete') {
      this.completeConsult(target, by, at);
      return this.viewFor(agentId);
    }
    // Conference: the customer joins the two (they are all in the bridge already).
    this.target = null;
    this.host.record({ type: 'transfer.failed', data: { transferId: target.transferId, reason: 'conferenced' }, at });
    this.host.record({ type: 'conference.joined', data: { byAgentId: agentId, party: conferenceParty(target.party) }, at });
    this.addParty(target, at);
    if (target.party.kind === 'agent') this.ports.desk.callConnected(target.party.agentId, this.host.recordId());
    this.unholdMusic();
    this.host.moved(this.mode);
    this.publish();
    return this.viewFor(agentId);
  }

  // ---- supervisors stepping in (interventions.ts) -------------------------------------

  /**
   * A supervisor steps in: their softphone rings and joins the bridge in `mode` when answered.
   * Only while the customer talks with an agent in the bridge (held and consulting count).
   */
  intervene(request: Omit<InterventionStart, 'id' | 'agentId'>): LiveIntervention {
    const first = this.agents()[0];
    if (!this.recordedBridge.isOpen || !first || this.transferredOut) throw new CallControlError(MonitorErrorCode.NotConnected, 'the call is not with an agent now');
    return this.interventions.start({ ...request, id: `${this.callId}.m${this.host.nextSeq()}`, agentId: first.agentId });
  }

  changeIntervention(id: string, supervisorId: string, mode: InterventionMode): LiveIntervention {
    return this.interventions.change(id, supervisorId, mode);
  }

  endIntervention(id: string, supervisorId: string): LiveIntervention {
    return this.interventions.end(id, supervisorId);
  }

  // ---- the gateway's events -----------------------------------------------------------

  onLegEvent(event: CallLegEvent): void {
    if (this.interventions.owns(event.legId)) return this.interventions.onLegEvent(event);
    const target = this.target;
    if (target && target.legId === event.legId && target.state !== 'gone') return this.onTargetEvent(target, event);
    const party = this.parties.find((p) => p.legId === event.legId && !p.gone);
    if (!party) return;
    if (event.event === 'held' && party.kind === 'agent') return this.softphoneHold(party, event.held, event.at);
    if (event.event !== 'hangup') return;
    party.gone = true;
    if (party.kind === 'number') return this.numberLeft(party, event.at);
    this.agentHungUp(party, event.at);
  }

  /** The customer hung up: a transfer still under way is called off (recorded before the call's end). */
  cancelTarget(at: number): void {
    const target = this.target;
    if (!target || target.state === 'gone') return;
    this.endTarget(target, 'withdrawn');
    this.target = null;
    this.host.record({ type: 'transfer.failed', data: { transferId: target.transferId, reason: 'cancelled' }, at });
  }

  /** The customer is gone (hung up, or never answered): the bridge closes, every other leg is hung up, every agent freed. */
  release(): void {
    this.cancelTarget(this.ports.now());
    this.close();
    for (const party of this.parties) {
      if (party.gone) continue;
      this.hangup(party);
      if (party.kind === 'agent') {
        this.ports.acd.callEnded(party.agentId);
        this.send(party.agentId, this.viewFor(party.agentId, 'wrap-up'));
      }
    }
  }

  /** Unbridges (the recording stops and is filed), takes the customer off hold; supervisors leave with the bridge. */
  close(): void {
    this.interventions.endAll();
    this.unholdMusic();
    this.recordedBridge.close();
  }

  // ---- views ---------------------------------------------------------------------------

  /** What `agentId`'s desk shows of this call now; null if they are not in it. */
  viewFor(agentId: string, phase?: AgentCallView['phase']): AgentCallView | null {
    // The latest time they joined (an agent may come back, by a later transfer).
    const party = [...this.parties].reverse().find((p): p is AgentParty => p.kind === 'agent' && p.agentId === agentId);
    const target = this.target;
    const isTarget = target?.party.kind === 'agent' && target.party.agentId === agentId && target.state === 'talking';
    if (!party && !isTarget) return null;
    const consulting = target?.kind === 'consult' && target.byAgentId === agentId;
    const others: CallPartyView[] = [];
    for (const p of this.parties) {
      if (p.gone || (p.kind === 'agent' && p.agentId === agentId)) continue;
      others.push(p.kind === 'agent' ? this.agentView(p.agentId) : { kind: 'number', number: p.number });
    }
    if (isTarget) others.push(this.agentView(target.byAgentId));
    const info = this.host.callInfo();
    return {
      callId: this.host.recordId(),
      phase: phase ?? (party?.gone ? 'wrap-up' : isTarget ? 'talking' : consulting ? 'consulting' : this.hold ? 'held' : 'talking'),
      direction: info.direction,
      customerNumber: info.customerNumber,
      customerId: info.customerId,
      since: new Date(party?.since ?? target!.since).toISOString(),
      heldSince: this.hold && !isTarget ? new Date(this.hold.since).toISOString() : null,
      consult: consulting ? { transferId: target.transferId, target: this.partyView(target.party), state: target.state === 'talking' ? 'talking' : 'ringing' } : null,
      conference: isTarget ? [this.agentView(target.byAgentId)] : others,
      ...this.heardSupervisors(),
    };
  }

  /** Whisper and barge are shown to the agents (a silent listen never is); nothing at all without them. */
  private heardSupervisors(): Pick<AgentCallView, 'supervisors'> {
    const supervisors = this.interventions.audible();
    return supervisors.length > 0 ? { supervisors } : {};
  }

  /** What a supervisor's app shows of the call an intervention is in. */
  supervisedCall(intervention: Readonly<LiveIntervention>): { callId: string; customerNumber: string; agentName: string } {
    const agentName = intervention.agentId ? (this.ports.acd.agentName(intervention.agentId) ?? '') : '';
    return { callId: this.host.recordId(), customerNumber: this.host.callInfo().customerNumber, agentName };
  }

  // ---- internals ----------------------------------------------------------------------

  private agents(): AgentParty[] {
    return this.parties.filter((p): p is AgentParty => p.kind === 'agent' && !p.gone);
  }

  private numbers(): NumberParty[] {
    return this.parties.filter((p): p is NumberParty => p.kind === 'number' && !p.gone);
  }

  private requireAgent(agentId: string): AgentParty {
    const party = this.agents().find((a) => a.agentId === agentId);
    if (!party) throw new CallControlError(CallControlErrorCode.NotYourCall, `you are not on call ${this.host.recordId()}`);
    return party;
  }

  /** Checks a transfer's target and, for an agent, takes them through the ACD (last: nothing to undo). */
  private resolve(fromAgentId: string, target: AgentTransferTarget): TargetParty | { kind: 'queue'; queueId: string } {
    switch (target.kind) {
      case 'queue':
        if (this.ports.acd.queueName(target.queueId) === null) throw new CallControlError(CallControlErrorCode.UnknownTarget, `there is no queue ${target.queueId}`);
        return { kind: 'queue', queueId: target.queueId };
      case 'number':
        if (!this.settings.trunk) throw new CallControlError(CallControlErrorCode.NoTrunk, 'numbers cannot be dialled: this server has no SIP trunk (SIP_TRUNK_URI)');
        return { kind: 'number', number: target.number };
      case 'agent': {
        if (target.agentId === fromAgentId) throw invalidField('target.agentId', 'you cannot transfer a call to yourself');
        const name = this.ports.acd.agentName(target.agentId);
        if (name === null) throw new CallControlError(CallControlErrorCode.UnknownTarget, `there is no agent ${target.agentId}`);
        const taken = this.ports.acd.takeForDirectCall({ agentId: target.agentId }, this.callId, this.host.queueId());
        if (taken === 'not-an-agent') throw new CallControlError(CallControlErrorCode.UnknownTarget, `there is no agent ${target.agentId}`);
        if (taken.status === 'busy') throw new CallControlError(CallControlErrorCode.TargetUnavailable, `${name} is not available (busy, not ready, or without a registered softphone)`);
        return { kind: 'agent', agentId: target.agentId, name, extension: taken.extension };
      }
    }
  }

  private ring(transferId: string, kind: Target['kind'], byAgentId: string, party: TargetParty, at: number): void {
    const seq = this.host.nextSeq();
    const legId = `${this.callId}.t${seq}`;
    const offerId = party.kind === 'agent' ? `${this.callId}:${transferId}` : null;
    const target: Target = { transferId, kind, byAgentId, party, legId, offerId, state: 'ringing', since: at };
    this.target = target;
    let to: Extract<GatewayCommandInput, { command: 'originate' }>['to'];
    if (party.kind === 'agent') {
      to = { kind: 'user', sipUser: party.extension };
      const context = this.host.offerContext();
      const fromName = this.ports.acd.agentName(byAgentId) ?? '';
      this.ports.desk.offer(party.agentId, '', {
        ...context,
        offerId: offerId!,
        queueId: this.host.queueId() ?? '',
        ringUntil: at + AGENT_TRANSFER_RING_MS,
        callback: false,
        transfer: { kind, fromAgentId: byAgentId, fromName },
      });
    } else {
      to = { kind: 'trunk', number: party.number };
    }
    // `near`: the target's media goes where the customer's is, whom it ends up bridged with.
    const near = this.host.customerLegId();
    this.host.command({ command: 'originate', legId, to, callerId: this.host.callerId(party.kind === 'agent' ? 'agent' : 'trunk'), timeoutMs: AGENT_TRANSFER_RING_MS, near }, () => {
      if (this.target !== target || target.state !== 'ringing') return;
      this.targetFailed(target, 'failed', this.ports.now());
    });
  }

  private onTargetEvent(target: Target, event: CallLegEvent): void {
    if (event.event === 'answered' && target.state === 'ringing') return this.targetAnswered(target, event.at);
    if (event.event !== 'hangup') return;
    const was = target.state;
    target.state = 'gone';
    this.endedLegs.add(target.legId);
    if (was === 'ringing') return this.targetFailed(target, transferFailureOf(event.cause), event.at);
    // A consulted target who hangs up: the customer is back with the agent.
    this.releaseTargetAgent(target, false);
    this.target = null;
    this.host.record({ type: 'transfer.failed', data: { transferId: target.transferId, reason: 'cancelled' }, at: event.at });
    const by = this.agents().find((a) => a.agentId === target.byAgentId);
    if (by) this.backToConsultingAgent(by, event.at);
  }

  private targetAnswered(target: Target, at: number): void {
    target.state = 'talking';
    target.since = at;
    if (target.party.kind === 'agent' && target.offerId) this.ports.desk.offerEnded(target.party.agentId, target.offerId, 'answered');
    if (target.kind === 'consult') {
      // The customer is on hold: the agent and the target talk on their own in the bridge.
      this.recordedBridge.add(target.legId, target.party.kind === 'agent' ? 'agent' : 'other');
      this.publish();
      return;
    }
    this.target = null;
    this.host.record({ type: 'transfer.completed', data: { transferId: target.transferId, toAgentId: target.party.kind === 'agent' ? target.party.agentId : null }, at });
    this.addParty(target, at);
    this.recordedBridge.add(target.legId, target.party.kind === 'agent' ? 'agent' : 'other');
    this.unholdMusic();
    if (target.party.kind === 'agent') {
      this.ports.desk.callConnected(target.party.agentId, this.host.recordId());
      this.host.moved(this.mode);
      this.publish();
      return;
    }
    this.toOutside(target.party.number, at);
  }

  private targetFailed(target: Target, reason: TransferFailure, at: number): void {
    target.state = 'gone';
    this.endedLegs.add(target.legId);
    this.target = null;
    if (target.party.kind === 'agent' && target.offerId) {
      this.ports.desk.offerEnded(target.party.agentId, target.offerId, reason === 'no-answer' ? 'timeout' : reason === 'failed' ? 'failed' : 'rejected');
    }
    this.releaseTargetAgent(target, false);
    this.host.record({ type: 'transfer.failed', data: { transferId: target.transferId, reason }, at });
    if (target.kind === 'consult') {
      const by = this.agents().find((a) => a.agentId === target.byAgentId);
      if (by) this.backToConsultingAgent(by, at);
      return;
    }
    this.close();
    this.host.blindFailed(reason, at);
  }

  /** The consult is over without a transfer: the customer is back with the agent (held while their softphone holds). */
  private backToConsultingAgent(by: AgentParty, at: number): void {
    this.target = null;
    if (!by.softphoneHeld) this.resumeCustomer(by.agentId, at);
    this.host.moved(this.mode);
    this.publish();
  }

  private completeConsult(target: Target, by: AgentParty, at: number): void {
    this.target = null;
    this.host.record({ type: 'transfer.completed', data: { transferId: target.transferId, toAgentId: target.party.kind === 'agent' ? target.party.agentId : null }, at });
    this.addParty(target, at);
    this.leave(by);
    this.unholdMusic();
    if (target.party.kind === 'agent') {
      this.ports.desk.callConnected(target.party.agentId, this.host.recordId());
      this.host.moved(this.mode);
      this.publish();
      return;
    }
    this.toOutside(target.party.number, at);
  }

  private addParty(target: Target, at: number): void {
    const party: Party =
      target.party.kind === 'agent'
        ? { kind: 'agent', agentId: target.party.agentId, legId: target.legId, since: at, softphoneHeld: false, gone: false }
        : { kind: 'number', number: target.party.number, legId: target.legId, since: at, gone: false };
    this.parties.push(party);
  }

  /** Only outside numbers are left with the customer: the call is theirs (the record ends). */
  private toOutside(number: string, at: number): void {
    this.transferredOut = true;
    this.interventions.endAll();
    this.host.moved(this.mode);
    this.host.transferredOut(number, at);
  }

  /** An agent leaves by a transfer: their leg is hung up (unless it is down already), after-call work follows. */
  private leave(party: AgentParty): void {
    if (!party.gone) this.hangup(party);
    this.ports.acd.callEnded(party.agentId);
    this.send(party.agentId, this.viewFor(party.agentId, 'wrap-up'));
  }

  private softphoneHold(party: AgentParty, held: boolean, at: number): void {
    if (party.softphoneHeld === held) return;
    party.softphoneHeld = held;
    // During a consult the customer is held anyway; in a conference one agent's hold is theirs alone.
    if (this.target || this.agents().length > 1 || this.numbers().length > 0) return this.publish();
    if (held) this.holdCustomer(party.agentId, at);
    else this.resumeCustomer(party.agentId, at);
    this.host.moved(this.mode);
    this.publish();
  }

  private agentHungUp(party: AgentParty, at: number): void {
    this.endedLegs.add(party.legId);
    const target = this.target;
    if (target?.kind === 'consult' && target.byAgentId === party.agentId) {
      // Hanging up once the target talks hands the customer over (an attended transfer);
      // while it still rings, the consult is called off.
      if (target.state === 'talking') return this.completeConsult(target, party, at);
      this.endTarget(target, 'withdrawn');
      this.target = null;
      this.host.record({ type: 'transfer.failed', data: { transferId: target.transferId, reason: 'cancelled' }, at });
    }
    this.ports.acd.callEnded(party.agentId);
    this.send(party.agentId, this.viewFor(party.agentId, 'wrap-up'));
    if (this.agents().length > 0) {
      this.host.record({ type: 'agent.hung-up', data: { agentId: party.agentId }, at });
      this.publish();
      return;
    }
    const number = this.numbers()[0];
    if (number) {
      this.host.record({ type: 'agent.hung-up', data: { agentId: party.agentId }, at });
      this.toOutside(number.number, at);
      return;
    }
    this.close();
    this.host.lastAgentLeft(party.agentId, at);
  }

  private numberLeft(party: NumberParty, at: number): void {
    this.endedLegs.add(party.legId);
    if (this.transferredOut) {
      if (this.numbers().length === 0) this.host.outsideGone(at);
      return;
    }
    this.host.record({ type: 'conference.left', data: { party: { kind: 'number', number: party.number } }, at });
    this.publish();
  }

  private holdCustomer(agentId: string, at: number): void {
    this.host.record({ type: 'call.held', data: { agentId }, at });
    this.holdMusic(at);
  }

  private resumeCustomer(agentId: string, at: number): void {
    if (!this.hold) return;
    this.host.record({ type: 'call.resumed', data: { agentId }, at });
    this.unholdMusic();
  }

  /** The gateway's hold of the customer's leg: music, and out of the bridge both ways. */
  private holdMusic(at: number): void {
    if (this.hold) return;
    this.hold = { since: at };
    this.host.command({ command: 'hold', legId: this.host.customerLegId(), music: true });
  }

  private unholdMusic(): void {
    if (!this.hold) return;
    this.hold = null;
    this.host.command({ command: 'unhold', legId: this.host.customerLegId() });
  }

  /** Hangs up a target that still rings or talks, and frees the agent taken for it. */
  private endTarget(target: Target, reason: 'withdrawn'): void {
    const was = target.state;
    target.state = 'gone';
    this.endedLegs.add(target.legId);
    this.host.command({ command: 'hangup', legId: target.legId });
    if (was === 'ringing' && target.party.kind === 'agent' && target.offerId) this.ports.desk.offerEnded(target.party.agentId, target.offerId, reason);
    this.releaseTargetAgent(target, was === 'talking');
  }

  /** A target agent who never joined the customer is free again, without after-call work. */
  private releaseTargetAgent(target: Target, talked: boolean): void {
    if (target.party.kind !== 'agent') return;
    this.ports.acd.callEnded(target.party.agentId, { afterCallWork: false });
    if (!talked) return;
    const info = this.host.callInfo();
    this.send(target.party.agentId, {
      callId: this.host.recordId(),
      phase: 'ended',
      direction: info.direction,
      customerNumber: info.customerNumber,
      customerId: info.customerId,
      since: new Date(target.since).toISOString(),
      heldSince: null,
      consult: null,
      conference: [],
    });
  }

  private hangup(party: Party): void {
    party.gone = true;
    this.endedLegs.add(party.legId);
    this.host.command({ command: 'hangup', legId: party.legId });
  }

  private agentView(agentId: string): CallPartyView {
    return { kind: 'agent', agentId, name: this.ports.acd.agentName(agentId) ?? '' };
  }

  private partyView(party: TargetParty): CallPartyView {
    return party.kind === 'agent' ? { kind: 'agent', agentId: party.agentId, name: party.name } : { kind: 'number', number: party.number };
  }

  /** Every agent in the call (and a consulted agent who talks) gets the call as it is now. */
  private publish(): void {
    for (const agent of this.agents()) this.send(agent.agentId, this.viewFor(agent.agentId));
    const target = this.target;
    if (target?.party.kind === 'agent' && target.state === 'talking') this.send(target.party.agentId, this.viewFor(target.party.agentId));
  }

  private send(agentId: string, view: AgentCallView | null): void {
    if (view) this.ports.desk.callView(agentId, view);
  }
}

function conferenceParty(party: TargetParty): { kind: 'agent'; agentId: string } | { kind: 'number'; number: string } {
  return party.kind === 'agent' ? { kind: 'agent', agentId: party.agentId } : { kind: 'number', number: party.number };
}

function partyName(party: TargetParty): string {
  return party.kind === 'agent' ? party.name : party.number;
}

