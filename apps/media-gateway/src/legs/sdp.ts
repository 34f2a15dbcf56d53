/**
 * The little SDP (RFC 4566/8866) the legs need: read the session and media lines of an
 * offer or answer strictly, and write the plain RTP/AVP audio description of a trunk leg.
 * Input comes from the network, so everything is validated and anything malformed becomes
 * an `SdpError`; unknown attributes are kept out of the model rather than rejected, as the
 * RFC asks. WebRTC descriptions (ICE, DTLS, many attributes) parse too: werift reads the
 * rest of them itself.
 */
import { isIP } from 'node:net';

export const SdpErrorCode = {
  /** Not SDP: bad line syntax, a missing mandatory line, a field out of range. */
  Malformed: 'sdp/malformed',
  /** Valid SDP without what the leg needs (no audio section, no address). */
  Unsupported: 'sdp/unsupported',
} as const;
export type SdpErrorCode = (typeof SdpErrorCode)[keyof typeof SdpErrorCode];

export class SdpError extends Error {
  constructor(
    readonly code: SdpErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SdpError';
  }
}

/** Far larger than any audio offer; a bound keeps a hostile body from costing CPU. */
export const MAX_SDP_LENGTH = 64 * 1024;

export type SdpDirection = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';
const DIRECTIONS: readonly string[] = ['sendrecv', 'sendonly', 'recvonly', 'inactive'];

export interface RtpMap {
  encoding: string;
  clockRate: number;
  channels: number;
}

export interface SdpMedia {
  kind: string;
  port: number;
  protocol: string;
  /** Payload types for RTP profiles; other profiles keep no formats here. */
  payloadTypes: number[];
  /** The c= address in force for this section (its own, else the session's). */
  address: string | null;
  rtpmaps: Map<number, RtpMap>;
  /** Its own direction attribute, else the session's, else sendrecv. */
  direction: SdpDirection;
}

export interface SdpSession {
  origin: { username: string; sessionId: string; sessionVersion: string; address: string };
  address: string | null;
  media: SdpMedia[];
}

/** RFC 3551 table 4: static audio payload types a peer may use without an rtpmap. */
const STATIC_PAYLOAD_TYPES: ReadonlyMap<number, RtpMap> = new Map([
  [0, { encoding: 'PCMU', clockRate: 8000, channels: 1 }],
  [8, { encoding: 'PCMA', clockRate: 8000, channels: 1 }],
  [13, { encoding: 'CN', clockRate: 8000, channels: 1 }],
]);

function fail(line: number, what: string): never {
  throw new SdpError(SdpErrorCode.Malformed, `SDP line ${line}: ${what}`);
}

function parseInteger(text: string | undefined, min: number, max: number, line: number, what: string): number {
  if (text === undefined || !/^\d{1,10}$/.test(text)) return fail(line, `${what} "${text ?? ''}" is not a number`);
  const value = Number(text);
  if (value < min || value > max) fail(line, `${what} ${value} out of range ${min}–${max}`);
  return value;
}

function parseConnection(value: string, line: number): string {
  const [net, type, address, ...rest] = value.split(' ');
  if (net !== 'IN' || rest.length > 0 || address === undefined) return fail(line, `bad connection "${value}"`);
  // A multicast TTL suffix (addr/ttl) is not for us; an address must be bare.
  if (type === 'IP4' && isIP(address) === 4) return address;
  if (type === 'IP6' && isIP(address) === 6) return address;
  return fail(line, `bad connection address "${value}"`);
}

export function parseSdp(text: string): SdpSession {
  if (text.length > MAX_SDP_LENGTH) throw new SdpError(SdpErrorCode.Malformed, `SDP of ${text.length} bytes`);
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  if (lines[0] !== 'v=0') fail(1, 'must be v=0');

  let origin: SdpSession['origin'] | null = null;
  let sessionName = false;
  let sessionAddress: string | null = null;
  let sessionDirection: SdpDirection | null = null;
  const media: (SdpMedia & { ownAddress: string | null; ownDirection: SdpDirection | null })[] = [];

  for (let i = 1; i < lines.length; i++) {
    const n = i + 1;
    const match = /^([a-z])=(.*)$/.exec(lines[i]!) ?? fail(n, `not "<type>=<value>": "${lines[i]!.slice(0, 40)}"`);
    const type = match[1]!;
    const value = match[2]!;
    const current = media[media.length - 1];
    switch (type) {
      case 'v':
        fail(n, 'a second v= line');
        break;
      case 'o': {
        const f = value.split(' ');
        if (origin || media.length > 0 || f.length !== 6) fail(n, `bad origin "${value}"`);
        origin = { username: f[0]!, sessionId: f[1]!, sessionVersion: f[2]!, address: f[5]! };
        break;
      }
      case 's':
        sessionName = true;
        break;
      case 'c':
        if (current) current.ownAddress = parseConnection(value, n);
        else sessionAddress = parseConnection(value, n);
        break;
      case 'm': {
        const [kind, portText, protocol, ...formats] = value.split(' ');
        if (!kind || !protocol || formats.length === 0) fail(n, `bad media "${value}"`);
        const port = parseInteger(portText?.split('/')[0], 0, 65535, n, 'port');
        const isRtp = protocol.split('/').includes('RTP');
        const payloadTypes = isRtp ? formats.map((f) => parseInteger(f, 0, 127, n, 'payload type')) : [];
        media.push({ kind, port, protocol, payloadTypes, address: null, rtpmaps: new Map(), direction: 'sendrecv', ownAddress: null, ownDirection: null });
        break;
      }
      case 'a': {
        if (DIRECTIONS.includes(value)) {
          if (current) current.ownDirection = value as SdpDirection;
          else sessionDirection = value as SdpDirection;
        } else if (value.startsWith('rtpmap:') && current) {
          const m = /^rtpmap:(\d{1,3}) ([A-Za-z0-9_.+-]+)\/(\d{1,6})(?:\/(\d{1,2}))?$/.exec(value) ?? fail(n, `bad rtpmap "${value}"`);
          const pt = parseInteger(m[1], 0, 127, n, 'payload type');
          const clockRate = parseInteger(m[3], 1, 999_999, n, 'clock rate');
          current.rtpmaps.set(pt, { encoding: m[2]!, clockRate, channels: m[4] ? Number(m[4]) : 1 });
        }
        break;
      }
      default:
        break; // b=, t=, i=, k= … carry nothing the legs use
    }
  }
  if (!origin) throw new SdpError(SdpErrorCode.Malformed, 'SDP without o= line');
  if (!sessionName) throw new SdpError(SdpErrorCode.Malformed, 'SDP without s= line');
  return {
    origin,
    address: sessionAddress,
    media: media.map(({ ownAddress, ownDirection, ...m }) => ({
      ...m,
      address: ownAddress ?? sessionAddress,
      direction: ownDirection ?? sessionDirection ?? 'sendrecv',
    })),
  };
}

