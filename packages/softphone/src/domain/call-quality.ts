/**
 * Live call quality from WebRTC statistics. The adapter reads getStats() every few seconds;
 * this turns two consecutive readings into loss, jitter and round-trip time and grades them.
 * Thresholds follow the usual VoIP rules of thumb (ITU-T G.114 for delay, ~1 % / ~5 % loss for
 * narrowband voice), so "poor" means the agent will likely notice it.
 */
export type QualityGrade = 'good' | 'fair' | 'poor';

/** What the adapter reads from the inbound-rtp and candidate-pair/remote-inbound reports. */
export interface RtpReading {
  packetsReceived: number;
  packetsLost: number;
  /** Seconds, as WebRTC reports it. */
  jitterSeconds: number | null;
  /** Seconds; from the candidate pair's currentRoundTripTime or remote-inbound-rtp. */
  roundTripSeconds: number | null;
}

export interface CallQuality {
  grade: QualityGrade;
  /** Percent of packets lost since the previous reading. */
  packetLossPercent: number;
  jitterMs: number | null;
  roundTripMs: number | null;
  packetsReceived: number;
}

const LIMITS = {
  fair: { lossPercent: 1, jitterMs: 30, roundTripMs: 300 },
  poor: { lossPercent: 5, jitterMs: 60, roundTripMs: 500 },
} as const;

export function gradeQuality(figures: { packetLossPercent: number; jitterMs: number | null; roundTripMs: number | null }): QualityGrade {
  const over = (limit: (typeof LIMITS)['fair' | 'poor']) =>
    figures.packetLossPercent >= limit.lossPercent ||
    (figures.jitterMs !== null && figures.jitterMs >= limit.jitterMs) ||
    (figures.roundTripMs !== null && figures.roundTripMs >= limit.roundTripMs);
  if (over(LIMITS.poor)) return 'poor';
  if (over(LIMITS.fair)) return 'fair';
  return 'good';
}

/**
 * Quality over the interval between two readings (loss is cumulative in getStats, so a
 * single reading would weigh a bad first minute forever). Without a previous reading the
 * totals since the start are used.
 */
export function measureQuality(current: RtpReading, previous: RtpReading | null): CallQuality {
  const received = current.packetsReceived - (previous?.packetsReceived ?? 0);
  const lost = Math.max(0, current.packetsLost - (previous?.packetsLost ?? 0));
  const expected = Math.max(0, received) + lost;
  const packetLossPercent = expected > 0 ? (lost / expected) * 100 : 0;
  const jitterMs = current.jitterSeconds === null ? null : current.jitterSeconds * 1000;
  const roundTripMs = current.roundTripSeconds === null ? null : current.roundTripSeconds * 1000;
  const figures = { packetLossPercent, jitterMs, roundTripMs };
  return { ...figures, grade: gradeQuality(figures), packetsReceived: current.packetsReceived };
}
