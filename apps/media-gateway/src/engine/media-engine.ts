import { type GatewayEvent, type ParticipantRole, type Prompt } from '@ccx/contracts';
import { FRAME_MS, type PcmFrame, SAMPLES_PER_FRAME, silence } from '../media/frame.js';
import { audienceOf, Mixer, type ParticipantKind } from '../media/mixer.js';
import { type FrameSource, PcmPlayer } from '../media/player.js';
import { dtmfFrames } from '../media/tone.js';
import { MonoRecorder, StereoRecorder } from '../media/recorder.js';
import { CommandFailure } from '../control/gateway-control.js';
import { DigitCollector, type CollectOptions } from './digit-collector.js';

/**
 * The media engine: everything that happens to audio between legs, one 20 ms tick at a
 * time. Each tick it takes the oldest frame every leg received and has not mixed yet and sends every leg one frame:
 * music while held, else its playback, else what the bridge's mixer lets it hear, else
 * silence (a steady stream keeps NATs open and far ends' inactivity timers quiet). The
 * exception is a plain two-party bridge: its legs relay to each other as frames arrive
 * (FrameSink.relayTo, directParties) and the tick sends them nothing. Digits
 * feed collections and can interrupt prompts. Ticks are driven from outside (a timer in
 * the gateway, a loop in tests), so the engine itself never reads a clock.
 */
export interface FrameSink {
  /**
   * `frame` is lent for the call only: the engine reuses its buffers on the next tick, so a
   * sink encodes or copies it before returning. `madeFrom`: receive stamp of the frame this
   * one carries (two-party bridges), for TransitStats.
   */
  sendFrame(frame: PcmFrame, madeFrom?: number): void;
  /**
   * Optional: from now on this leg's received audio goes straight to `to` as it arrives,
   * without waiting in the engine for a tick (a direct bridge, as SBCs relay media); null
   * stops it. With `tap` the received frames still come to the engine as well (a recording
   * needs them). False when it cannot (the other leg is not its backend's, or is gone): the
   * engine then goes on mixing the bridge itself.
   */
  relayTo?(to: FrameSink | null, tap: boolean): boolean;
}

/** What a leg with nothing to hear is sent; shared, as sinks never keep or change a frame. */
const SILENT_FRAME: PcmFrame = silence();

export interface PromptSource {
  /** Turns a prompt into frames; throws for a prompt it cannot render. */
  open(prompt: Prompt): FrameSource;
  /** Music on hold, looping. */
  music(): FrameSource;
}

export interface RecordingSink {
  write(recordingId: string, wav: Uint8Array): string;
}

interface Playback {
  id: string;
  queue: Prompt[];
  current: FrameSource | null;
  loop: boolean;
  all: Prompt[];
  interruptOnDigit: boolean;
}

/**
 * Each leg's received frames wait in a small playout buffer. Frames arrive unevenly (a
 * trunk's 30 ms packets give three frames per two ticks, worker threads hand frames over in
 * batches, a far end's packets wander around our tick), and a frame taken by whichever tick
 * happens to follow its arrival would shift by a whole 20 ms whenever it lands just after a
 * tick instead of just before: jitter the gateway itself adds. So playout starts once
 * PRIME_FRAMES are queued (40 ms of cushion beyond the frame being played), and from then on
 * frame n goes out on the n-th tick, whatever the wanderings of its arrival.
 *
 * A frame later than the cushion finds its tick gone out silent; when it does arrive, the
 * oldest frame is dropped, so the frames after it keep their time (one lost frame, not a
 * lasting 20 ms step for the rest of the call). Ten silent ticks in a row (the far end
 * paused, or holds) start priming afresh. A buffer that stays two frames deeper than the
 * cushion for 500 ms (a stall's backlog, a far end whose clock runs fast) gives up a frame:
 * one frame deeper is tolerated, since every drop is a 20 ms step for the far end to hear
 * (bench:media's traces). MAX_QUEUED_FRAMES bounds it.
 */
