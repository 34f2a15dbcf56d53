/**
 * Sends a leg's audio through a werift RTCRtpSender's transport (SRTP, then the selected ICE
 * pair) without going through `RTCRtpSender.sendRtp`, for werift 0.24.4 (pinned).
 *
 * Why: per packet, `sendRtp` takes an NTP time through a decimal string and a BigInt, copies
 * and sorts the header extensions, feeds a bandwidth estimator made for video and keeps a
 * retransmission cache, in three nested async calls. A G.711 leg needs none of it: no header
 * extension is negotiated for audio, nothing asks for retransmissions, the bitrate is fixed.
 * What the RTCP sender reports need (packet and octet counts, the last RTP timestamp and the
 * wall-clock time it went out) is kept here, and the NTP timestamp is computed only when a
 * report reads it. That also fixes werift's NTP fraction: it takes the decimal digits of the
 * seconds' fraction as a binary fraction (0.5 s became 5/2^32).
 *
 * The payload type and sequence numbers are the caller's: werift's would stamp the first
 * codec's payload type on every packet, a telephone-event too.
 */
import { type RTCRtpSender, RtpHeader } from 'werift';

/** Seconds from the NTP epoch (1900-01-01) to the Unix epoch. */
const NTP_UNIX_OFFSET_SECONDS = 2_208_988_800;

/** A 64-bit NTP timestamp (RFC 3550 §4: seconds since 1900, then a binary fraction of a second). */
export function ntpTimestampOf(unixMs: number): bigint {
  const seconds = Math.floor(unixMs / 1000);
  const fraction = Math.min(0xffffffff, Math.floor(((unixMs - seconds * 1000) / 1000) * 2 ** 32));
  return (BigInt(seconds + NTP_UNIX_OFFSET_SECONDS) << 32n) | BigInt(fraction);
}

/** The fields of werift's RTCRtpSender its RTCP sender report is made of (private in its types). */
interface SenderReportState {
  ntpTimestamp: bigint;
  rtpTimestamp: number;
  packetCount: number;
  octetCount: number;
}

export class DirectRtpSender {
  /** Unix time in ms (sub-millisecond) when the last packet went out; 0 before the first. */
  private lastSentAtMs = 0;
  private readonly report: SenderReportState;
  private readonly header = new RtpHeader();

  constructor(readonly sender: RTCRtpSender) {
    this.report = sender as unknown as SenderReportState;
    // werift's report loop reads `ntpTimestamp` when it sends a report: computed then, from
    // the time of the packet whose RTP timestamp the report carries beside it.
    Object.defineProperty(sender, 'ntpTimestamp', {
      configurable: true,
      enumerable: true,
      get: () => (this.lastSentAtMs === 0 ? 0n : ntpTimestampOf(this.lastSentAtMs)),
      set: () => {},
    });
  }

  /** Encrypts and sends one packet; false (nothing sent) until DTLS is up or once it is down. */
  send(payloadType: number, sequenceNumber: number, timestamp: number, marker: boolean, payload: Buffer): boolean {
    const transport = this.sender.dtlsTransport;
    if (transport.state !== 'connected' || this.sender.stopped) return false;
    // One header, rewritten per packet: werift's is a heavy object (extension lists, a dozen
    // fields), and SRTP only serializes it, keeping nothing.
    const header = this.header;
    header.payloadType = payloadType;
    header.sequenceNumber = sequenceNumber;
    header.timestamp = timestamp;
    header.marker = marker;
    header.ssrc = this.sender.ssrc;
    const packet = transport.srtp.encrypt(payload, header);
    // Rejects only when the ICE transport is torn down under it, which closes the leg anyway.
    transport.iceTransport.connection.send(packet).catch(() => {});
    this.lastSentAtMs = performance.timeOrigin + performance.now();
    const report = this.report;
    report.rtpTimestamp = timestamp;
    report.packetCount = (report.packetCount + 1) >>> 0;
    report.octetCount = (report.octetCount + payload.length) >>> 0;
    // Starts werift's sender-report loop on the first packet.
    if (!this.sender.rtcpRunning) void this.sender.runRtcp();
    return true;
  }
}
