/**
 * G.711 at the leg's edge: PCMU (μ-law, payload type 0) and PCMA (A-law, payload type 8),
 * turning RTP payloads into the gateway's linear frames and back. Both laws are fixed
 * look-up companders, so any payload length decodes; a 20 ms payload is 160 bytes.
 */
import alawmulaw from 'alawmulaw';
import { type PcmFrame } from './frame.js';

export type G711Codec = 'PCMU' | 'PCMA';

/** The static RTP payload types of RFC 3551, table 4. */
export const G711_PAYLOAD_TYPE: Readonly<Record<G711Codec, number>> = { PCMU: 0, PCMA: 8 };

export function encodeG711(codec: G711Codec, frame: PcmFrame): Uint8Array {
  return codec === 'PCMU' ? alawmulaw.mulaw.encode(frame) : alawmulaw.alaw.encode(frame);
}

/**
 * Encodes into `out` when it has the frame's length (a leg's buffer, reused packet after
 * packet: the packet is encrypted or copied before transmit returns), else into a new array.
 * A new typed array per packet is a buffer the worker's young-generation collections sweep.
 */
export function encodeG711Into(codec: G711Codec, frame: PcmFrame, out: Uint8Array): Uint8Array {
  if (out.length !== frame.length) return encodeG711(codec, frame);
  const encodeSample = codec === 'PCMU' ? alawmulaw.mulaw.encodeSample : alawmulaw.alaw.encodeSample;
  for (let i = 0; i < frame.length; i++) out[i] = encodeSample(frame[i]!);
  return out;
}

export function decodeG711(codec: G711Codec, payload: Uint8Array): PcmFrame {
  return codec === 'PCMU' ? alawmulaw.mulaw.decode(payload) : alawmulaw.alaw.decode(payload);
}

export function g711CodecForPayloadType(payloadType: number): G711Codec | null {
  if (payloadType === G711_PAYLOAD_TYPE.PCMU) return 'PCMU';
  if (payloadType === G711_PAYLOAD_TYPE.PCMA) return 'PCMA';
  return null;
}
