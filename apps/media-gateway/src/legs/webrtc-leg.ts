/**
 * A WebRTC leg: one werift RTCPeerConnection carrying one audio stream, PCMU/8000 plus
 * RFC 4733 telephone-event/8000, over ICE and DTLS-SRTP. SDP is exchanged whole (no
 * trickle): every description we hand out already holds all our candidates, as SIP needs.
 *
 *   browser → gateway:  const answer = await leg.answer(offer)
 *   gateway → browser:  const offer = await leg.createOffer(); … await leg.acceptAnswer(answer)
 *   re-INVITE:          const answer = await leg.handleReoffer(offer)   (hold, resume, ICE restart)
 *
 * werift facts this relies on (see /work/shared/TOOLCHAIN.md): it matches codecs by name
 * only, so a telephone-event at another clock rate is filtered out here; Chromium never
 * offers loopback candidates, so 127.0.0.1 is added as a host address. Packets go out
 * through DirectRtpSender (SRTP on the sender's transport, not `sender.sendRtp`), only
 * once DTLS is up. Received RTP is taken from the DTLS transport (decrypted and parsed)
 * rather than through werift's router, receiver and track, which per packet parse header
 * extensions again, keep statistics of their own and copy the packet: the leg's own
 * statistics make the RTCP receiver reports instead (receiver-report.ts).
 */
import {
  type MediaStreamTrack,
  type RTCDtlsTransport,
  RTCPeerConnection,
  RTCRtpCodecParameters,
  type RTCRtpTransceiver,
  RtcpReceiverInfo,
  RtcpRrPacket,
  usePCMU,
} from 'werift';
import { reportBlock, type ReportedCounts } from './receiver-report.js';
import { BaseLeg, type NegotiatedMedia } from './base-leg.js';
import { DirectRtpSender } from './direct-rtp-sender.js';
import { type LegDelegate, LegError, LegErrorCode, type LegTimeouts } from './leg.js';
import { findPayloadType, firstAudio, isHold, parseSdp, remoteReceives, remoteSends, type SdpMedia } from './sdp.js';
// werift's DTLS client fails on a repeated HelloVerifyRequest; see the file.
import './werift-dtls-repair.js';
// werift's SRTP makes a cipher object per packet; ours replaces it (byte for byte the same packets).
import './srtp/werift-srtp.js';

export interface WebRtcLegOptions extends LegTimeouts {
  id?: string;
  /** Host addresses werift would not gather by itself. Default ['127.0.0.1'] for same-machine browsers. */
  iceAdditionalHostAddresses?: string[];
  /** UDP port range for ICE candidates, e.g. to match a firewall rule. */
  icePortRange?: [number, number];
  /** Longest wait for candidate gathering before a description is handed out anyway. Default 5 s. */
  gatheringTimeoutMs?: number;
}

/** Ours when we offer; when answering, werift takes the offerer's number for the same codec. */
const TELEPHONE_EVENT_PAYLOAD_TYPE = 101;
const TELEPHONE_EVENT = 'audio/telephone-event';

/** Receiver reports go out about this often, randomised ±50% as RFC 3550 §6.2 asks (werift: 0.5–1.5 s). */
const RECEIVER_REPORT_INTERVAL_MS = 1000;

export class WebRtcLeg extends BaseLeg {
  private readonly pc: RTCPeerConnection;
  private transceiver: RTCRtpTransceiver | null = null;
  private rtpSender: DirectRtpSender | null = null;
  private readonly subscribedTracks = new WeakSet<MediaStreamTrack>();
  /** DTLS transports whose received RTP this leg takes directly (see takeReceivedRtp). */
  private readonly takenTransports = new WeakSet<RTCDtlsTransport>();
  private reportTimer: NodeJS.Timeout | null = null;
  private reported: ReportedCounts = { expected: 0, received: 0 };
  private readonly closing = new AbortController();
  private readonly gatheringTimeoutMs: number;

