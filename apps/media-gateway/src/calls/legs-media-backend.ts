import { type Leg, type LegDelegate, type LegTimeouts } from '../legs/leg.js';
import { RtpLeg } from '../legs/rtp-leg.js';
import { WebRtcLeg } from '../legs/webrtc-leg.js';
import { type MediaBackend, type MediaEndpoint, type MediaEndpointEvents, type MediaKind } from './media-backend.js';

/**
 * The real media of the gateway: WebRTC legs (werift: ICE, DTLS-SRTP) for browsers and
 * plain RTP legs for trunks, seen by the call layer only as MediaEndpoints.
 */
export interface LegsMediaOptions extends LegTimeouts {
  rtpPortRange: { min: number; max: number };
  rtpBindAddress: string;
  /** What trunks are told to send RTP to; the bind address when unset. */
  rtpAdvertisedAddress?: string;
}

export class LegsMediaBackend implements MediaBackend {
  constructor(private readonly options: LegsMediaOptions) {}

  async answer(offer: string, kind: MediaKind, events: MediaEndpointEvents): Promise<{ endpoint: MediaEndpoint; answer: string }> {
    if (kind === 'webrtc') {
      const leg = new WebRtcLeg(this.timeouts(), delegateFor(events));
      try {
        return { endpoint: endpointOf(leg), answer: await leg.answer(offer) };
      } catch (error) {
        leg.close('hangup');
        throw error;
      }
    }
    const leg = await RtpLeg.open(this.rtpOptions(), delegateFor(events));
    try {
      return { endpoint: endpointOf(leg), answer: leg.answer(offer) };
    } catch (error) {
      leg.close('hangup');
      throw error;
    }
  }

  async offer(kind: MediaKind, events: MediaEndpointEvents): Promise<{ endpoint: MediaEndpoint; offer: string; accept(answer: string): Promise<void> }> {
    if (kind === 'webrtc') {
      const leg = new WebRtcLeg(this.timeouts(), delegateFor(events));
      return { endpoint: endpointOf(leg), offer: await leg.createOffer(), accept: (answer) => leg.acceptAnswer(answer) };
    }
    const leg = await RtpLeg.open(this.rtpOptions(), delegateFor(events));
    return { endpoint: endpointOf(leg), offer: leg.createOffer(), accept: async (answer) => leg.acceptAnswer(answer) };
  }

  private timeouts(): LegTimeouts {
    return { setupTimeoutMs: this.options.setupTimeoutMs, mediaTimeoutMs: this.options.mediaTimeoutMs };
  }

  private rtpOptions() {
    return {
      ...this.timeouts(),
      portRange: this.options.rtpPortRange,
      bindAddress: this.options.rtpBindAddress,
      advertisedAddress: this.options.rtpAdvertisedAddress,
    };
  }
}

function delegateFor(events: MediaEndpointEvents): LegDelegate {
  return {
    onFrame: (frame) => events.frame(frame),
    onDtmf: ({ digit, durationMs }) => events.dtmf(digit, durationMs),
    onStateChange: (state) => {
      if (state === 'connected') events.connected?.();
    },
    onClosed: ({ reason }) => {
      // `hangup` is the call layer closing the leg itself; anything else the media died.
      if (reason === 'setup-timeout' || reason === 'media-timeout') events.failed(reason);
      else if (reason === 'transport-failed') events.failed('failure');
    },
  };
}

function endpointOf(leg: Leg): MediaEndpoint {
  return {
    id: leg.id,
    get heldByRemote() {
      return leg.held;
    },
    reoffer: (sdp) => leg.handleReoffer(sdp),
    sendFrame: (frame) => leg.sendFrame(frame),
    sendDigits: async (digits, durationMs) => leg.sendDigits(digits, durationMs),
    close: () => leg.close('hangup'),
  };
}
