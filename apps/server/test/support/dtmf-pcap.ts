/**
 * Key presses for sipp's `play_pcap_audio`, written as pcap files: RFC 4733 telephone-event
 * packets (payload type 101) over UDP/IPv4/Ethernet, 20 ms apart, growing durations, then
 * three end packets. sipp's own sample captures all carry the same SSRC and one fixed RTP
 * timestamp per digit, so a receiver (rightly) takes a repeated digit for a retransmission
 * of the first; these carry a timestamp of their own per press, so a caller can press the
 * same key again.
 */
const EVENT_CODES = '0123456789*#ABCD';
const PAYLOAD_TYPE = 101;
const SSRC = 0x5eed0101;
const PACKET_MS = 20;

export interface KeyPress {
  digit: string;
  /** The press's place in the call: its RTP timestamp and sequence numbers grow with it. */
  index: number;
  durationMs?: number;
}

export function dtmfPcap({ digit, index, durationMs = 120 }: KeyPress): Buffer {
  const event = EVENT_CODES.indexOf(digit);
  if (event < 0) throw new Error(`no telephone event for ${digit}`);
  const timestamp = 160_000 + index * 16_000; // 2 s of RTP time between presses
  const steps = Math.max(1, Math.round(durationMs / PACKET_MS));
  const packets: { end: boolean; duration: number }[] = [];
  for (let i = 1; i <= steps; i++) packets.push({ end: false, duration: i * 160 });
  for (let i = 0; i < 3; i++) packets.push({ end: true, duration: steps * 160 });
  const records = packets.map((packet, i) => {
    const rtp = Buffer.alloc(16);
    rtp[0] = 0x80;
    rtp[1] = (i === 0 ? 0x80 : 0) | PAYLOAD_TYPE;
    rtp.writeUInt16BE((index * 100 + i) & 0xffff, 2);
    rtp.writeUInt32BE(timestamp >>> 0, 4);
    rtp.writeUInt32BE(SSRC, 8);
    rtp[12] = event;
    rtp[13] = (packet.end ? 0x80 : 0) | 10; // end bit, volume -10 dBm0
    rtp.writeUInt16BE(packet.duration, 14);
    const frame = ethernetIpUdp(rtp);
    const header = Buffer.alloc(16);
    const atUs = i * PACKET_MS * 1000;
    header.writeUInt32LE(Math.floor(atUs / 1e6), 0);
    header.writeUInt32LE(atUs % 1e6, 4);
    header.writeUInt32LE(frame.length, 8);
    header.writeUInt32LE(frame.length, 12);
    return Buffer.concat([header, frame]);
  });
  const global = Buffer.alloc(24);
  global.writeUInt32LE(0xa1b2c3d4, 0);
  global.writeUInt16LE(2, 4);
  global.writeUInt16LE(4, 6);
  global.writeUInt32LE(65535, 16);
  global.writeUInt32LE(1, 20); // LINKTYPE_ETHERNET
  return Buffer.concat([global, ...records]);
}

function ethernetIpUdp(payload: Buffer): Buffer {
  const ethernet = Buffer.alloc(14);
  ethernet.writeUInt16BE(0x0800, 12);
  const udp = Buffer.alloc(8);
  udp.writeUInt16BE(6000, 0);
  udp.writeUInt16BE(6001, 2);
  udp.writeUInt16BE(8 + payload.length, 4);
  const ip = Buffer.alloc(20);
  ip[0] = 0x45;
  ip.writeUInt16BE(20 + 8 + payload.length, 2);
  ip[8] = 64;
  ip[9] = 17;
  Buffer.from([127, 0, 0, 1]).copy(ip, 12);
  Buffer.from([127, 0, 0, 1]).copy(ip, 16);
  let sum = 0;
  for (let i = 0; i < 20; i += 2) sum += ip.readUInt16BE(i);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  ip.writeUInt16BE(~sum & 0xffff, 10);
  return Buffer.concat([ethernet, ip, udp, payload]);
}
