/**
 * RTP packets (RFC 3550 §5.1) as plain values: the fixed header, CSRCs, one header
 * extension and padding. Input comes off the network, so every read is bounds-checked first
 * and anything malformed becomes an `RtpPacketError`; no input may make this throw anything else.
 */

/** Expected failures, each a namespaced code. */
export const RtpErrorCode = {
  /** Fewer bytes than the header, its CSRC list or its extension claim. */
  Truncated: 'rtp/truncated',
  /** Version field is not 2 (RTP v1, STUN, DTLS or garbage on the port). */
  BadVersion: 'rtp/bad-version',
  /** Padding count is zero or reaches into the header. */
  BadPadding: 'rtp/bad-padding',
  /** A field handed to the serializer is out of its range. */
  InvalidField: 'rtp/invalid-field',
} as const;
export type RtpErrorCode = (typeof RtpErrorCode)[keyof typeof RtpErrorCode];

export class RtpPacketError extends Error {
  constructor(
    readonly code: RtpErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'RtpPacketError';
  }
}

export interface RtpHeaderExtension {
  /** "defined by profile": 0xBEDE for RFC 8285 one-byte headers, 0x100x for two-byte ones. */
  profile: number;
  /** Its body, a whole number of 32-bit words. */
  data: Uint8Array;
}

export interface RtpPacket {
  marker: boolean;
  payloadType: number;
  sequenceNumber: number;
  timestamp: number;
  ssrc: number;
  csrcs: number[];
  extension: RtpHeaderExtension | null;
  payload: Uint8Array;
  /** Bytes of padding including the count byte itself; 0 for none. Padding content is not kept. */
  paddingLength: number;
}

const FIXED_HEADER = 12;

export function parseRtpPacket(bytes: Uint8Array): RtpPacket {
  if (bytes.length < FIXED_HEADER) throw new RtpPacketError(RtpErrorCode.Truncated, `packet of ${bytes.length} bytes`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const first = bytes[0]!;
  if (first >> 6 !== 2) throw new RtpPacketError(RtpErrorCode.BadVersion, `version ${first >> 6}`);
  const hasPadding = (first & 0x20) !== 0;
  const hasExtension = (first & 0x10) !== 0;
  const csrcCount = first & 0x0f;

  let offset = FIXED_HEADER;
  if (bytes.length < offset + 4 * csrcCount) throw new RtpPacketError(RtpErrorCode.Truncated, `${csrcCount} CSRCs do not fit`);
  const csrcs: number[] = [];
  for (let i = 0; i < csrcCount; i++, offset += 4) csrcs.push(view.getUint32(offset));

  let extension: RtpHeaderExtension | null = null;
  if (hasExtension) {
    if (bytes.length < offset + 4) throw new RtpPacketError(RtpErrorCode.Truncated, 'extension header does not fit');
    const profile = view.getUint16(offset);
    const length = 4 * view.getUint16(offset + 2);
    offset += 4;
    if (bytes.length < offset + length) throw new RtpPacketError(RtpErrorCode.Truncated, `extension of ${length} bytes does not fit`);
    extension = { profile, data: bytes.slice(offset, offset + length) };
    offset += length;
  }

  let end = bytes.length;
  let paddingLength = 0;
  if (hasPadding) {
    paddingLength = bytes[bytes.length - 1]!;
    if (paddingLength === 0 || offset + paddingLength > bytes.length) {
      throw new RtpPacketError(RtpErrorCode.BadPadding, `padding of ${paddingLength} bytes`);
    }
    end -= paddingLength;
  }

  return {
    marker: (bytes[1]! & 0x80) !== 0,
    payloadType: bytes[1]! & 0x7f,
    sequenceNumber: view.getUint16(2),
    timestamp: view.getUint32(4),
    ssrc: view.getUint32(8),
    csrcs,
    extension,
    payload: bytes.slice(offset, end),
    paddingLength,
  };
}

function check(ok: boolean, what: string): void {
  if (!ok) throw new RtpPacketError(RtpErrorCode.InvalidField, what);
}

const isUint = (value: number, bits: number) => Number.isInteger(value) && value >= 0 && value < 2 ** bits;

export function serializeRtpPacket(packet: RtpPacket): Uint8Array {
  const { csrcs, extension, payload, paddingLength } = packet;
  check(isUint(packet.payloadType, 7), `payload type ${packet.payloadType}`);
  check(isUint(packet.sequenceNumber, 16), `sequence number ${packet.sequenceNumber}`);
  check(isUint(packet.timestamp, 32), `timestamp ${packet.timestamp}`);
  check(isUint(packet.ssrc, 32), `SSRC ${packet.ssrc}`);
  check(csrcs.length <= 15 && csrcs.every((c) => isUint(c, 32)), 'CSRC list');
  check(isUint(paddingLength, 8), `padding of ${paddingLength} bytes`);
  if (extension) {
    check(isUint(extension.profile, 16), `extension profile ${extension.profile}`);
    check(extension.data.length % 4 === 0 && extension.data.length / 4 < 65536, 'extension length');
  }

  const extensionBytes = extension ? 4 + extension.data.length : 0;
  const bytes = new Uint8Array(FIXED_HEADER + 4 * csrcs.length + extensionBytes + payload.length + paddingLength);
  const view = new DataView(bytes.buffer);
  bytes[0] = 0x80 | (paddingLength > 0 ? 0x20 : 0) | (extension ? 0x10 : 0) | csrcs.length;
  bytes[1] = (packet.marker ? 0x80 : 0) | packet.payloadType;
  view.setUint16(2, packet.sequenceNumber);
  view.setUint32(4, packet.timestamp);
  view.setUint32(8, packet.ssrc);
  let offset = FIXED_HEADER;
  for (const csrc of csrcs) {
    view.setUint32(offset, csrc);
    offset += 4;
  }
  if (extension) {
    view.setUint16(offset, extension.profile);
    view.setUint16(offset + 2, extension.data.length / 4);
    bytes.set(extension.data, offset + 4);
    offset += extensionBytes;
  }
  bytes.set(payload, offset);
  if (paddingLength > 0) bytes[bytes.length - 1] = paddingLength;
  return bytes;
}

/** Sequence numbers compared across the 16-bit wrap (RFC 1982 serial arithmetic): a − b in [-32768, 32767]. */
export function sequenceDistance(a: number, b: number): number {
  return ((((a - b) & 0xffff) + 0x8000) & 0xffff) - 0x8000;
}