const PRIME_FRAMES = 3;
const MAX_QUEUED_FRAMES = 8;
const DRAIN_AFTER_TICKS = 25;
const REPRIME_AFTER_EMPTY_TICKS = 10;

interface EngineLeg {
  id: string;
  sink: FrameSink;
  /** Received, not yet mixed, oldest first; one is taken per tick. */
  received: PcmFrame[];
  /** When each of `received` was decoded (sharedClockMs; NaN if unknown), same order. */
  receivedAt: number[];
  /** The frame taken from `received` this tick, and its stamp. */
  current: PcmFrame | null;
  currentAt: number;
  /** Playing out of `received` (else waiting for PRIME_FRAMES). */
  primed: boolean;
  /** Consecutive ticks the buffer held more than the cushion. */
  deepTicks: number;
  /** Ticks that went out silent since playout began, whose frames are still to come. */
  owedFrames: number;
  /** Consecutive ticks with nothing to play. */
  emptyTicks: number;
  /** Ticks played since the last silent one (owed frames expire after the cushion's time). */
  onTimeTicks: number;
  playback: Playback | null;
  collector: DigitCollector | null;
  bridgeId: string | null;
  hold: FrameSource | null;
  recording: LegRecording | null;
}

/** A recording of one leg's audio (voicemail). */
interface LegRecording {
  id: string;
  recorder: MonoRecorder;
  maxFrames: number;
  stopDigits: string;
}

type RecordingEnd = 'stopped' | 'digit' | 'max-duration' | 'hangup';

interface Bridge {
  id: string;
  mixer: Mixer;
  recordings: Map<string, StereoRecorder>;
  /**
   * Per tick, kept from one to the next so a tick allocates nothing per call (garbage at 50
   * ticks a second is what made the collector stall every call at once): the bridge's legs,
   * what each one said, what the mixer made of it.
   */
  members: EngineLeg[];
  inputs: Map<string, PcmFrame>;
  mixed: ReadonlyMap<string, PcmFrame> | null;
  /** The two parties relay to each other directly (see directParties); null: the engine mixes. */
  direct: DirectBridge | null;
}

interface DirectBridge {
  parties: readonly [EngineLeg, EngineLeg];
  /** Frames still come to the engine (the bridge is being recorded). */
  tap: boolean;
}

/** Received frames the playout buffers gave up, by cause (see PRIME_FRAMES). */
export interface PlayoutDrops {
  /** Came after their tick had gone out silent: loss for the far end, not jitter. */
  late: number;
  /** Given up from a buffer that stayed deep (a backlog) or overflowed MAX_QUEUED_FRAMES. */
  backlog: number;
}

export class MediaEngine {
  private readonly legs = new Map<string, EngineLeg>();
  private readonly bridges = new Map<string, Bridge>();
  private ticks = 0;
  private drops: PlayoutDrops = { late: 0, backlog: 0 };

  constructor(
    private readonly prompts: PromptSource,
    private readonly recordings: RecordingSink,
    private readonly emit: (event: GatewayEvent) => void,
    private readonly now: () => number,
  ) {}

  attach(legId: string, sink: FrameSink): void {
    this.legs.set(legId, { id: legId, sink, received: [], receivedAt: [], current: null, currentAt: Number.NaN, primed: false, deepTicks: 0, owedFrames: 0, emptyTicks: 0, onTimeTicks: 0, playback: null, collector: null, bridgeId: null, hold: null, recording: null });
  }

  detach(legId: string): void {
    const leg = this.legs.get(legId);
    if (!leg) return;
    if (leg.recording) this.finishLegRecording(leg, 'hangup');
    const bridge = leg.bridgeId ? this.bridges.get(leg.bridgeId) : undefined;
    if (bridge) endDirect(bridge);
    bridge?.mixer.remove(legId);
    bridge?.inputs.delete(legId);
    this.legs.delete(legId);
  }

  receiveFrame(legId: string, frame: PcmFrame, receivedAt = Number.NaN): void {
    const leg = this.legs.get(legId);
    if (!leg) return;
    leg.received.push(frame);
    leg.receivedAt.push(receivedAt);
    if (leg.received.length > MAX_QUEUED_FRAMES) {
      dropOldest(leg);
      this.drops.backlog++;
    }
  }

