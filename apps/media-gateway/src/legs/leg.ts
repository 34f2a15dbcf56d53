/**
 * A leg: one party's media endpoint as the rest of the gateway sees it, whatever carries it
 * (WebRTC with ICE/DTLS-SRTP, or plain RTP to a SIP trunk). It yields decoded 20 ms frames
 * and RFC 4733 digits and takes frames to send; signalling (SIP) and mixing live elsewhere.
 *
 * Life of a leg, enforced by `LegStateMachine.transition`:
 *
 *            answer()/createOffer()          transport up (DTLS connected,
 *     new ───────────────────────▶ connecting ──── or first RTP on a plain leg) ───▶ connected
 *      │                                │                                               │
 *      │ close(reason),                 │ close(reason), setup-timeout,                  │ close(reason), media-timeout,
 *      │ negotiation-failed             │ transport-failed, negotiation-failed           │ transport-failed
 *      ▼                                ▼                                               ▼
 *   closed ◀──────────────────────── closed ◀────────────────────────────────────────── closed
 *
 * `closed` is final and carries its reason. Hold and ICE restarts do not leave `connected`:
 * a held call is still a connected leg (see `held`), and media inactivity is what ends a
 * leg whose path silently died.
 */
import { type PcmFrame } from '../media/frame.js';

export type LegState = 'new' | 'connecting' | 'connected' | 'closed';

/** Why a leg closed. Callers pass `hangup` (or a reason of their own from this list). */
export type LegCloseReason =
  /** The call layer ended it: BYE, CANCEL, transfer, shutdown. */
  | 'hangup'
  /** No transport/media within the setup timeout after negotiation started. */
  | 'setup-timeout'
  /** No RTP received for the inactivity timeout while the far end should be sending. */
  | 'media-timeout'
  /** ICE or DTLS failed, or the socket errored. */
  | 'transport-failed'
  /** The far end's SDP was malformed or offered nothing we can carry. */
  | 'negotiation-failed';

export interface LegDtmfEvent {
  digit: string;
  durationMs: number;
}

export interface LegClosedEvent {
  reason: LegCloseReason;
}

export interface LegStats {
  packetsSent: number;
  packetsReceived: number;
  /** Expected minus received, from sequence numbers (RFC 3550 A.3); never negative. */
  packetsLost: number;
  /** RFC 3550 interarrival jitter in ms; null before two audio packets arrived. */
  jitterMs: number | null;
}

/**
 * Callbacks of a leg, in the style of SIP.js's delegates: a renamed callback is a compile
 * error, not a silently dead listener. All are optional and called synchronously.
 */
export interface LegDelegate {
  /** One 20 ms frame of received audio, decoded to 8 kHz linear PCM. */
  onFrame?(frame: PcmFrame): void;
  /** One RFC 4733 key press, reported once when it ends. */
  onDtmf?(event: LegDtmfEvent): void;
  onStateChange?(state: LegState, previous: LegState): void;
  /** Called exactly once. */
  onClosed?(event: LegClosedEvent): void;
}

export interface Leg {
  readonly id: string;
  readonly state: LegState;
  /** Set once the leg is closed. */
  readonly closeReason: LegCloseReason | null;
  /** The far end's last offer put us on hold (it is sendonly or inactive). */
  readonly held: boolean;
  delegate: LegDelegate | undefined;
  /**
   * Encodes and sends one frame now. The caller ticks every 20 ms; the leg neither paces nor
   * buffers. Frames the transport cannot carry yet (WebRTC before DTLS is up, RTP before the
   * far end's address is known), frames while held, and frames after close are dropped.
   */
  sendFrame(frame: PcmFrame): void;
  /**
   * Queues key presses as RFC 4733 telephone-events, sent in place of audio on the following
   * `sendFrame` calls (one packet per 20 ms tick, so they are paced like the audio). False,
   * and nothing queued, when the far end did not negotiate telephone-event/8000.
   */
  sendDigits(digits: string, durationMs?: number): boolean;
  /** A new offer in the dialog (hold, resume, ICE restart); resolves to our answer. */
  handleReoffer(sdp: string): Promise<string>;
  /** Idempotent: releases every timer and socket; the first reason wins. */
  close(reason?: LegCloseReason): void;
  stats(): LegStats;
}

export interface LegTimeouts {
  /** From the start of negotiation to `connected`. Default 15 s. */
  setupTimeoutMs?: number;
  /** Without any received RTP while connected and not held by an inactive far end. Default 30 s. */
  mediaTimeoutMs?: number;
}

export const DEFAULT_SETUP_TIMEOUT_MS = 15_000;
export const DEFAULT_MEDIA_TIMEOUT_MS = 30_000;

/** Namespaced codes of the expected failures of a leg, in the house style. */
export const LegErrorCode = {
  /** A method was called in a state that does not allow it (e.g. answer() twice). */
  InvalidState: 'leg/invalid-state',
  /** The far end offered nothing we can carry (no PCMU/PCMA audio). */
  NoCommonCodec: 'leg/no-common-codec',
  /** No free even port in the configured range. */
  NoPort: 'leg/no-port',
} as const;
export type LegErrorCode = (typeof LegErrorCode)[keyof typeof LegErrorCode];

export class LegError extends Error {
  constructor(
    readonly code: LegErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'LegError';
  }
}

const ALLOWED: Readonly<Record<LegState, readonly LegState[]>> = {
  new: ['connecting', 'closed'],
  connecting: ['connected', 'closed'],
  connected: ['closed'],
  closed: [],
};

/** The diagram above as code: one place decides which moves are legal. */
export class LegStateMachine {
  private current: LegState = 'new';
  private reason: LegCloseReason | null = null;

  constructor(private readonly onChange: (state: LegState, previous: LegState) => void = () => {}) {}

  get state(): LegState {
    return this.current;
  }

  get closeReason(): LegCloseReason | null {
    return this.reason;
  }

  /** Throws on an illegal move: that is a bug in the leg, not a network condition. */
  transition(to: LegState, reason?: LegCloseReason): void {
    const from = this.current;
    if (!ALLOWED[from].includes(to)) throw new Error(`leg state ${from} → ${to} is not allowed`);
    if (to === 'closed') this.reason = reason ?? 'hangup';
    this.current = to;
    this.onChange(to, from);
  }
}
