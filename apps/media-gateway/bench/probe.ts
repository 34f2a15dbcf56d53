/**
 * Probe packets: the audio the load tool sends is a 20 ms PCMU payload that carries its own
 * identity (call, direction, sequence number, send time). The gateway is a B2BUA: it decodes
 * what it receives, mixes on its own 20 ms tick and sends new RTP packets with its own
 * sequence numbers and timestamps, so RTP headers cannot be correlated across it. The
 * payload can: μ-law decodes and re-encodes to the same bytes (every byte but 0x7f, negative
 * zero, which the probe never uses) and a two-party bridge hands each side exactly the other's
 * samples, so the probe arrives bit for bit.
 *
 * The 16 header bytes are sent as nibbles in 0x90–0x9f; the rest of the payload is μ-law zero.
 */
export const PAYLOAD_BYTES = 160;
const MAGIC = 0xb31c;
const HEADER_BYTES = 16;
const MULAW_ZERO = 0xff;

export type Direction = 'web-to-rtp' | 'rtp-to-web';
export const DIRECTIONS: readonly Direction[] = ['web-to-rtp', 'rtp-to-web'];

export interface Probe {
  call: number;
  direction: Direction;
  /** The sender's own count, from 0. */
  seq: number;
  /** When it was handed to the socket (or to werift), µs of the sending process's clock, mod 2^32. */
  sentMicros: number;
}

export function encodeProbe(probe: Probe): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt16BE(MAGIC, 0);
  header.writeUInt16BE(probe.call & 0xffff, 2);
  header.writeUInt8(probe.direction === 'web-to-rtp' ? 1 : 2, 4);
  header.writeUInt32BE(probe.seq >>> 0, 6);
  header.writeUInt32BE(probe.sentMicros >>> 0, 10);
  header.writeUInt16BE(checksum(header), 14);
  const payload = Buffer.alloc(PAYLOAD_BYTES, MULAW_ZERO);
  for (let i = 0; i < HEADER_BYTES; i++) {
    payload[2 * i] = 0x90 | (header[i]! >> 4);
    payload[2 * i + 1] = 0x90 | (header[i]! & 0x0f);
  }
  return payload;
}

export type Decoded = { kind: 'probe'; probe: Probe } | { kind: 'silence' } | { kind: 'garbled' };

/** A probe, the gateway's silence (no frame of the far end that tick), or anything else. */
export function decodeProbe(payload: Uint8Array): Decoded {
  if (payload.length < 2 * HEADER_BYTES) return { kind: 'garbled' };
  if ((payload[0]! & 0xf0) !== 0x90) return isSilence(payload) ? { kind: 'silence' } : { kind: 'garbled' };
  const header = Buffer.alloc(HEADER_BYTES);
  for (let i = 0; i < HEADER_BYTES; i++) {
    const high = payload[2 * i]!;
    const low = payload[2 * i + 1]!;
    if ((high & 0xf0) !== 0x90 || (low & 0xf0) !== 0x90) return { kind: 'garbled' };
    header[i] = ((high & 0x0f) << 4) | (low & 0x0f);
  }
  if (header.readUInt16BE(0) !== MAGIC || header.readUInt16BE(14) !== checksum(header)) return { kind: 'garbled' };
  const direction = header.readUInt8(4);
  if (direction !== 1 && direction !== 2) return { kind: 'garbled' };
  return {
    kind: 'probe',
    probe: { call: header.readUInt16BE(2), direction: direction === 1 ? 'web-to-rtp' : 'rtp-to-web', seq: header.readUInt32BE(6), sentMicros: header.readUInt32BE(10) },
  };
}

function isSilence(payload: Uint8Array): boolean {
  // μ-law zero is 0xff (0x7f is negative zero); the gateway encodes digital silence as 0xff.
  for (const byte of payload) if (byte !== MULAW_ZERO && byte !== 0x7f) return false;
  return true;
}

function checksum(header: Buffer): number {
  let sum = 0;
  for (let i = 0; i < 14; i++) sum = (sum * 31 + header[i]!) & 0xffff;
  return sum;
}

/** Microseconds of this process's monotonic clock, mod 2^32 (wraps every 71 minutes). */
export function nowMicros(): number {
  return Math.round(performance.now() * 1000) >>> 0;
}

/** `later − earlier` in ms across the 2^32 µs wrap. */
export function elapsedMs(laterMicros: number, earlierMicros: number): number {
  return ((laterMicros - earlierMicros) >>> 0) / 1000;
}