  /** Frames the playout buffers dropped since the last reset; `reset` starts counting anew. */
  playoutDrops(reset = false): PlayoutDrops {
    const drops = this.drops;
    if (reset) this.drops = { late: 0, backlog: 0 };
    return { ...drops };
  }

  receiveDigit(legId: string, digit: string): void {
    const leg = this.legs.get(legId);
    if (!leg) return;
    if (leg.recording?.stopDigits.includes(digit)) this.finishLegRecording(leg, 'digit');
    if (leg.playback?.interruptOnDigit) this.finishPlayback(leg, 'interrupted');
    const done = leg.collector?.digit(digit, this.ticks);
    if (done) this.finishCollect(leg, done);
  }

  play(legId: string, playbackId: string, prompts: Prompt[], loop: boolean, interruptOnDigit: boolean): void {
    const leg = this.requireLeg(legId);
    if (leg.playback) this.finishPlayback(leg, 'stopped');
    leg.playback = { id: playbackId, queue: [...prompts], current: null, loop, all: prompts, interruptOnDigit };
  }

  /**
   * Key presses as in-band tones (Q.23 pairs, then a pause each), for a far end that takes
   * no RFC 4733 events. Played like a prompt: it replaces the leg's audio while it lasts.
   */
  playDigits(legId: string, playbackId: string, digits: string, toneMs: number): void {
    const leg = this.requireLeg(legId);
    if (leg.playback) this.finishPlayback(leg, 'stopped');
    const frames = dtmfFrames(digits, { toneMs, pauseMs: Math.max(60, toneMs) });
    const samples = new Int16Array(frames.length * SAMPLES_PER_FRAME);
    frames.forEach((frame, index) => samples.set(frame, index * SAMPLES_PER_FRAME));
    leg.playback = { id: playbackId, queue: [], current: new PcmPlayer(samples), loop: false, all: [], interruptOnDigit: false };
  }

  stopPlayback(legId: string, playbackId: string): void {
    const leg = this.requireLeg(legId);
    if (leg.playback?.id === playbackId) this.finishPlayback(leg, 'stopped');
  }

  collect(legId: string, options: CollectOptions): void {
    this.requireLeg(legId).collector = new DigitCollector(options, this.ticks);
  }

  bridge(bridgeId: string, legIds: string[]): void {
    if (this.bridges.has(bridgeId)) throw new CommandFailure('gateway/bad-state', `bridge ${bridgeId} exists`);
    const legs = legIds.map((id) => this.requireLeg(id));
    for (const leg of legs) if (leg.bridgeId) throw new CommandFailure('gateway/bad-state', `leg ${leg.id} is in bridge ${leg.bridgeId}`);
    const bridge: Bridge = { id: bridgeId, mixer: new Mixer(), recordings: new Map(), members: [], inputs: new Map(), mixed: null, direct: null };
    // The first leg of a bridge is the customer, the second the agent (recording channels).
    legs.forEach((leg, index) => {
      bridge.mixer.add(leg.id, { role: 'talk', kind: index === 0 ? 'customer' : 'agent' });
      leg.bridgeId = bridgeId;
    });
    this.bridges.set(bridgeId, bridge);
  }

  unbridge(bridgeId: string): void {
    const bridge = this.requireBridge(bridgeId);
    for (const [recordingId] of bridge.recordings) this.recordStop(recordingId);
    endDirect(bridge);
    for (const leg of this.legs.values()) if (leg.bridgeId === bridgeId) leg.bridgeId = null;
    this.bridges.delete(bridgeId);
  }

  addParticipant(bridgeId: string, legId: string, role: ParticipantRole, kind: ParticipantKind): void {
    const bridge = this.requireBridge(bridgeId);
    const leg = this.requireLeg(legId);
    if (leg.bridgeId) throw new CommandFailure('gateway/bad-state', `leg ${legId} is in bridge ${leg.bridgeId}`);
    bridge.mixer.add(legId, { role, kind });
    leg.bridgeId = bridgeId;
  }

