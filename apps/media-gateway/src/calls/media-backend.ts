/**
 * What the call layer needs from media: a leg's audio endpoint negotiated by SDP. The
 * WebRTC (werift) and plain RTP implementations live in ../legs; the call layer's tests use
 * a fake. Audio itself (frames, players, mixer) is the media engine's business.
 */
export type MediaKind = 'webrtc' | 'rtp';

import { GatewayErrorCode } from '@ccx/contracts';
import { type PcmFrame } from '../media/frame.js';

export interface MediaEndpointEvents {
  /** 20 ms of received audio, decoded; `receivedAt` (sharedClockMs) when a worker decoded it. */
  frame(frame: PcmFrame, receivedAt?: number): void;
  /** An RFC 4733 telephone-event press, once per press. */
  dtmf(digit: string, durationMs: number): void;
  /** The media died by itself (no packets, ICE/DTLS failure, setup too slow). */
  failed(cause: 'media-timeout' | 'setup-timeout' | 'failure'): void;
  /** The transport is up: ICE and DTLS done (WebRTC), or the first RTP arrived (plain RTP). */
  connected?(): void;
}

export interface MediaEndpoint {
  readonly id: string;
  /** The far end put us on hold (sendonly/inactive in its last offer). */
  readonly heldByRemote: boolean;
  /** A new offer within the dialog (hold, resume, ICE restart); returns our answer. */
  reoffer(sdp: string): Promise<string>;
  /** Sends 20 ms of audio now (the media engine ticks). */
  /** `madeFrom`: the receive stamp of the frame this one was made from, for TransitStats. */
  sendFrame(frame: PcmFrame, madeFrom?: number): void;
  /**
   * Queues key presses as RFC 4733 telephone-events, sent in place of audio on the next
   * ticks. Resolves false, sending nothing, when the far end did not negotiate them.
   */
  sendDigits(digits: string, durationMs: number): Promise<boolean>;
  /**
   * Sends what this leg receives straight to `to` (another endpoint of the same backend) as
   * it arrives, or stops (null); with `tap` the frames still reach `events.frame` too. False
   * when `to` is not this backend's, or gone. The media engine's direct bridges
   * (FrameSink.relayTo); a backend without it is always mixed by the engine.
   */
  relayTo?(to: MediaEndpoint | null, tap: boolean): boolean;
  close(): void;
}

/**
 * An expected refusal by the media side, with a namespaced code the edges map once: SIP
 * answers `gateway/overloaded` with 503 and Retry-After, the control API passes the code on.
 */
export class MediaBackendError extends Error {
  constructor(
    readonly code: MediaBackendErrorCode,
    message: string,
    /** For `gateway/overloaded`: when a retry has a fair chance. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'MediaBackendError';
  }
}

export const MediaBackendErrorCode = {
  /** Too many leg setups are waiting already; refused at once rather than queued for ever. */
  Overloaded: GatewayErrorCode.Overloaded,
} as const;
export type MediaBackendErrorCode = (typeof MediaBackendErrorCode)[keyof typeof MediaBackendErrorCode];

/**
 * Where a leg's media should go: legs of one `group` (a call's legs that will be bridged)
 * together, so a direct bridge between them relays without crossing threads. A hint: a
 * backend with one place for everything ignores it.
 */
export interface MediaPlacement {
  group: string;
}

export interface MediaBackend {
  answer(offer: string, kind: MediaKind, events: MediaEndpointEvents, placement?: MediaPlacement): Promise<{ endpoint: MediaEndpoint; answer: string }>;
  offer(kind: MediaKind, events: MediaEndpointEvents, placement?: MediaPlacement): Promise<{ endpoint: MediaEndpoint; offer: string; accept(answer: string): Promise<void> }>;
}
