/**
 * The packet checks around SRTP/SRTCP decryption, as werift 0.24.4 makes them
 * (`rtp/src/srtp/packet.ts`, not exported): a packet too short or malformed to hold what its
 * profile needs is an authentication failure, so the transport drops it quietly.
 */
import { RtcpHeader, RtpHeader, SrtpAuthenticationError } from 'werift';

export const SRTP_FAILURE = 'Failed to authenticate SRTP packet';
export const SRTCP_FAILURE = 'Failed to authenticate SRTCP packet';
const MIN_RTP_HEADER = 12;
const MIN_RTCP_PACKET = 8;
const RTCP_HEADER = 4;

export function parseSrtpRtpHeader(packet: Buffer, tagLength: number): RtpHeader {
  const tagAt = packet.length - tagLength;
  check(packet.length >= MIN_RTP_HEADER + tagLength, SRTP_FAILURE);
  let header: RtpHeader;
  try {
    header = RtpHeader.deSerialize(packet.subarray(0, tagAt));
  } catch {
    throw new SrtpAuthenticationError(SRTP_FAILURE);
  }
  header.paddingSize = 0;
  check(header.payloadOffset >= MIN_RTP_HEADER && header.payloadOffset <= tagAt, SRTP_FAILURE);
  return header;
}

export function parseSrtcpHeader(packet: Buffer, tagLength: number, indexLength: number): RtcpHeader {
  check(packet.length >= MIN_RTCP_PACKET + tagLength + indexLength, SRTCP_FAILURE);
  try {
    return RtcpHeader.deSerialize(packet.subarray(0, RTCP_HEADER));
  } catch {
    throw new SrtpAuthenticationError(SRTCP_FAILURE);
  }
}

/** Once decrypted, the padding count (last byte) must fit the payload. */
export function finalizeSrtpRtpHeader(header: RtpHeader, packet: Buffer): RtpHeader {
  if (!header.padding) {
    header.paddingSize = 0;
    return header;
  }
  check(packet.length > header.payloadOffset, SRTP_FAILURE);
  const paddingSize = packet[packet.length - 1]!;
  check(paddingSize > 0 && paddingSize <= packet.length - header.payloadOffset, SRTP_FAILURE);
  header.paddingSize = paddingSize;
  return header;
}

/** Throws unless bytes [offset, offset + length) of `packet` equal `tag`'s first `length`; time independent of where they differ. */
export function checkTag(packet: Uint8Array, offset: number, tag: Uint8Array, length: number, message: string): void {
  let difference = 0;
  for (let i = 0; i < length; i++) difference |= packet[offset + i]! ^ tag[i]!;
  if (difference !== 0) throw new SrtpAuthenticationError(message);
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new SrtpAuthenticationError(message);
}