  constructor(options: WebRtcLegOptions = {}, delegate?: LegDelegate) {
    super(options.id, options);
    this.delegate = delegate;
    this.gatheringTimeoutMs = options.gatheringTimeoutMs ?? 5000;
    this.pc = new RTCPeerConnection({
      codecs: {
        audio: [
          usePCMU(),
          new RTCRtpCodecParameters({ mimeType: TELEPHONE_EVENT, clockRate: 8000, channels: 1, payloadType: TELEPHONE_EVENT_PAYLOAD_TYPE, parameters: '0-16' }),
        ],
        video: [],
      },
      iceServers: [],
      iceAdditionalHostAddresses: options.iceAdditionalHostAddresses ?? ['127.0.0.1'],
      ...(options.icePortRange ? { icePortRange: options.icePortRange } : {}),
    });
    this.pc.connectionStateChange.subscribe((state) => {
      if (state === 'connected') {
        this.takeReceivedRtp();
        this.scheduleReceiverReport();
        this.markConnected();
      } else if (state === 'failed') this.close('transport-failed');
    });
    this.pc.onTrack.subscribe((track) => this.listen(track));
  }

  /** Answers a browser's offer; resolves to the complete (non-trickle) answer SDP. */
  async answer(offerSdp: string): Promise<string> {
    this.assertState('new', 'answer');
    return this.negotiating(async () => {
      const offered = firstAudio(parseSdp(offerSdp));
      this.startConnecting();
      await this.pc.setRemoteDescription({ type: 'offer', sdp: offerSdp });
      this.adoptNegotiated(offered);
      return this.localDescription('answer');
    });
  }

  /** Starts a gateway → browser call; the answer comes back through `acceptAnswer`. */
  async createOffer(): Promise<string> {
    this.assertState('new', 'createOffer');
    return this.negotiating(async () => {
      this.startConnecting();
      this.transceiver = this.pc.addTransceiver('audio', { direction: 'sendrecv' });
      return this.localDescription('offer');
    });
  }

  async acceptAnswer(answerSdp: string): Promise<void> {
    this.assertState('connecting', 'acceptAnswer');
    await this.negotiating(async () => {
      const answered = firstAudio(parseSdp(answerSdp));
      await this.pc.setRemoteDescription({ type: 'answer', sdp: answerSdp });
      this.setMedia(this.negotiatedMedia(answered));
    });
  }

  /**
   * A re-offer in the dialog. werift restarts ICE by itself when the ufrag changed (ICE
   * restart) and answers the mirrored direction (sendonly → recvonly for hold); the leg
   * stays `connected` throughout and reports hold through `held`.
   */
  async handleReoffer(offerSdp: string): Promise<string> {
    if (this.state !== 'connecting' && this.state !== 'connected') {
      throw new LegError(LegErrorCode.InvalidState, `re-offer in state ${this.state}`);
    }
    // A malformed re-offer is refused (the SIP layer answers 488) but does not end the call.
    const offered = firstAudio(parseSdp(offerSdp));
    await this.pc.setRemoteDescription({ type: 'offer', sdp: offerSdp });
    this.adoptNegotiated(offered);
    const answer = await this.localDescription('answer');
    this.takeReceivedRtp();
    return answer;
  }

