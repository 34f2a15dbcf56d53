/**
 * What the call layer needs from media: a leg's audio endpoint negotiated by SDP. The
 * WebRTC (werift) and plain RTP implementations live in ../legs; the call layer's tests use
 * a fake. Audio itself (frames, players, mixer) is the media engine's business.
 */
export type MediaKind = 'webrtc' | 'rtp';

import { type PcmFrame } from '../media/frame.js';

export interface MediaEndpointEvents {
  /** 20 ms of received audio, decoded. */
  frame(frame: PcmFrame): void;
  /** An RFC 4733 telephone-event press, once per press. */
  dtmf(digit: string, durationMs: number): void;
  /** The media died by itself (no packets, ICE/DTLS failure, setup too slow). */
  failed(cause: 'media-timeout' | 'setup-timeout' | 'failure'): void;
}

export interface MediaEndpoint {
  readonly id: string;
  /** The far end put us on hold (sendonly/inactive in its last offer). */
  readonly heldByRemote: boolean;
  /** A new offer within the dialog (hold, resume, ICE restart); returns our answer. */
  reoffer(sdp: string): Promise<string>;
  /** Sends 20 ms of audio now (the media engine ticks). */
  sendFrame(frame: PcmFrame): void;
  close(): void;
}

export interface MediaBackend {
  answer(offer: string, kind: MediaKind, events: MediaEndpointEvents): Promise<{ endpoint: MediaEndpoint; answer: string }>;
  offer(kind: MediaKind, events: MediaEndpointEvents): Promise<{ endpoint: MediaEndpoint; offer: string; accept(answer: string): Promise<void> }>;
}
