/**
 * The report block of an RTCP receiver report (RFC 3550 §6.4.2) about one received source,
 * from a leg's RtpReceiveStats: what WebRTC legs send their browser, whose
 * `remote-inbound-rtp` statistics (loss, jitter, round-trip time) come from it. Pure: the
 * caller keeps the counts of the previous report and passes the time.
 */
import { type RtpReceiveStats } from './rtp-receive-stats.js';

export interface ReportBlock {
  ssrc: number;
  /** Lost in the interval since the last report, per 256 expected (8 bits). */
  fractionLost: number;
  /** Cumulative loss, clamped to the field's 24 signed bits. */
  packetsLost: number;
  highestSequence: number;
  /** Interarrival jitter, timestamp units. */
  jitter: number;
  /** Middle 32 bits of the last sender report's NTP time (0: none yet). */
  lsr: number;
  /** Since that report arrived, in 1/65536 s (0: none yet). */
  dlsr: number;
}

/** The counts a report was made from: the next report's interval starts there. */
export interface ReportedCounts {
  expected: number;
  received: number;
}

/** The last sender report received from the source: its compact NTP time and when it came (s). */
export interface LastSenderReport {
  lsr: number;
  receivedAtSeconds: number;
}

const MAX_PACKETS_LOST = 0x7fffff;

export function reportBlock(
  stats: Pick<RtpReceiveStats, 'sourceSsrc' | 'expected' | 'received' | 'lost' | 'extendedHighestSequence' | 'jitterTimestampUnits'>,
  prior: ReportedCounts,
  lastSenderReport: LastSenderReport | null,
  nowSeconds: number,
): { block: ReportBlock; counts: ReportedCounts } | null {
  if (stats.sourceSsrc === null) return null;
  const counts = { expected: stats.expected, received: stats.received };
  const expectedInterval = counts.expected - prior.expected;
  const lostInterval = expectedInterval - (counts.received - prior.received);
  const fractionLost = expectedInterval <= 0 || lostInterval <= 0 ? 0 : Math.min(255, Math.floor((lostInterval * 256) / expectedInterval));
  const delay = lastSenderReport ? nowSeconds - lastSenderReport.receivedAtSeconds : 0;
  return {
    block: {
      ssrc: stats.sourceSsrc,
      fractionLost,
      packetsLost: Math.min(MAX_PACKETS_LOST, stats.lost),
      highestSequence: stats.extendedHighestSequence >>> 0,
      jitter: stats.jitterTimestampUnits >>> 0,
      lsr: lastSenderReport ? lastSenderReport.lsr >>> 0 : 0,
      dlsr: lastSenderReport && delay > 0 && delay < 65536 ? Math.floor(delay * 65536) : 0,
    },
    counts,
  };
}
