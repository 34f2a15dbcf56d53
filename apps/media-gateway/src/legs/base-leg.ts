/**
 * What every leg kind shares, so the WebRTC and plain RTP legs differ only in transport:
 * the state machine, the delegate, the setup and media-inactivity timers, the receive path
 * (G.711 payloads to 20 ms frames, RFC 4733 packets to digits, statistics) and the outgoing
 * RTP header sequence. A subclass supplies `transmit` and `releaseTransport`, and reports
 * what it negotiated through `setMedia` and received packets through `receiveRtp`.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { type PcmFrame, SAMPLES_PER_FRAME } from '../media/frame.js';
import { decodeG711, encodeG711Into, type G711Codec, g711CodecForPayloadType, G711_PAYLOAD_TYPE } from '../media/g711.js';
import { DtmfEventReceiver, telephoneEventPackets, type TelephoneEventPacket } from '../media/telephone-event.js';
import { type DtmfDigit } from '../media/tone.js';
import {
  DEFAULT_MEDIA_TIMEOUT_MS,
  DEFAULT_SETUP_TIMEOUT_MS,
  type Leg,
  type LegCloseReason,
  type LegDelegate,
  LegError,
  LegErrorCode,
  type LegState,
  LegStateMachine,
  type LegStats,
  type LegTimeouts,
} from './leg.js';
import { RtpReceiveStats } from './rtp-receive-stats.js';

/** A received RTP packet's header, reduced to what the receive path reads (werift's RtpHeader is one). */
export interface ReceivedRtpHeader {
  payloadType: number;
  sequenceNumber: number;
  timestamp: number;
  ssrc: number;
  marker: boolean;
}

/** The negotiated media of a leg; changes on re-offers. */
export interface NegotiatedMedia {
  /** The codec we send; we decode either G.711 law if the far end switches. */
  codec: G711Codec;
  /** RFC 4733 telephone-event/8000 payload type, or null if not negotiated. */
  dtmfPayloadType: number | null;
  held: boolean;
  /** The far end will send RTP: only then does silence count towards the media timeout. */
  remoteSends: boolean;
  /** The far end wants our RTP: otherwise frames are dropped (we were put on hold). */
  remoteReceives: boolean;
}

/** A press whose end packets were all lost is closed after this much DTMF silence. */
const DTMF_FLUSH_MS = 500;

export abstract class BaseLeg implements Leg {
  readonly id: string;
  delegate: LegDelegate | undefined;
  protected readonly machine: LegStateMachine;
  protected media: NegotiatedMedia | null = null;
  private readonly setupTimeoutMs: number;
  private readonly mediaTimeoutMs: number;
  private setupTimer: NodeJS.Timeout | null = null;
  private watchdog: NodeJS.Timeout | null = null;
  private lastRtpAt = 0;
  private lastDtmfAt = 0;
  protected readonly receiveStats = new RtpReceiveStats();
  private readonly dtmf = new DtmfEventReceiver();
  /** Decoded samples waiting to fill a 160-sample frame when the far end packs other than 20 ms. */
  private pending = new Int16Array(0);
  private packetsSent = 0;
  /** The outgoing payload, rewritten per packet: `transmit` encrypts or copies it before returning. */
  private readonly payload = new Uint8Array(SAMPLES_PER_FRAME);
  // RFC 3550 §5.1: random initial sequence number and timestamp.
  private sequenceNumber = randomInt(0x10000);
  private timestamp = randomInt(2 ** 32);
  private marker = true;
  /** Key presses waiting to go out: digits, then the packets of the one being sent. */
  private digitsToSend: { digit: DtmfDigit; durationMs: number }[] = [];
  private eventPackets: TelephoneEventPacket[] = [];

  protected constructor(id: string | undefined, timeouts: LegTimeouts) {
    this.id = id ?? randomUUID();
    this.setupTimeoutMs = timeouts.setupTimeoutMs ?? DEFAULT_SETUP_TIMEOUT_MS;
    this.mediaTimeoutMs = timeouts.mediaTimeoutMs ?? DEFAULT_MEDIA_TIMEOUT_MS;
    this.machine = new LegStateMachine((state, previous) => this.delegate?.onStateChange?.(state, previous));
  }

  get state(): LegState {
    return this.machine.state;
  }

  get closeReason(): LegCloseReason | null {
    return this.machine.closeReason;
  }

  get held(): boolean {
    return this.media?.held ?? false;
  }

  abstract handleReoffer(sdp: string): Promise<string>;

  /**
   * Sends one RTP packet (header fields given, payload encoded); only called when `canSend()`.
   * The payload is only valid during the call (the leg reuses its buffer for the next packet).
   */
  protected abstract transmit(payloadType: number, sequenceNumber: number, timestamp: number, marker: boolean, payload: Uint8Array): void;

  /**
   * Whether the transport can carry a packet now. WebRTC needs DTLS up (`connected`); a plain
   * RTP leg sends as soon as it knows where to, or neither side of a trunk call would start.
   */
  protected canSend(): boolean {
    return this.state === 'connected';
  }

  /** Closes sockets and peer connections; called once, from close(). */
  protected abstract releaseTransport(): void;

  sendDigits(digits: string, durationMs = 100): boolean {
    if (this.media?.dtmfPayloadType === null || this.media?.dtmfPayloadType === undefined) return false;
    for (const digit of digits) this.digitsToSend.push({ digit: digit as DtmfDigit, durationMs });
    return true;
  }

