import { type CommandResult, type GatewayCommandInput, type InterventionEndReason, type InterventionMode, MonitorErrorCode } from '@ccx/contracts';
import { CallControlError } from './call-control-error.js';
import { transferFailureOf } from './ivr-timeline.js';
import { type CallLegEvent } from './session-ports.js';

/**
 * Supervisors stepping into one call (issue 6 point 2): each intervention is the supervisor's
 * own softphone, rung by the gateway and, once answered, a participant of the call's bridge
 * whose mixer role is the mode (listen: nobody hears them; whisper: only agents do; barge:
 * everyone). The customer's leg is never touched, so the customer notices nothing but a
 * barge's voice.
 *
 *   ringing ──answered (bridge open)──► connected ──change──► connected (changeRole)
 *      │  └─ answered, bridge gone ──► ended: call-ended
 *      ├── no answer / refused ──► ended: not-answered      connected ──► ended:
 *      ├── cannot be rung ──► ended: failed                   ended (End), hung-up (softphone),
 *      └── End, call gone ──► ended                           call-ended (bridge closed), failed
 *
 * A supervisor has one intervention per call at a time; the adapter keeps them to one call.
 * Every change goes to the host (`changed`), which tells the supervisor and audits it.
 */
export type InterventionState = 'ringing' | 'connected' | 'ended';

export interface LiveIntervention {
  /** Also the supervisor's leg id (named after the session, so the adapter finds the call by it). */
  readonly id: string;
  readonly supervisorId: string;
  readonly supervisorName: string;
  readonly sipUser: string;
  /** The agent whose call it is, when the supervisor stepped in. */
  readonly agentId: string | null;
  mode: InterventionMode;
  state: InterventionState;
  readonly requestedAt: number;
  connectedAt: number | null;
  endedAt: number | null;
  endReason: InterventionEndReason | null;
  /** Each mode the supervisor was in once connected, from when (the audit's record of it). */
  readonly modes: { mode: InterventionMode; at: number }[];
}

export type InterventionChange = 'requested' | 'connected' | 'mode' | 'ended';

export interface InterventionsHost {
  /** The bridge the call is in now, if any (the supervisor joins it). */
  bridgeId(): string | null;
  command(command: GatewayCommandInput, failed?: (result: Extract<CommandResult, { ok: false }>) => void): void;
  /** An intervention changed: the supervisor's app is told and the audit log written. */
  changed(intervention: Readonly<LiveIntervention>, change: InterventionChange): void;
  /** Whom the agents hear (a whisper or a barge began, changed or ended): their desks are told. */
  audibleChanged(): void;
}

/** How long a supervisor's softphone rings before the intervention counts as not answered. */
export const INTERVENTION_RING_MS = 20_000;

export interface InterventionStart {
  id: string;
  supervisorId: string;
  supervisorName: string;
  sipUser: string;
  agentId: string | null;
  mode: InterventionMode;
}

export class Interventions {
  private readonly all = new Map<string, LiveIntervention>();

  constructor(
    private readonly host: InterventionsHost,
    private readonly now: () => number,
  ) {}

  /** Every supervisor's leg is down. */
  get finished(): boolean {
    return [...this.all.values()].every((i) => i.state === 'ended');
  }

  owns(legId: string): boolean {
    return this.all.has(legId);
  }

  /** Supervisors the agents hear now (whisper, barge): a silent listen is never among them. */
  audible(): { name: string; mode: 'whisper' | 'barge' }[] {
    const heard: { name: string; mode: 'whisper' | 'barge' }[] = [];
    for (const i of this.all.values()) if (i.state === 'connected' && i.mode !== 'listen') heard.push({ name: i.supervisorName, mode: i.mode });
    return heard;
  }