  protected transmit(payloadType: number, sequenceNumber: number, timestamp: number, marker: boolean, payload: Uint8Array): void {
    const sender = this.transceiver?.sender;
    if (!sender) return;
    if (this.rtpSender?.sender !== sender) this.rtpSender = new DirectRtpSender(sender);
    this.rtpSender.send(payloadType, sequenceNumber, timestamp, marker, Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength));
  }

  protected releaseTransport(): void {
    if (this.reportTimer) clearTimeout(this.reportTimer);
    this.reportTimer = null;
    this.closing.abort();
    this.pc.close().catch(() => {});
  }

  /** Runs a negotiation step; any failure ends the leg, since no usable session exists. */
  private async negotiating<T>(step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (error) {
      this.close(this.state === 'closed' ? 'hangup' : 'negotiation-failed');
      throw error;
    }
  }

  private adoptNegotiated(offered: SdpMedia): void {
    const transceiver = this.pc.getTransceivers().find((t) => t.kind === 'audio');
    if (!transceiver) throw new LegError(LegErrorCode.NoCommonCodec, 'no audio transceiver after the offer');
    if (transceiver.sender.codec?.mimeType.toLowerCase() !== 'audio/pcmu') {
      throw new LegError(LegErrorCode.NoCommonCodec, `offer's first common codec is ${transceiver.sender.codec?.mimeType ?? 'none'}, not PCMU`);
    }
    // Matched by name, Chromium's telephone-event/48000 (for Opus) would enter the answer too.
    transceiver.codecs = transceiver.codecs.filter((c) => c.mimeType.toLowerCase() !== TELEPHONE_EVENT || c.clockRate === 8000);
    // werift creates the answerer's transceiver recvonly; we always want both ways.
    transceiver.setDirection('sendrecv');
    this.transceiver = transceiver;
    this.setMedia(this.negotiatedMedia(offered));
  }

  private negotiatedMedia(remote: SdpMedia): NegotiatedMedia {
    return {
      codec: 'PCMU',
      dtmfPayloadType: findPayloadType(remote, 'telephone-event', 8000),
      held: isHold(remote, { ice: true }),
      remoteSends: remoteSends(remote),
      remoteReceives: remoteReceives(remote, { ice: true }),
    };
  }

  /**
   * Received RTP from the transport itself: its one subscriber is werift's RTP router, which
   * is replaced. A transport werift makes later (none does for an ICE restart) still goes
   * through the router and the track (`listen`), so no packet is lost either way.
   */
  private takeReceivedRtp(): void {
    const transport = this.transceiver?.dtlsTransport;
    if (!transport || this.takenTransports.has(transport)) return;
    this.takenTransports.add(transport);
    transport.onRtp.allUnsubscribe();
    transport.onRtp.subscribe((rtp) => this.receiveRtp(rtp.header, rtp.payload));
  }

  /** The next RTCP receiver report about what the browser sends (its `remote-inbound-rtp`). */
  private scheduleReceiverReport(): void {
    if (this.reportTimer || this.state === 'closed') return;
    const delay = RECEIVER_REPORT_INTERVAL_MS * (0.5 + Math.random());
    this.reportTimer = setTimeout(() => {
      this.reportTimer = null;
      this.sendReceiverReport();
      this.scheduleReceiverReport();
    }, delay);
    this.reportTimer.unref?.();
  }

  private sendReceiverReport(): void {
    const transceiver = this.transceiver;
    if (!transceiver || this.state === 'closed') return;
    const ssrc = this.receiveStats.sourceSsrc;
    // werift's receiver still reads the browser's sender reports (RTCP is not rerouted).
    const receiver = transceiver.receiver;
    const lsr = ssrc === null ? undefined : receiver.lastSRtimestamp[ssrc];
    const lastSenderReport = lsr === undefined ? null : { lsr, receivedAtSeconds: receiver.receiveLastSRTimestamp[ssrc!] ?? 0 };
    const report = reportBlock(this.receiveStats, this.reported, lastSenderReport, Date.now() / 1000);
    if (!report) return;
    this.reported = report.counts;
    const packet = new RtcpRrPacket({ ssrc: receiver.rtcpSsrc, reports: [new RtcpReceiverInfo(report.block)] });
    transceiver.dtlsTransport.sendRtcp([packet]).catch(() => undefined);
  }

  private listen(track: MediaStreamTrack): void {
    if (this.subscribedTracks.has(track)) return;
    this.subscribedTracks.add(track);
    track.onReceiveRtp.subscribe((rtp) => this.receiveRtp(rtp.header, rtp.payload));
  }

  /** Sets our description and waits until it holds every candidate. */
  private async localDescription(type: 'offer' | 'answer'): Promise<string> {
    const description = type === 'offer' ? await this.pc.createOffer() : await this.pc.createAnswer();
    // werift queries stun.l.google.com whenever no STUN server is configured, `iceServers: []`
    // notwithstanding: a DNS lookup and a STUN round trip per leg, and a 5 s stall in candidate
    // gathering when the lookup is slow to fail (half of a burst of 50 setups on a machine
    // without internet access). Gathering starts in setLocalDescription: the default goes first.
    for (const transport of this.pc.iceTransports) transport.connection.stunServer = undefined;
    await this.pc.setLocalDescription(description);
    await this.gatheringComplete();
    const sdp = this.pc.localDescription?.sdp;
    if (!sdp) throw new LegError(LegErrorCode.InvalidState, `no local ${type} after setLocalDescription`);
    return sdp;
  }

  private gatheringComplete(): Promise<void> {
    if (this.pc.iceGatheringState === 'complete') return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const done = (error?: Error) => {
        clearTimeout(timer);
        subscription.unSubscribe();
        this.closing.signal.removeEventListener('abort', onAbort);
        if (error) reject(error);
        else resolve();
      };
      const onAbort = () => done(new LegError(LegErrorCode.InvalidState, 'leg closed while gathering candidates'));
      // Hand out what we have rather than hang: host candidates come first and usually suffice.
      const timer = setTimeout(() => done(), this.gatheringTimeoutMs);
      const subscription = this.pc.iceGatheringStateChange.subscribe((state) => {
        if (state === 'complete') done();
      });
      this.closing.signal.addEventListener('abort', onAbort);
    });
  }
}
