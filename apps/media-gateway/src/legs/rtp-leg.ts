/**
 * A plain RTP leg for SIP trunks: one UDP socket on an even port (RFC 3550 §11), G.711 (PCMU
 * or PCMA) and RFC 4733 telephone-event, RTP/AVP without RTCP. It sends as soon as it knows
 * the far end's address and turns `connected` on the first valid packet received.
 *
 * Symmetric RTP (RFC 4961): a trunk behind NAT sends from an address other than its SDP's.
 * The first valid packet fixes the far end to its source; later packets from elsewhere are
 * dropped, so a stranger cannot inject audio or steal the stream. A re-offer with a new
 * address releases the latch.
 */
import { randomInt } from 'node:crypto';
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { isIP } from 'node:net';
import { type G711Codec, G711_PAYLOAD_TYPE } from '../media/g711.js';
import { parseRtpPacket, type RtpPacket, serializeRtpPacket } from '../media/rtp-packet.js';
import { BaseLeg, type NegotiatedMedia } from './base-leg.js';
import { type LegDelegate, LegError, LegErrorCode, type LegTimeouts } from './leg.js';
import {
  answerDirection,
  type AudioSdpCodec,
  buildAudioSdp,
  findPayloadType,
  firstAudio,
  isHold,
  parseSdp,
  remoteReceives,
  remoteSends,
  rtpMapOf,
  type SdpDirection,
  SdpError,
  SdpErrorCode,
  type SdpMedia,
} from './sdp.js';

export interface RtpLegOptions extends LegTimeouts {
  id?: string;
  /** Inclusive port range to bind in; only its even ports are used. */
  portRange: { min: number; max: number };
  /** Address the socket binds to. Default 127.0.0.1. */
  bindAddress?: string;
  /** Address written into our SDP (the one the trunk sends to); default the bind address. */
  advertisedAddress?: string;
  /** Codecs we accept and offer, preferred first. Default PCMU then PCMA. */
  codecs?: readonly G711Codec[];
}

interface Endpoint {
  address: string;
  port: number;
}

/** Ours when we offer; when answering we echo the offerer's number (RFC 3264 §6.1). */
const TELEPHONE_EVENT_PAYLOAD_TYPE = 101;

export class RtpLeg extends BaseLeg {
  private remote: Endpoint | null = null;
  private latched = false;
  private sessionVersion = 0;
  private readonly sessionId = String(randomInt(2 ** 47));
  private readonly ssrc = randomInt(2 ** 32);
  private readonly codecs: readonly G711Codec[];
  private readonly advertisedAddress: string;

  private constructor(
    private readonly socket: Socket,
    readonly localPort: number,
    options: RtpLegOptions,
  ) {
    super(options.id, options);
    this.codecs = options.codecs ?? ['PCMU', 'PCMA'];
    this.advertisedAddress = options.advertisedAddress ?? options.bindAddress ?? '127.0.0.1';
    socket.on('message', (message, from) => this.onDatagram(message, from));
    socket.on('error', () => this.close('transport-failed'));
  }

  /** Binds a free even port of the range; rejects with `leg/no-port` when none is left. */
  static async open(options: RtpLegOptions, delegate?: LegDelegate): Promise<RtpLeg> {
    const bindAddress = options.bindAddress ?? '127.0.0.1';
    const first = options.portRange.min + (options.portRange.min % 2);
    const count = Math.floor((options.portRange.max - first) / 2) + 1;
    if (count <= 0) throw new LegError(LegErrorCode.NoPort, `no even port in ${options.portRange.min}–${options.portRange.max}`);
    // Start at a random even port so concurrent legs rarely race for the same one.
    const start = randomInt(count);
    for (let i = 0; i < count; i++) {
      const port = first + 2 * ((start + i) % count);
      const socket = await bindSocket(bindAddress, port);
      if (socket) {
        const leg = new RtpLeg(socket, port, options);
        leg.delegate = delegate;
        return leg;
      }
    }
    throw new LegError(LegErrorCode.NoPort, `every even port in ${options.portRange.min}–${options.portRange.max} is taken`);
  }

  /** Answers a trunk's offer with the first G.711 codec it lists that we accept. */
  answer(offerSdp: string): string {
    this.assertState('new', 'answer');
    return this.negotiating(() => {
      const offered = firstAudio(parseSdp(offerSdp));
      this.startConnecting();
      return this.adoptOffer(offered);
    });
  }

  createOffer(): string {
    this.assertState('new', 'createOffer');
    this.startConnecting();
    const codecs: AudioSdpCodec[] = this.codecs.map((c) => ({ payloadType: G711_PAYLOAD_TYPE[c], encoding: c, clockRate: 8000 }));
    codecs.push({ payloadType: TELEPHONE_EVENT_PAYLOAD_TYPE, encoding: 'telephone-event', clockRate: 8000, fmtp: '0-16' });
    return this.description(codecs, 'sendrecv');
  }

  acceptAnswer(answerSdp: string): void {
    this.assertState('connecting', 'acceptAnswer');
    this.negotiating(() => {
      const answered = firstAudio(parseSdp(answerSdp));
      const codec = this.chooseCodec(answered);
      this.setRemote(answered);
      this.setMedia(this.negotiatedMedia(answered, codec));
    });
  }

