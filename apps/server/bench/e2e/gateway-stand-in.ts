import { type CommandResult, type GatewayCommandInput, type GatewayEvent } from '@ccx/contracts';
import { type GatewayControl } from '@ccx/media-gateway';

/**
 * A scripted media gateway for `bench:acd:e2e`, attached where the embedded gateway would be
 * (TelephonyService.useGateway). It is the ONLY part of the server that is not the real code:
 * 100 real SIP/RTP calls a second cannot be generated on a 2-core machine, and media is not
 * what this bench measures. It carries no media; it answers every command `ok` and reports
 * the events the real gateway would, in the same order:
 *
 * - `incoming` when the bench places a caller (`placeCall`), `answered` after `answer`;
 * - a prompt plays for `promptMs` then `playbackDone finished`; a looping one (hold music)
 *   plays until stopped; a stopped or replaced playback is `playbackDone stopped` at once;
 * - `originate` to an agent's extension rings (`ringing`) until that agent's softphone
 *   answers (`answerPhone`, sent by the bench's agent when the offer pops on its screen)
 *   or its timeout passes (`hangup no-answer`);
 * - `bridge` connects the caller to the agent; the caller hangs up (`hangup remote-bye`)
 *   after a talk time drawn by the bench; `unbridge` files the recording (`recordingDone`);
 * - `hangup` of a leg is reported as `hangup local`, as the real gateway does;
 * - `registration` events come from `register` (the softphone's REGISTER).
 */
export class GatewayStandIn implements GatewayControl {
  private readonly listeners = new Set<(event: GatewayEvent) => void>();
  private readonly up = new Set<string>();
  private readonly playing = new Map<string, string>();
  /** Agent legs ringing, by the extension they ring. */
  private readonly ringing = new Map<string, { legId: string; timer: NodeJS.Timeout }[]>();
  private readonly bridges = new Map<string, { legIds: string[]; recordingId: string | null; since: number; hangup: NodeJS.Timeout }>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private nextLeg = 0;
  private closed = false;
  readonly commands = new Map<string, number>();

  constructor(
    private readonly options: { promptMs: number; talkMs: () => number },
  ) {}

  onEvent(listener: (event: GatewayEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    for (const bridge of this.bridges.values()) clearTimeout(bridge.hangup);
    for (const legs of this.ringing.values()) for (const leg of legs) clearTimeout(leg.timer);
  }

  /** A caller dials an entry point over the trunk. */
  placeCall(from: string, to: string): void {
    const legId = `bench-in-${++this.nextLeg}`;
    this.up.add(legId);
    this.emit({ event: 'incoming', legId, channel: 'trunk', from, to, sipUser: null, at: Date.now() });
  }

  /** A softphone registers (or unregisters) its extension. */
  register(sipUser: string, registered: boolean): void {
    this.emit({ event: 'registration', sipUser, contact: `sip:${sipUser}@bench-stand-in`, state: registered ? 'registered' : 'unregistered', at: Date.now() });
  }

  /** The agent's softphone answers the call ringing it; false if nothing rings there. */
  answerPhone(sipUser: string): boolean {
    const leg = this.ringing.get(sipUser)?.shift();
    if (!leg) return false;
    clearTimeout(leg.timer);
    this.emit({ event: 'answered', legId: leg.legId, at: Date.now() });
    return true;
  }

  execute(command: GatewayCommandInput): Promise<CommandResult> {
    this.commands.set(command.command, (this.commands.get(command.command) ?? 0) + 1);
    if (!this.closed) this.run(command);
    return Promise.resolve({ ok: true });
  }

  private run(command: GatewayCommandInput): void {
    switch (command.command) {
      case 'answer':
        return this.later(0, () => this.emit({ event: 'answered', legId: command.legId, at: Date.now() }));
      case 'play': {
        this.stopPlayback(command.legId);
        this.playing.set(command.legId, command.playbackId);
        if (command.loop) return;
        return this.later(this.options.promptMs, () => {
          if (this.playing.get(command.legId) !== command.playbackId) return;
          this.playing.delete(command.legId);
          this.emit({ event: 'playbackDone', legId: command.legId, playbackId: command.playbackId, reason: 'finished', at: Date.now() });
        });
      }
      case 'stopPlayback':
        if (this.playing.get(command.legId) === command.playbackId) this.stopPlayback(command.legId);
        return;
      case 'collect':
        // Nobody presses keys on this line (entry 1001 has no menu): the collect times out.
        return this.later(command.firstDigitTimeoutMs ?? 5000, () => {
          if (this.up.has(command.legId)) this.emit({ event: 'collected', legId: command.legId, digits: '', reason: 'timeout', at: Date.now() });
        });
      case 'originate': {
        this.up.add(command.legId);
        if (command.to.kind === 'trunk') return this.later(100, () => this.emit({ event: 'answered', legId: command.legId, at: Date.now() }));
        const sipUser = command.to.sipUser;
        const timer = setTimeout(() => {
          const legs = this.ringing.get(sipUser) ?? [];
          this.ringing.set(sipUser, legs.filter((l) => l.legId !== command.legId));
          this.legDown(command.legId, 'no-answer');
        }, command.timeoutMs ?? 30_000);
        const legs = this.ringing.get(sipUser) ?? [];
        legs.push({ legId: command.legId, timer });
        this.ringing.set(sipUser, legs);
        return this.later(0, () => this.emit({ event: 'ringing', legId: command.legId, at: Date.now() }));
      }
      case 'bridge': {
        // The caller's leg comes first (agent-side.ts); the caller ends the conversation.
        const [callerLeg] = command.legIds;
        const hangup = setTimeout(() => this.legDown(callerLeg!, 'remote-bye'), this.options.talkMs());
        this.bridges.set(command.bridgeId, { legIds: command.legIds, recordingId: null, since: Date.now(), hangup });
        return;
      }
      case 'recordStart': {
        const bridge = this.bridges.get(command.bridgeId);
        if (bridge) bridge.recordingId = command.recordingId;
        return;
      }
      case 'unbridge': {
        const bridge = this.bridges.get(command.bridgeId);
        if (!bridge) return;
        this.bridges.delete(command.bridgeId);
        clearTimeout(bridge.hangup);
        const { recordingId, since } = bridge;
        if (recordingId) {
          this.later(0, () => this.emit({ event: 'recordingDone', recordingId, path: `/bench-stand-in/${recordingId}.wav`, durationMs: Date.now() - since, reason: 'stopped', at: Date.now() }));
        }
        return;
      }
      case 'hangup': {
        for (const [sipUser, legs] of this.ringing) {
          const leg = legs.find((l) => l.legId === command.legId);
          if (!leg) continue;
          clearTimeout(leg.timer);
          this.ringing.set(sipUser, legs.filter((l) => l !== leg));
        }
        return this.later(0, () => this.legDown(command.legId, 'local'));
      }
      default:
        return;
    }
  }

  private stopPlayback(legId: string): void {
    const playbackId = this.playing.get(legId);
    if (playbackId === undefined) return;
    this.playing.delete(legId);
    this.emit({ event: 'playbackDone', legId, playbackId, reason: 'stopped', at: Date.now() });
  }

  private legDown(legId: string, cause: Extract<GatewayEvent, { event: 'hangup' }>['cause']): void {
    if (!this.up.delete(legId)) return;
    this.playing.delete(legId);
    this.emit({ event: 'hangup', legId, cause, at: Date.now() });
  }

  private later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.closed) run();
    }, ms);
    this.timers.add(timer);
  }

  private emit(event: GatewayEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