  /** Rings the supervisor's softphone; the caller checked the call is with an agent. */
  start(request: InterventionStart): LiveIntervention {
    const at = this.now();
    const existing = [...this.all.values()].find((i) => i.supervisorId === request.supervisorId && i.state !== 'ended');
    if (existing) throw new CallControlError(MonitorErrorCode.Busy, 'you are in this call already: change the mode or end it');
    const intervention: LiveIntervention = {
      ...request,
      state: 'ringing',
      requestedAt: at,
      connectedAt: null,
      endedAt: null,
      endReason: null,
      modes: [],
    };
    this.all.set(intervention.id, intervention);
    this.host.changed(intervention, 'requested');
    this.host.command(
      { command: 'originate', legId: intervention.id, to: { kind: 'user', sipUser: request.sipUser }, callerId: intervention.id, timeoutMs: INTERVENTION_RING_MS },
      () => this.finish(intervention, 'failed'),
    );
    return intervention;
  }

  /** Another mode for the same intervention: from the next mixer tick once connected, at the answer while it rings. */
  change(id: string, supervisorId: string, mode: InterventionMode): LiveIntervention {
    const intervention = this.mine(id, supervisorId);
    if (intervention.mode === mode) return intervention;
    const wasHeard = intervention.mode !== 'listen';
    intervention.mode = mode;
    if (intervention.state === 'connected') {
      const bridgeId = this.host.bridgeId();
      if (bridgeId) this.host.command({ command: 'changeRole', bridgeId, legId: id, role: mode }, () => this.hangUp(intervention, 'failed'));
      intervention.modes.push({ mode, at: this.now() });
      this.host.changed(intervention, 'mode');
      if (wasHeard || mode !== 'listen') this.host.audibleChanged();
    } else {
      this.host.changed(intervention, 'mode');
    }
    return intervention;
  }

  /** The supervisor leaves (End): their leg is hung up. */
  end(id: string, supervisorId: string): LiveIntervention {
    const intervention = this.mine(id, supervisorId);
    this.hangUp(intervention, 'ended');
    return intervention;
  }

  /** The call leaves the bridge (ended, back to the queue, out to a number): every supervisor leaves it too. */
  endAll(): void {
    for (const intervention of this.all.values()) if (intervention.state !== 'ended') this.hangUp(intervention, 'call-ended');
  }

  onLegEvent(event: CallLegEvent): void {
    const intervention = this.all.get(event.legId);
    if (!intervention || intervention.state === 'ended') return;
    if (event.event === 'answered' && intervention.state === 'ringing') return this.connected(intervention, event.at);
    if (event.event !== 'hangup') return;
    if (intervention.state === 'ringing') return this.finish(intervention, transferFailureOf(event.cause) === 'failed' ? 'failed' : 'not-answered', event.at);
    this.finish(intervention, 'hung-up', event.at);
  }

  private connected(intervention: LiveIntervention, at: number): void {
    const bridgeId = this.host.bridgeId();
    if (!bridgeId) return this.hangUp(intervention, 'call-ended');
    intervention.state = 'connected';
    intervention.connectedAt = at;
    intervention.modes.push({ mode: intervention.mode, at });
    this.host.command({ command: 'addParticipant', bridgeId, legId: intervention.id, role: intervention.mode, kind: 'supervisor' }, () => this.hangUp(intervention, 'failed'));
    this.host.changed(intervention, 'connected');
    if (intervention.mode !== 'listen') this.host.audibleChanged();
  }

  private hangUp(intervention: LiveIntervention, reason: InterventionEndReason): void {
    if (intervention.state === 'ended') return;
    // Ended first: the gateway may report the leg's hang-up before the command returns.
    this.finish(intervention, reason);
    this.host.command({ command: 'hangup', legId: intervention.id });
  }

  private finish(intervention: LiveIntervention, reason: InterventionEndReason, at = this.now()): void {
    if (intervention.state === 'ended') return;
    const wasHeard = intervention.state === 'connected' && intervention.mode !== 'listen';
    intervention.state = 'ended';
    intervention.endedAt = at;
    intervention.endReason = reason;
    this.host.changed(intervention, 'ended');
    if (wasHeard) this.host.audibleChanged();
  }

  private mine(id: string, supervisorId: string): LiveIntervention {
    const intervention = this.all.get(id);
    if (!intervention || intervention.state === 'ended') throw new CallControlError(MonitorErrorCode.UnknownIntervention, `there is no intervention ${id} in progress`);
    if (intervention.supervisorId !== supervisorId) throw new CallControlError(MonitorErrorCode.NotYours, 'this intervention is another supervisor’s');
    return intervention;
  }
}