  sendFrame(frame: PcmFrame): void {
    const media = this.media;
    if (!this.canSend() || !media || !media.remoteReceives) return;
    if (media.dtmfPayloadType !== null && this.sendEventPacket(media.dtmfPayloadType)) {
      this.timestamp = (this.timestamp + frame.length) >>> 0;
      return;
    }
    this.transmit(G711_PAYLOAD_TYPE[media.codec], this.sequenceNumber, this.timestamp, this.marker, encodeG711Into(media.codec, frame, this.payload));
    this.packetsSent++;
    this.marker = false;
    this.sequenceNumber = (this.sequenceNumber + 1) & 0xffff;
    this.timestamp = (this.timestamp + frame.length) >>> 0;
  }

  /**
   * One telephone-event packet instead of this tick's audio, if a press is under way. An
   * event's packets share the timestamp of its first tick (RFC 4733 §2.5.1); the audio
   * clock runs on beneath it, so audio resumes where the press ended. A gap of one tick
   * of audio separates presses, so the far end sees two presses, not one long one.
   */
  private sendEventPacket(payloadType: number): boolean {
    if (this.eventPackets.length === 0) {
      const next = this.digitsToSend.shift();
      if (!next) return false;
      this.eventPackets = telephoneEventPackets(next.digit, { timestamp: this.timestamp, durationMs: next.durationMs });
    }
    const packet = this.eventPackets.shift()!;
    this.transmit(payloadType, this.sequenceNumber, packet.timestamp, packet.marker, packet.payload);
    this.packetsSent++;
    this.sequenceNumber = (this.sequenceNumber + 1) & 0xffff;
    if (this.eventPackets.length === 0) this.marker = true; // audio after an event starts a talkspurt
    return true;
  }

  close(reason: LegCloseReason = 'hangup'): void {
    if (this.state === 'closed') return;
    this.clearTimers();
    this.machine.transition('closed', reason);
    try {
      this.releaseTransport();
    } finally {
      this.delegate?.onClosed?.({ reason });
    }
  }

  stats(): LegStats {
    return {
      packetsSent: this.packetsSent,
      packetsReceived: this.receiveStats.received,
      packetsLost: this.receiveStats.lost,
      jitterMs: this.receiveStats.jitterMs,
    };
  }

  protected assertState(expected: LegState, action: string): void {
    if (this.state !== expected) throw new LegError(LegErrorCode.InvalidState, `${action} in state ${this.state}`);
  }

  /** Negotiation started: the setup clock runs from here. */
  protected startConnecting(): void {
    this.machine.transition('connecting');
    this.setupTimer = setTimeout(() => this.close('setup-timeout'), this.setupTimeoutMs);
  }

  protected markConnected(): void {
    if (this.state !== 'connecting') return;
    if (this.setupTimer) clearTimeout(this.setupTimer);
    this.setupTimer = null;
    this.machine.transition('connected');
    this.lastRtpAt = Date.now();
    // One coarse periodic check instead of re-arming a timer on each of 50 packets a second.
    const period = Math.max(50, Math.min(1000, this.mediaTimeoutMs / 4));
    this.watchdog = setInterval(() => this.checkActivity(), period);
  }

  protected setMedia(media: NegotiatedMedia): void {
    const resumed = this.media && !this.media.remoteSends && media.remoteSends;
    this.media = media;
    // The far end was silent by agreement until now: give it a full timeout to resume.
    if (resumed) this.lastRtpAt = Date.now();
    // Whatever the far end does next is a new talkspurt for its jitter buffer.
    this.marker = true;
  }

  /** Header and payload apart: each transport passes its own header object, none is made per packet. */
  protected receiveRtp(header: ReceivedRtpHeader, payload: Uint8Array): void {
    if (this.state === 'closed') return;
    const now = Date.now();
    this.lastRtpAt = now;
    const isDtmf = this.media?.dtmfPayloadType === header.payloadType;
    this.receiveStats.record(header, now, !isDtmf);
    if (isDtmf) {
      this.lastDtmfAt = now;
      const presses = this.dtmf.receive({ marker: header.marker, timestamp: header.timestamp, payload });
      for (const press of presses) this.delegate?.onDtmf?.({ digit: press.digit, durationMs: press.durationMs });
      return;
    }
    const codec = g711CodecForPayloadType(header.payloadType);
    if (codec === null) return; // comfort noise or a codec we never offered
    this.emitSamples(decodeG711(codec, payload));
  }

  private emitSamples(samples: Int16Array): void {
    if (samples.length === SAMPLES_PER_FRAME && this.pending.length === 0) {
      this.delegate?.onFrame?.(samples);
      return;
    }
    const all = new Int16Array(this.pending.length + samples.length);
    all.set(this.pending);
    all.set(samples, this.pending.length);
    let offset = 0;
    for (; offset + SAMPLES_PER_FRAME <= all.length; offset += SAMPLES_PER_FRAME) {
      this.delegate?.onFrame?.(all.slice(offset, offset + SAMPLES_PER_FRAME));
    }
    this.pending = all.slice(offset);
  }

  private checkActivity(): void {
    const now = Date.now();
    if (this.lastDtmfAt > 0 && now - this.lastDtmfAt > DTMF_FLUSH_MS) {
      this.lastDtmfAt = 0;
      const press = this.dtmf.flush();
      if (press) this.delegate?.onDtmf?.({ digit: press.digit, durationMs: press.durationMs });
    }
    if (this.media && !this.media.remoteSends) {
      this.lastRtpAt = now; // on hold with an inactive far end, silence is expected
      return;
    }
    if (now - this.lastRtpAt >= this.mediaTimeoutMs) this.close('media-timeout');
  }

  private clearTimers(): void {
    if (this.setupTimer) clearTimeout(this.setupTimer);
    if (this.watchdog) clearInterval(this.watchdog);
    this.setupTimer = null;
    this.watchdog = null;
  }
}
