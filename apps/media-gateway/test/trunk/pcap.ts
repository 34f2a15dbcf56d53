import { readFileSync } from 'node:fs';

/**
 * The RTP packets of one of sipp's sample captures (classic libpcap, Ethernet, IPv4, UDP):
 * what sipp sends with play_pcap_audio, as the reference a test compares received audio to.
 */
export interface CapturedRtp {
  payloadType: number;
  payload: Buffer;
}

export function readPcapRtp(path: string): CapturedRtp[] {
  const file = readFileSync(path);
  if (file.readUInt32LE(0) !== 0xa1b2c3d4 || file.readUInt32LE(20) !== 1) throw new Error(`${path}: not a little-endian Ethernet pcap`);
  const packets: CapturedRtp[] = [];
  for (let offset = 24; offset + 16 <= file.length; ) {
    const length = file.readUInt32LE(offset + 8);
    const frame = file.subarray(offset + 16, offset + 16 + length);
    offset += 16 + length;
    const ip = frame.subarray(14);
    if (frame.readUInt16BE(12) !== 0x0800 || ip[9] !== 17) continue; // IPv4 UDP only
    const rtp = ip.subarray((ip[0]! & 0x0f) * 4 + 8);
    const csrcs = rtp[0]! & 0x0f;
    packets.push({ payloadType: rtp[1]! & 0x7f, payload: rtp.subarray(12 + 4 * csrcs) });
  }
  return packets;
}