  changeRole(bridgeId: string, legId: string, role: ParticipantRole): void {
    const bridge = this.requireBridge(bridgeId);
    if (!bridge.mixer.participant(legId)) throw new CommandFailure('gateway/unknown-leg', `leg ${legId} is not in bridge ${bridgeId}`);
    bridge.mixer.setRole(legId, role);
  }

  hold(legId: string, music: boolean): void {
    this.requireLeg(legId).hold = music ? this.prompts.music() : new SilenceSource();
    this.emit({ event: 'held', legId, held: true, at: this.now() });
  }

  unhold(legId: string): void {
    const leg = this.requireLeg(legId);
    leg.hold?.stop();
    leg.hold = null;
    this.emit({ event: 'held', legId, held: false, at: this.now() });
  }

  recordStart(bridgeId: string, recordingId: string): void {
    this.requireBridge(bridgeId).recordings.set(recordingId, new StereoRecorder());
  }

  /** Records what one leg sends, from the next tick (a voicemail after its beep). */
  recordLeg(legId: string, recordingId: string, maxDurationMs: number, stopDigits: string): void {
    const leg = this.requireLeg(legId);
    if (leg.recording) throw new CommandFailure('gateway/bad-state', `leg ${legId} is being recorded as ${leg.recording.id}`);
    leg.recording = { id: recordingId, recorder: new MonoRecorder(), maxFrames: Math.ceil(maxDurationMs / FRAME_MS), stopDigits };
  }

  recordStop(recordingId: string): void {
    for (const bridge of this.bridges.values()) {
      const recorder = bridge.recordings.get(recordingId);
      if (!recorder) continue;
      bridge.recordings.delete(recordingId);
      const path = this.recordings.write(recordingId, recorder.toWav());
      this.emit({ event: 'recordingDone', recordingId, path, durationMs: recorder.durationMs, reason: 'stopped', at: this.now() });
      return;
    }
    for (const leg of this.legs.values()) {
      if (leg.recording?.id === recordingId) return this.finishLegRecording(leg, 'stopped');
    }
    throw new CommandFailure('gateway/unknown-recording', `no recording ${recordingId}`);
  }

  /** One 20 ms step for every leg and bridge. */
  tick(): void {
    this.ticks++;
    // One pass over the legs: take each one's frame and sort the legs by bridge.
    for (const bridge of this.bridges.values()) bridge.members.length = 0;
    for (const leg of this.legs.values()) {
      takeFrame(leg, this.drops);
      if (leg.recording) this.recordLegFrame(leg);
      if (leg.bridgeId) this.bridges.get(leg.bridgeId)?.members.push(leg);
    }
    for (const bridge of this.bridges.values()) {
      updateDirect(bridge);
      if (bridge.direct && !bridge.direct.tap) {
        bridge.mixed = null;
        continue;
      }
      const inputs = bridge.inputs;
      for (const leg of bridge.members) {
        // A held party is out of the conversation both ways.
        if (leg.current && !leg.hold) inputs.set(leg.id, leg.current);
        else inputs.delete(leg.id);
      }
      // A direct bridge's parties hear each other through their relays: only its recording is left here.
      bridge.mixed = bridge.direct ? null : bridge.mixer.tick(inputs);
      if (bridge.recordings.size > 0) {
        const [customer, agent] = [...bridge.members].sort((a, b) => kindOrder(bridge, a.id) - kindOrder(bridge, b.id));
        // Two parties: each one's own voice. More (a consult, a conference): the agents' side
        // is everything the customer's side of the bridge carries, every other party mixed.
        const others = customer && bridge.members.length > 2 ? bridge.mixed?.get(customer.id) : agent ? inputs.get(agent.id) : null;
        for (const recorder of bridge.recordings.values()) recorder.push(customer ? inputs.get(customer.id) : null, others);
      }
    }
    for (const leg of this.legs.values()) {
      const bridge = leg.bridgeId ? this.bridges.get(leg.bridgeId) : undefined;
      if (!bridge?.direct) leg.sink.sendFrame(this.frameFor(leg, bridge), madeFrom(leg, bridge));
      const timedOut = leg.collector?.tick(this.ticks);
      if (timedOut) this.finishCollect(leg, timedOut);
    }
  }

