/**
 * A small fixed-delay jitter buffer for one incoming RTP stream: packets go in as they
 * arrive, in any order; one comes out per 20 ms tick, in sequence order, `delayFrames`
 * ticks behind the first arrival. The caller supplies arrival times and drives the ticks,
 * so this holds no clock and no socket.
 *
 *            first packet            delayFrames pops
 *   idle ───────────────▶ priming ──────────────────▶ playing
 *    ▲                                                   │ buffer ran dry (stream paused,
 *    └───────────────────────────────────────────────────┘ on hold, or starved): re-prime
 *
 * While playing, a missing packet with later ones already buffered is reported `lost`
 * (the caller conceals it); one that arrives after its slot was played is `late` and dropped.
 */
import { sequenceDistance } from './rtp-packet.js';

export interface JitterBufferOptions {
  /** Ticks of cushion; 3 × 20 ms absorbs 60 ms of jitter. */
  delayFrames?: number;
  /** Packets further ahead than this mean the sender restarted or jumped: start over. */
  capacity?: number;
  /** RTP clock rate, for the jitter figure. */
  clockRate?: number;
}

export interface JitterPacket {
  sequenceNumber: number;
  timestamp: number;
  payload: Uint8Array;
}

export type PushResult = 'accepted' | 'duplicate' | 'late' | 'resync';

export type JitterOutput =
  | { kind: 'frame'; packet: JitterPacket }
  | { kind: 'lost'; sequenceNumber: number }
  /** Nothing to play yet (priming after start or after running dry): play silence, count nothing. */
  | { kind: 'waiting' };

export interface JitterStats {
  received: number;
  lost: number;
  late: number;
  duplicate: number;
  resyncs: number;
  underruns: number;
  /** RFC 3550 §6.4.1 interarrival jitter, in timestamp units and in milliseconds. */
  jitter: number;
  jitterMs: number;
}

type Phase = 'idle' | 'priming' | 'playing';

export class JitterBuffer {
  private readonly delayFrames: number;
  private readonly capacity: number;
  private readonly clockRate: number;
  private readonly slots = new Map<number, JitterPacket>();
  private phase: Phase = 'idle';
  private primingLeft = 0;
  private nextSeq: number | null = null;
  private playedAny = false;
  private previous: { arrival: number; timestamp: number } | null = null;
  private jitter = 0;
  private readonly counts = { received: 0, lost: 0, late: 0, duplicate: 0, resyncs: 0, underruns: 0 };

  constructor(options: JitterBufferOptions = {}) {
    this.delayFrames = options.delayFrames ?? 3;
    this.capacity = options.capacity ?? 50;
    this.clockRate = options.clockRate ?? 8000;
  }

  push(packet: JitterPacket, arrivalMs: number): PushResult {
    this.counts.received++;
    const seq = packet.sequenceNumber & 0xffff;
    if (this.nextSeq !== null && this.slots.has(seq)) {
      this.counts.duplicate++;
      return 'duplicate';
    }
    this.updateJitter(packet.timestamp, arrivalMs);

    if (this.nextSeq === null) return this.startAt(seq, packet, 'accepted');
    const ahead = sequenceDistance(seq, this.nextSeq);
    if (ahead < 0) {
      // Before the first playout an earlier packet only means the first one overtook it.
      if (!this.playedAny && -ahead < this.capacity) {
        this.nextSeq = seq;
        this.slots.set(seq, packet);
        return 'accepted';
      }
      this.counts.late++;
      return 'late';
    }
    if (ahead >= this.capacity) {
      this.counts.resyncs++;
      this.slots.clear();
      return this.startAt(seq, packet, 'resync');
    }
    this.slots.set(seq, packet);
    if (this.phase === 'idle') this.prime();
    return 'accepted';
  }

  /** Once per tick. */
  pop(): JitterOutput {
    if (this.phase === 'idle') return { kind: 'waiting' };
    if (this.phase === 'priming') {
      if (this.primingLeft > 0) {
        this.primingLeft--;
        return { kind: 'waiting' };
      }
      this.phase = 'playing';
    }
    const seq = this.nextSeq!;
    const packet = this.slots.get(seq);
    if (packet) {
      this.slots.delete(seq);
      this.advance();
      return { kind: 'frame', packet };
    }
    if (this.slots.size > 0) {
      this.counts.lost++;
      this.advance();
      return { kind: 'lost', sequenceNumber: seq };
    }
    this.counts.underruns++;
    this.phase = 'idle';
    return { kind: 'waiting' };
  }

  get stats(): JitterStats {
    return { ...this.counts, jitter: this.jitter, jitterMs: (this.jitter * 1000) / this.clockRate };
  }

  private startAt(seq: number, packet: JitterPacket, result: PushResult): PushResult {
    this.nextSeq = seq;
    this.playedAny = false;
    this.slots.set(seq, packet);
    this.prime();
    return result;
  }

  private prime(): void {
    this.phase = 'priming';
    this.primingLeft = this.delayFrames;
  }

  private advance(): void {
    this.nextSeq = (this.nextSeq! + 1) & 0xffff;
    this.playedAny = true;
  }

  /** J += (|D| − J) / 16, with D the change in transit time between consecutive arrivals. */
  private updateJitter(timestamp: number, arrivalMs: number): void {
    const previous = this.previous;
    this.previous = { arrival: arrivalMs, timestamp };
    if (!previous) return;
    const arrivalDelta = ((arrivalMs - previous.arrival) * this.clockRate) / 1000;
    const timestampDelta = (timestamp - previous.timestamp) | 0; // signed across the 32-bit wrap
    this.jitter += (Math.abs(arrivalDelta - timestampDelta) - this.jitter) / 16;
  }
}
