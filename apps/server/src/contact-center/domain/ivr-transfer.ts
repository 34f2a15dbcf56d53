import { type CallTransferTarget, type CommandResult, type GatewayCommandInput, type GatewayEvent, type InterventionMode, MonitorErrorCode, type TransferTarget } from '@ccx/contracts';
import { CallControlError } from './call-control-error.js';
import { type InterventionStart, Interventions, type LiveIntervention } from './interventions.js';
import { transferFailureOf } from './ivr-timeline.js';
import { RecordedBridge } from './recorded-bridge.js';
import { type SessionPorts, type TimelineEvent } from './session-ports.js';

/**
 * A transfer node of the IVR: the caller is put through to one agent, an extension or an
 * outside number, with no queue. The gateway is a B2BUA, so "transfer" means: originate a
 * leg to the target (named `<callId>.x<n>`, so the adapter routes its events here), and
 * when it answers bridge it with the caller and record the call, as for an agent from the
 * queue.
 *
 *   ringing ──answered──► connected ──target or caller hangs up──► gone
 *      └── busy, rejected, no answer, failed, caller gone ───────────► gone
 *
 * An agent (named by username, or owning the extension) is taken through the ACD first:
 * only a free, reachable agent is rung, and the ACD offers them nothing else until the call
 * ends. An extension no agent has (a desk phone) is simply rung. An outside number goes
 * through SIP_TRUNK_URI showing the caller's number.
 *
 * The timeline gets `transfer.initiated` (from the IVR: no agent), then `transfer.completed`
 * (the agent, if one, is on the call from then) or `transfer.failed` with the reason.
 *
 * Supervisors may step into the connected call as into any other (interventions.ts): their
 * leg joins this bridge and leaves when it closes.
 */
export interface IvrTransferHost {
  customerLegId(): string;
  /** The caller's number or web identity (what a supervisor's app shows of the call). */
  customerNumber(): string;
  /** The record being written (the bridge's recording is filed with it). */
  recordId(): string;
  /** What the target's phone shows as the caller. */
  callerId(): string;
  record(event: TimelineEvent): void;
  command(command: GatewayCommandInput, failed?: (result: Extract<CommandResult, { ok: false }>) => void): void;
  /** The target answered and hears the caller now. */
  connected(agentId: string | null): void;
  /** The transfer did not happen (recorded already); the flow's onFailure follows. */
  failed(reason: string): void;
  /** The target hung up after talking (the agent, if one, is freed already). */
  targetLeft(agentId: string | null, at: number): void;
}

type LegEvent = Exclude<Extract<GatewayEvent, { legId: string }>, { event: 'incoming' }>;
type FailureReason = 'no-answer' | 'rejected' | 'busy' | 'cancelled' | 'failed';

/** How long the target's phone rings before the transfer counts as not answered. */
export const TRANSFER_RING_MS = 30_000;

export class IvrTransfer {
  private leg: { legId: string; state: 'ringing' | 'connected' | 'gone' } | null = null;
  private agentId: string | null = null;
  private readonly recordedBridge: RecordedBridge;
  private readonly transferId: string;
  private readonly interventions: Interventions;
  private interventionSeq = 0;
  /** The agent the call was put through to (kept for supervisors' views after they leave). */
  private connectedAgentId: string | null = null;

  constructor(
    private readonly callId: string,
    private readonly seq: number,
    private readonly host: IvrTransferHost,
    private readonly ports: Pick<SessionPorts, 'now' | 'acd' | 'desk' | 'log' | 'recorder' | 'supervision'>,
  ) {
    this.transferId = `t${seq}`;
    this.recordedBridge = new RecordedBridge((command, failed) => host.command(command, failed), ports);
    this.interventions = new Interventions(
      {
        bridgeId: () => this.recordedBridge.id,
        command: (command, failed) => host.command(command, failed),
        changed: (intervention, change) => ports.supervision.interventionChanged(this.supervisedCall(intervention), intervention, change),
        // The agent of a transfer node has no call view: nothing to tell their desk.
        audibleChanged: () => undefined,
      },
      ports.now,
    );
  }

  /** Every leg is down and the recording is filed. */
  get finished(): boolean {
    return (this.leg === null || this.leg.state === 'gone') && this.recordedBridge.filed && this.interventions.finished;
  }

  owns(legId: string): boolean {
    return this.leg?.legId === legId || this.interventions.owns(legId);
  }

  /** A supervisor steps into the connected call (its agent, or the number or extension it went to). */
  intervene(request: Omit<InterventionStart, 'id' | 'agentId'>): LiveIntervention {
    if (this.leg?.state !== 'connected' || !this.recordedBridge.isOpen) throw new CallControlError(MonitorErrorCode.NotConnected, 'the call is not put through yet');
    return this.interventions.start({ ...request, id: `${this.callId}.x${this.seq}m${++this.interventionSeq}`, agentId: this.connectedAgentId });
  }

  changeIntervention(id: string, supervisorId: string, mode: InterventionMode): LiveIntervention {
    return this.interventions.change(id, supervisorId, mode);
  }