  private frameFor(leg: EngineLeg, bridge: Bridge | undefined): PcmFrame {
    if (leg.hold) return leg.hold.next() ?? SILENT_FRAME;
    const fromPlayback = leg.playback ? this.nextPlaybackFrame(leg) : null;
    if (fromPlayback) return fromPlayback;
    return bridge?.mixed?.get(leg.id) ?? SILENT_FRAME;
  }

  private nextPlaybackFrame(leg: EngineLeg): PcmFrame | null {
    const playback = leg.playback!;
    for (;;) {
      if (!playback.current) {
        if (playback.queue.length === 0) {
          if (!playback.loop || playback.all.length === 0) {
            this.finishPlayback(leg, 'finished');
            return null;
          }
          playback.queue = [...playback.all];
        }
        try {
          playback.current = this.prompts.open(playback.queue.shift()!);
        } catch {
          this.finishPlayback(leg, 'failed');
          return null;
        }
      }
      const frame = playback.current.next();
      if (frame) return frame;
      if (playback.current.failed) {
        this.finishPlayback(leg, 'failed');
        return null;
      }
      playback.current = null;
    }
  }

  private recordLegFrame(leg: EngineLeg): void {
    const recording = leg.recording!;
    // What the leg says while held is not part of the message.
    recording.recorder.push(leg.hold ? null : leg.current);
    if (recording.recorder.frameCount >= recording.maxFrames) this.finishLegRecording(leg, 'max-duration');
  }

  private finishLegRecording(leg: EngineLeg, reason: RecordingEnd): void {
    const recording = leg.recording;
    if (!recording) return;
    leg.recording = null;
    const path = this.recordings.write(recording.id, recording.recorder.toWav());
    this.emit({ event: 'recordingDone', recordingId: recording.id, path, durationMs: recording.recorder.durationMs, reason, at: this.now() });
  }

  private finishPlayback(leg: EngineLeg, reason: 'finished' | 'stopped' | 'interrupted' | 'failed'): void {
    const playback = leg.playback;
    if (!playback) return;
    playback.current?.stop();
    leg.playback = null;
    this.emit({ event: 'playbackDone', legId: leg.id, playbackId: playback.id, reason, at: this.now() });
  }

  private finishCollect(leg: EngineLeg, result: { digits: string; reason: 'max-digits' | 'terminator' | 'timeout' }): void {
    leg.collector = null;
    this.emit({ event: 'collected', legId: leg.id, digits: result.digits, reason: result.reason, at: this.now() });
  }

  private requireLeg(legId: string): EngineLeg {
    const leg = this.legs.get(legId);
    if (!leg) throw new CommandFailure('gateway/unknown-leg', `no leg ${legId} in the media engine`);
    return leg;
  }

  private requireBridge(bridgeId: string): Bridge {
    const bridge = this.bridges.get(bridgeId);
    if (!bridge) throw new CommandFailure('gateway/unknown-bridge', `no bridge ${bridgeId}`);
    return bridge;
  }
}

/** Sets a leg's frame (and its stamp) for this tick from its playout buffer (see PRIME_FRAMES). */
function takeFrame(leg: EngineLeg, drops: PlayoutDrops): void {
  leg.current = null;
  leg.currentAt = Number.NaN;
  if (!leg.primed) {
    if (leg.received.length < PRIME_FRAMES) return;
    leg.primed = true;
    leg.owedFrames = 0;
    leg.emptyTicks = 0;
    leg.deepTicks = 0;
  }
  // Late frames whose ticks went out silent: dropped as they turn up, keeping the rest on time.
  while (leg.owedFrames > 0 && leg.received.length > PRIME_FRAMES) {
    dropOldest(leg);
    drops.late++;
    leg.owedFrames--;
  }
  const frame = leg.received.shift();
  const at = leg.receivedAt.shift();
  if (!frame) {
    leg.owedFrames++;
    leg.onTimeTicks = 0;
    if (++leg.emptyTicks >= REPRIME_AFTER_EMPTY_TICKS) leg.primed = false;
    return;
  }
  leg.emptyTicks = 0;
  // Owed frames that have not turned up within the cushion's time were lost on the way, not
  // late: forget them, or a later burst would cost a frame that is on time.
  if (leg.owedFrames > 0 && ++leg.onTimeTicks > PRIME_FRAMES) leg.owedFrames = 0;
  leg.deepTicks = leg.received.length > PRIME_FRAMES ? leg.deepTicks + 1 : 0;
  if (leg.deepTicks >= DRAIN_AFTER_TICKS) {
    dropOldest(leg);
    drops.backlog++;
    leg.deepTicks = 0;
  }
  leg.current = frame;
  leg.currentAt = at ?? Number.NaN;
}