  async handleReoffer(offerSdp: string): Promise<string> {
    if (this.state !== 'connecting' && this.state !== 'connected') {
      throw new LegError(LegErrorCode.InvalidState, `re-offer in state ${this.state}`);
    }
    // A malformed re-offer is refused (the SIP layer answers 488) but does not end the call.
    return this.adoptOffer(firstAudio(parseSdp(offerSdp)));
  }

  protected override canSend(): boolean {
    return (this.state === 'connecting' || this.state === 'connected') && this.remote !== null;
  }

  protected transmit(payloadType: number, sequenceNumber: number, timestamp: number, marker: boolean, payload: Uint8Array): void {
    const remote = this.remote;
    if (!remote) return;
    const packet: RtpPacket = { marker, payloadType, sequenceNumber, timestamp, ssrc: this.ssrc, csrcs: [], extension: null, payload, paddingLength: 0 };
    this.socket.send(serializeRtpPacket(packet), remote.port, remote.address);
  }

  protected releaseTransport(): void {
    this.socket.close();
  }

  private negotiating<T>(step: () => T): T {
    try {
      return step();
    } catch (error) {
      this.close('negotiation-failed');
      throw error;
    }
  }

  private adoptOffer(offered: SdpMedia): string {
    const codec = this.chooseCodec(offered);
    const dtmf = findPayloadType(offered, 'telephone-event', 8000);
    this.setRemote(offered);
    this.setMedia(this.negotiatedMedia(offered, codec));
    const codecs: AudioSdpCodec[] = [{ payloadType: G711_PAYLOAD_TYPE[codec], encoding: codec, clockRate: 8000 }];
    if (dtmf !== null) codecs.push({ payloadType: dtmf, encoding: 'telephone-event', clockRate: 8000, fmtp: '0-16' });
    return this.description(codecs, answerDirection(offered.direction));
  }

  /** The far end's first listed codec that we accept: the offerer's preference wins (RFC 3264). */
  private chooseCodec(media: SdpMedia): G711Codec {
    if (!media.protocol.startsWith('RTP/AVP')) throw new LegError(LegErrorCode.NoCommonCodec, `profile ${media.protocol} is not plain RTP`);
    for (const pt of media.payloadTypes) {
      const map = rtpMapOf(media, pt);
      // Static numbers only: we send G.711 as 0/8, and a peer renumbering it is not worth the code.
      const codec = this.codecs.find((c) => pt === G711_PAYLOAD_TYPE[c] && map?.encoding.toUpperCase() === c && map.clockRate === 8000);
      if (codec) return codec;
    }
    throw new LegError(LegErrorCode.NoCommonCodec, `none of ${this.codecs.join('/')} in payload types ${media.payloadTypes.join(' ')}`);
  }

  private setRemote(media: SdpMedia): void {
    const address = media.address;
    if (address === null) throw new SdpError(SdpErrorCode.Unsupported, 'audio section without a connection address');
    // 0.0.0.0 is RFC 2543 hold: keep the old path, the far end stops listening anyway.
    if (address === '0.0.0.0') return;
    if (isIP(address) !== (this.socket.address().family === 'IPv6' ? 6 : 4)) {
      throw new SdpError(SdpErrorCode.Unsupported, `far end ${address} is not reachable from our ${this.socket.address().family} socket`);
    }
    const current = this.remote;
    if (current && current.address === address && current.port === media.port) return;
    this.remote = { address, port: media.port };
    this.latched = false;
  }

  private negotiatedMedia(media: SdpMedia, codec: G711Codec): NegotiatedMedia {
    return {
      codec,
      dtmfPayloadType: findPayloadType(media, 'telephone-event', 8000),
      held: isHold(media),
      remoteSends: remoteSends(media),
      remoteReceives: remoteReceives(media),
    };
  }

  private description(codecs: readonly AudioSdpCodec[], direction: SdpDirection): string {
    return buildAudioSdp({ sessionId: this.sessionId, sessionVersion: this.sessionVersion++, address: this.advertisedAddress, port: this.localPort, codecs, direction });
  }

  private onDatagram(message: Buffer, from: RemoteInfo): void {
    if (this.state === 'closed' || this.state === 'new') return;
    if (this.latched && (from.address !== this.remote?.address || from.port !== this.remote.port)) return;
    let packet: RtpPacket;
    try {
      packet = parseRtpPacket(message);
    } catch {
      return; // STUN, stray DTLS or garbage on the port: not ours to answer
    }
    // RTCP multiplexed by a peer we did not ask to (RFC 5761 §4): payload types 72–76.
    if (packet.payloadType >= 72 && packet.payloadType <= 76) return;
    if (!this.latched) {
      this.remote = { address: from.address, port: from.port };
      this.latched = true;
    }
    this.markConnected();
    this.receiveRtp(packet, packet.payload);
  }
}

/** Resolves to the bound socket, or null when the port is taken (so the caller tries the next). */
function bindSocket(address: string, port: number): Promise<Socket | null> {
  return new Promise((resolve, reject) => {
    const socket = createSocket(isIP(address) === 6 ? 'udp6' : 'udp4');
    const onError = (error: NodeJS.ErrnoException) => {
      socket.close();
      if (error.code === 'EADDRINUSE' || error.code === 'EACCES') resolve(null);
      else reject(error);
    };
    socket.once('error', onError);
    socket.bind(port, address, () => {
      socket.off('error', onError);
      resolve(socket);
    });
  });
}
