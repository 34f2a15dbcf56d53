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

export interface LegsMediaHooks {
  /**
   * A frame `to` was sent by a relay (MediaEndpoint.relayTo) as soon as it was decoded:
   * both instants on the clock the hook's owner reads (media workers keep statistics).
   */
  relayed(to: string, decodedAt: number, sentAt: number): void;
  clock(): number;
}

/** A live leg and where its received audio is relayed, if anywhere. */
interface LegRelay {
  leg: Leg | null;
  to: Leg | null;
  tap: boolean;
}

export class LegsMediaBackend implements MediaBackend {
  /** Live legs by id, for relays between them. */
  private readonly relays = new Map<string, LegRelay>();

  constructor(
    private readonly options: LegsMediaOptions,
    private readonly hooks?: LegsMediaHooks,
  ) {}

  async answer(offer: string, kind: MediaKind, events: MediaEndpointEvents): Promise<{ endpoint: MediaEndpoint; answer: string }> {
    const relay: LegRelay = { leg: null, to: null, tap: false };
    if (kind === 'webrtc') {
      const leg = new WebRtcLeg(this.timeouts(), this.delegateFor(events, relay));
      try {
        return { endpoint: this.endpointOf(leg, relay), answer: await leg.answer(offer) };
      } catch (error) {
        leg.close('hangup');
        throw error;
      }
    }
    const leg = await RtpLeg.open(this.rtpOptions(), this.delegateFor(events, relay));
    try {
      return { endpoint: this.endpointOf(leg, relay), answer: leg.answer(offer) };
    } catch (error) {
      leg.close('hangup');
      throw error;
    }
  }

  async offer(kind: MediaKind, events: MediaEndpointEvents): Promise<{ endpoint: MediaEndpoint; offer: string; accept(answer: string): Promise<void> }> {
    const relay: LegRelay = { leg: null, to: null, tap: false };
    if (kind === 'webrtc') {
      const leg = new WebRtcLeg(this.timeouts(), this.delegateFor(events, relay));
      try {
        return { endpoint: this.endpointOf(leg, relay), offer: await leg.createOffer(), accept: (answer) => leg.acceptAnswer(answer) };
      } catch (error) {
        leg.close('hangup');
        throw error;
      }
    }
    const leg = await RtpLeg.open(this.rtpOptions(), this.delegateFor(events, relay));
    return { endpoint: this.endpointOf(leg, relay), offer: leg.createOffer(), accept: async (answer) => leg.acceptAnswer(answer) };
  }

  private delegateFor(events: MediaEndpointEvents, relay: LegRelay): LegDelegate {
    const hooks = this.hooks;
    return {
      onFrame: (frame) => {
        const to = relay.to;
        if (to) {
          const decodedAt = hooks ? hooks.clock() : 0;
          // sendFrame encodes (and encrypts) before it returns, so the decoder's buffer may be lent.
          to.sendFrame(frame);
          hooks?.relayed(to.id, decodedAt, hooks.clock());
          if (!relay.tap) return;
        }
        events.frame(frame);
      },
      onDtmf: ({ digit, durationMs }) => events.dtmf(digit, durationMs),
      onStateChange: (state) => {
        if (state === 'connected') events.connected?.();
      },
      onClosed: ({ reason }) => {
        if (relay.leg) this.relays.delete(relay.leg.id);
        relay.to = null;
        // `hangup` is the call layer closing the leg itself; anything else the media died.
        if (reason === 'setup-timeout' || reason === 'media-timeout') events.failed(reason);
        else if (reason === 'transport-failed') events.failed('failure');
      },
    };
  }

  private endpointOf(leg: Leg, relay: LegRelay): MediaEndpoint {
    relay.leg = leg;
    this.relays.set(leg.id, relay);
    return {
      id: leg.id,
      get heldByRemote() {
        return leg.held;
      },
      reoffer: (sdp) => leg.handleReoffer(sdp),
      sendFrame: (frame) => leg.sendFrame(frame),
      sendDigits: async (digits, durationMs) => leg.sendDigits(digits, durationMs),
      relayTo: (to, tap) => {
        const target = to ? this.relays.get(to.id)?.leg : null;
        if (to && (!target || target === leg)) return false;
        relay.to = target ?? null;
        relay.tap = tap;
        return true;
      },
      close: () => {
        this.relays.delete(leg.id);
        relay.to = null;
        leg.close('hangup');
      },
    };
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