/**
 * The receive stamp of the frame a leg is sent this tick, where it is one party's frame
 * passed through: a two-party bridge, neither side held, nothing playing to this leg.
 */
function madeFrom(leg: EngineLeg, bridge: Bridge | undefined): number | undefined {
  if (!bridge || leg.hold || leg.playback) return undefined;
  const parties = bridge.members;
  if (parties.length !== 2) return undefined;
  const other = parties[0] === leg ? parties[1]! : parties[0]!;
  return other.hold || !other.current ? undefined : other.currentAt;
}

/**
 * The two legs of a bridge that may relay to each other without the engine: exactly two
 * parties who both hear each other (talk or barge), neither held, neither being played to or
 * recorded on its own (all of which need the tick). A bridge that becomes like this is made
 * direct on the next tick, and one that stops being like it (a hold, a prompt, a third
 * party, a whisper) goes back to the mixer on the next tick, before anything is sent to it.
 * What the relay saves: the wait for a tick, the playout buffer's re-timing, the mix, and in
 * a worker the round trip of every frame through the main thread (bench:media).
 */
function directParties(bridge: Bridge): readonly [EngineLeg, EngineLeg] | null {
  if (bridge.members.length !== 2) return null;
  const [a, b] = bridge.members as [EngineLeg, EngineLeg];
  for (const leg of bridge.members) {
    if (leg.hold || leg.playback || leg.recording) return null;
    const participant = bridge.mixer.participant(leg.id);
    if (!participant || audienceOf(participant) !== 'everyone') return null;
  }
  return [a, b];
}

/** Starts, changes or ends a bridge's relays to match what directParties allows now. */
function updateDirect(bridge: Bridge): void {
  const parties = directParties(bridge);
  const tap = bridge.recordings.size > 0;
  const current = bridge.direct;
  if (current && parties && current.tap === tap && sameParties(current.parties, parties)) return;
  endDirect(bridge);
  if (!parties) return;
  const [a, b] = parties;
  if (a.sink.relayTo?.(b.sink, tap) && b.sink.relayTo?.(a.sink, tap)) {
    bridge.direct = { parties, tap };
    return;
  }
  a.sink.relayTo?.(null, false);
  b.sink.relayTo?.(null, false);
}

function endDirect(bridge: Bridge): void {
  if (!bridge.direct) return;
  for (const leg of bridge.direct.parties) leg.sink.relayTo?.(null, false);
  bridge.direct = null;
}

function sameParties(x: readonly [EngineLeg, EngineLeg], y: readonly [EngineLeg, EngineLeg]): boolean {
  return (x[0] === y[0] && x[1] === y[1]) || (x[0] === y[1] && x[1] === y[0]);
}

function dropOldest(leg: EngineLeg): void {
  leg.received.shift();
  leg.receivedAt.shift();
}

function kindOrder(bridge: Bridge, legId: string): number {
  const kind = bridge.mixer.participant(legId)?.kind;
  return kind === 'customer' ? 0 : kind === 'agent' ? 1 : 2;
}

class SilenceSource implements FrameSource {
  done = false;
  next(): PcmFrame | null {
    return this.done ? null : SILENT_FRAME;
  }
  stop(): void {
    this.done = true;
  }
}
