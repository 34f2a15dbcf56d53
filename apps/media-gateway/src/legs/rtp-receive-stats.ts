/**
 * Receive-side RTP statistics of one leg, as RFC 3550 defines them: loss from the extended
 * highest sequence number (A.3) and interarrival jitter (A.8). Pure: the caller passes the
 * arrival time, so tests need no clock and both leg kinds share one implementation.
 */
import { sequenceDistance } from '../media/rtp-packet.js';

export interface ReceivedPacketInfo {
  ssrc: number;
  sequenceNumber: number;
  timestamp: number;
}

export class RtpReceiveStats {
  received = 0;
  private ssrc: number | null = null;
  private baseSeq = 0;
  private maxSeq = 0;
  private cycles = 0;
  /** Expected packets of earlier SSRCs (a re-INVITE or ICE restart may change the source). */
  private expectedBefore = 0;
  private jitter = 0;
  private jitterSamples = 0;
  private lastTransit: number | null = null;

  constructor(private readonly clockRate = 8000) {}

  /**
   * `countsForJitter` false keeps a packet out of the jitter: telephone-event packets repeat
   * one timestamp for a whole press. (An argument, not a field: no object per packet.)
   */
  record(packet: ReceivedPacketInfo, arrivalMs: number, countsForJitter = true): void {
    this.received++;
    const seq = packet.sequenceNumber;
    if (this.ssrc !== packet.ssrc) {
      if (this.ssrc !== null) this.expectedBefore += this.expectedOfCurrentSource();
      this.ssrc = packet.ssrc;
      this.baseSeq = seq;
      this.maxSeq = seq;
      this.cycles = 0;
      this.lastTransit = null;
    } else if (sequenceDistance(seq, this.maxSeq) > 0) {
      if (seq < this.maxSeq) this.cycles += 0x10000;
      this.maxSeq = seq;
    }
    if (!countsForJitter) return;
    // Transit in timestamp units; its absolute value is meaningless, only differences count.
    const transit = (arrivalMs * this.clockRate) / 1000 - packet.timestamp;
    if (this.lastTransit !== null) {
      let d = Math.abs(transit - this.lastTransit);
      // A timestamp wrap shows up as a jump of 2^32; fold it back.
      if (d > 2 ** 31) d = Math.abs(d - 2 ** 32);
      this.jitter += (d - this.jitter) / 16;
      this.jitterSamples++;
    }
    this.lastTransit = transit;
  }

  get expected(): number {
    return this.expectedBefore + (this.ssrc === null ? 0 : this.expectedOfCurrentSource());
  }

  /** Duplicates can make received exceed expected: loss is then reported as 0, as RFC 3550 allows. */
  get lost(): number {
    return Math.max(0, this.expected - this.received);
  }

  /** The current source (null before the first packet). */
  get sourceSsrc(): number | null {
    return this.ssrc;
  }

  /** RFC 3550's extended highest sequence number received: cycles × 2^16 + the highest. */
  get extendedHighestSequence(): number {
    return this.cycles + this.maxSeq;
  }

  /** The interarrival jitter in timestamp units, as a receiver report carries it. */
  get jitterTimestampUnits(): number {
    return Math.floor(this.jitter);
  }

  get jitterMs(): number | null {
    return this.jitterSamples === 0 ? null : (this.jitter * 1000) / this.clockRate;
  }

  private expectedOfCurrentSource(): number {
    return this.cycles + this.maxSeq - this.baseSeq + 1;
  }
}