/** The first audio section that is not rejected (port 0); legs carry one audio stream. */
export function firstAudio(session: SdpSession): SdpMedia {
  const audio = session.media.find((m) => m.kind === 'audio' && m.port !== 0);
  if (!audio) throw new SdpError(SdpErrorCode.Unsupported, 'no active audio section');
  return audio;
}

export function rtpMapOf(media: SdpMedia, payloadType: number): RtpMap | undefined {
  return media.rtpmaps.get(payloadType) ?? STATIC_PAYLOAD_TYPES.get(payloadType);
}

/** The payload type of the first offered codec named `encoding` at `clockRate`, or null. */
export function findPayloadType(media: SdpMedia, encoding: string, clockRate = 8000): number | null {
  for (const pt of media.payloadTypes) {
    const map = rtpMapOf(media, pt);
    if (map && map.encoding.toLowerCase() === encoding.toLowerCase() && map.clockRate === clockRate) return pt;
  }
  return null;
}

export interface DirectionOptions {
  /**
   * ICE decides the address of a WebRTC stream, and its c= line is only a placeholder: Chromium
   * writes 0.0.0.0 there until candidates are gathered (as trickle ICE, RFC 8840, does). Only without ICE
   * does 0.0.0.0 mean the RFC 2543 hold.
   */
  ice?: boolean;
}

const zeroAddressHold = (media: SdpMedia, options: DirectionOptions) => !options.ice && media.address === '0.0.0.0';

/** Whether the far end has put us on hold: RFC 3264 sendonly or inactive, or RFC 2543 c=0.0.0.0. */
export function isHold(media: SdpMedia, options: DirectionOptions = {}): boolean {
  return media.direction === 'sendonly' || media.direction === 'inactive' || zeroAddressHold(media, options);
}

/** Whether the far end says it will send us RTP (so silence from it means a dead path). */
export function remoteSends(media: SdpMedia): boolean {
  return media.direction === 'sendrecv' || media.direction === 'sendonly';
}

/** Whether the far end wants our RTP. */
export function remoteReceives(media: SdpMedia, options: DirectionOptions = {}): boolean {
  return (media.direction === 'sendrecv' || media.direction === 'recvonly') && !zeroAddressHold(media, options);
}

/** The answerer's direction for an offered one (RFC 3264 §6.1), for an answerer willing to do both. */
export function answerDirection(offered: SdpDirection): SdpDirection {
  return offered === 'sendonly' ? 'recvonly' : offered === 'recvonly' ? 'sendonly' : offered;
}

export interface AudioSdpCodec {
  payloadType: number;
  encoding: string;
  clockRate: number;
  /** a=fmtp value, e.g. "0-16" for telephone-event. */
  fmtp?: string;
}

export interface AudioSdpOptions {
  sessionId: string;
  sessionVersion: number;
  address: string;
  port: number;
  codecs: readonly AudioSdpCodec[];
  direction: SdpDirection;
}

/** A one-section RTP/AVP audio description, 20 ms packets, CRLF line ends as SIP requires. */
export function buildAudioSdp(o: AudioSdpOptions): string {
  const ip = isIP(o.address) === 6 ? 'IP6' : 'IP4';
  const lines = [
    'v=0',
    `o=- ${o.sessionId} ${o.sessionVersion} IN ${ip} ${o.address}`,
    's=-',
    `c=IN ${ip} ${o.address}`,
    't=0 0',
    `m=audio ${o.port} RTP/AVP ${o.codecs.map((c) => c.payloadType).join(' ')}`,
  ];
  for (const c of o.codecs) {
    lines.push(`a=rtpmap:${c.payloadType} ${c.encoding}/${c.clockRate}`);
    if (c.fmtp) lines.push(`a=fmtp:${c.payloadType} ${c.fmtp}`);
  }
  lines.push('a=ptime:20', `a=${o.direction}`);
  return lines.join('\r\n') + '\r\n';
}