  endIntervention(id: string, supervisorId: string): LiveIntervention {
    return this.interventions.end(id, supervisorId);
  }

  ownsIntervention(id: string): boolean {
    return this.interventions.owns(id);
  }

  supervisedCall(intervention: Readonly<LiveIntervention>): { callId: string; customerNumber: string; agentName: string } {
    const agentName = intervention.agentId ? (this.ports.acd.agentName(intervention.agentId) ?? '') : '';
    return { callId: this.host.recordId(), customerNumber: this.host.customerNumber(), agentName };
  }

  ownsRecording(recordingId: string): boolean {
    return this.recordedBridge.owns(recordingId);
  }

  start(target: TransferTarget): void {
    const now = this.ports.now();
    let sipUser: string | null = null;
    let recorded: CallTransferTarget;
    if (target.type === 'external') {
      recorded = { kind: 'number', number: target.number };
    } else {
      const taken = this.ports.acd.takeForDirectCall(target.type === 'agent' ? { username: target.username } : { extension: target.extension }, this.callId);
      if (taken === 'not-an-agent' && target.type === 'agent') {
        // A flow naming a user who is not (or no longer) an agent: nothing to record against.
        this.ports.log.warn('IVR transfer to an unknown agent', { username: target.username });
        this.host.failed('unknown-agent');
        return;
      }
      if (taken === 'not-an-agent') {
        sipUser = target.type === 'extension' ? target.extension : null;
        recorded = { kind: 'number', number: target.type === 'extension' ? target.extension : '' };
      } else if (taken.status === 'busy') {
        this.host.record({ type: 'transfer.initiated', data: { transferId: this.transferId, kind: 'blind', fromAgentId: null, target: { kind: 'agent', agentId: taken.agentId } }, at: now });
        this.fail('busy');
        return;
      } else {
        this.agentId = taken.agentId;
        sipUser = taken.extension;
        recorded = { kind: 'agent', agentId: taken.agentId };
      }
    }
    this.host.record({ type: 'transfer.initiated', data: { transferId: this.transferId, kind: 'blind', fromAgentId: null, target: recorded }, at: now });
    const legId = `${this.callId}.x${this.seq}`;
    this.leg = { legId, state: 'ringing' };
    const to = target.type === 'external' ? ({ kind: 'trunk', number: target.number } as const) : ({ kind: 'user', sipUser: sipUser! } as const);
    // `near`: the target's media goes where the caller's is (their bridge relays in one media worker).
    this.host.command({ command: 'originate', legId, to, callerId: this.host.callerId(), timeoutMs: TRANSFER_RING_MS, near: this.host.customerLegId() }, () => {
      if (this.leg?.state !== 'ringing') return;
      this.leg.state = 'gone';
      this.fail('failed');
    });
  }

  onLegEvent(event: LegEvent): void {
    if (this.interventions.owns(event.legId)) return this.interventions.onLegEvent(event);
    const leg = this.leg;
    if (!leg || leg.legId !== event.legId || leg.state === 'gone') return;
    if (event.event === 'answered' && leg.state === 'ringing') {
      leg.state = 'connected';
      this.recordedBridge.open(
        { bridgeId: `${this.callId}.xb${this.seq}`, recordingId: `${this.callId}.xr${this.seq}`, recordId: this.host.recordId() },
        [this.host.customerLegId(), leg.legId],
      );
      this.host.record({ type: 'transfer.completed', data: { transferId: this.transferId, toAgentId: this.agentId }, at: event.at });
      this.connectedAgentId = this.agentId;
      if (this.agentId) this.ports.desk.callConnected(this.agentId, this.callId);
      this.host.connected(this.agentId);
      return;
    }
    if (event.event !== 'hangup') return;
    const was = leg.state;
    leg.state = 'gone';
    if (was === 'ringing') return this.fail(transferFailureOf(event.cause));
    this.interventions.endAll();
    this.recordedBridge.close();
    const agentId = this.release();
    this.host.targetLeft(agentId, event.at);
  }

  /** The caller hung up: a ringing transfer is cancelled, a connected one ends. */
  callerGone(): void {
    const leg = this.leg;
    if (!leg || leg.state === 'gone') return;
    const was = leg.state;
    leg.state = 'gone';
    if (was === 'ringing') this.host.record({ type: 'transfer.failed', data: { transferId: this.transferId, reason: 'cancelled' }, at: this.ports.now() });
    this.interventions.endAll();
    this.recordedBridge.close();
    this.host.command({ command: 'hangup', legId: leg.legId });
    this.release();
  }

  recordingDone(event: Extract<GatewayEvent, { event: 'recordingDone' }>): void {
    this.recordedBridge.recordingDone(event);
  }

  private fail(reason: FailureReason): void {
    this.host.record({ type: 'transfer.failed', data: { transferId: this.transferId, reason }, at: this.ports.now() });
    this.release();
    this.host.failed(reason);
  }

  /** The agent taken for the call is free again (returns who it was). */
  private release(): string | null {
    const agentId = this.agentId;
    this.agentId = null;
    if (agentId) this.ports.acd.callEnded(agentId);
    return agentId;
  }
}

