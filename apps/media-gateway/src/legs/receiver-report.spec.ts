import { describe, expect, it } from 'vitest';
import { reportBlock } from './receiver-report.js';
import { RtpReceiveStats } from './rtp-receive-stats.js';

/** Packets `from` … `to` of one source, 20 ms apart, skipping `missing`. */
function receive(stats: RtpReceiveStats, from: number, to: number, missing: number[] = []): void {
  for (let seq = from; seq <= to; seq++) {
    if (missing.includes(seq)) continue;
    stats.record({ ssrc: 0xabc, sequenceNumber: seq & 0xffff, timestamp: seq * 160 }, seq * 20);
  }
}

describe('reportBlock', () => {
  it('has nothing to say before the first packet', () => {
    expect(reportBlock(new RtpReceiveStats(), { expected: 0, received: 0 }, null, 0)).toBeNull();
  });

  it('reports the interval\'s loss as a fraction of 256, the cumulative loss and the extended highest sequence across a wrap', () => {
    const stats = new RtpReceiveStats();
    receive(stats, 65_500, 65_599); // wraps at 65,536
    const first = reportBlock(stats, { expected: 0, received: 0 }, null, 10)!;
    expect(first.block).toMatchObject({ ssrc: 0xabc, fractionLost: 0, packetsLost: 0, highestSequence: 65_599, lsr: 0, dlsr: 0 });
    receive(stats, 65_600, 65_699, [65_610, 65_620, 65_630, 65_640]);
    const second = reportBlock(stats, first.counts, null, 11)!;
    // 4 of 100 lost in the interval: floor(4 × 256 / 100).
    expect(second.block).toMatchObject({ fractionLost: 10, packetsLost: 4, highestSequence: 65_699 });
    receive(stats, 65_700, 65_799);
    expect(reportBlock(stats, second.counts, null, 12)!.block).toMatchObject({ fractionLost: 0, packetsLost: 4 });
  });

  it('reports no jitter for a steady stream and the delay since the last sender report in 1/65536 s', () => {
    const stats = new RtpReceiveStats();
    receive(stats, 0, 99);
    const { block } = reportBlock(stats, { expected: 0, received: 0 }, { lsr: 0x1234_5678, receivedAtSeconds: 100 }, 101.5)!;
    expect(block).toMatchObject({ jitter: 0, lsr: 0x1234_5678, dlsr: 1.5 * 65536 });
  });
});
