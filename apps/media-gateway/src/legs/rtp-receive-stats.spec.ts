import { describe, expect, it } from 'vitest';
import { RtpReceiveStats } from './rtp-receive-stats.js';

const packet = (sequenceNumber: number, timestamp = sequenceNumber * 160, ssrc = 1) => ({ ssrc, sequenceNumber, timestamp });

describe(RtpReceiveStats.name, () => {
  it('reports no loss and zero jitter for a perfectly paced stream across the sequence wrap', () => {
    const sut = new RtpReceiveStats();
    for (let i = 0; i < 100; i++) sut.record(packet((65500 + i) & 0xffff, i * 160), i * 20);
    expect([sut.received, sut.expected, sut.lost, sut.jitterMs]).toEqual([100, 100, 0, 0]);
  });

  it('counts gaps as loss and ignores late duplicates in the count of expected', () => {
    const sut = new RtpReceiveStats();
    for (const seq of [10, 11, 14, 15, 12]) sut.record(packet(seq), seq * 20);
    expect(sut.expected).toBe(6);
    expect(sut.lost).toBe(1);
  });

  it('measures jitter from arrival spread (RFC 3550 A.8)', () => {
    const sut = new RtpReceiveStats();
    // Every other packet 10 ms late: |D| alternates 10 ms, and J converges toward it.
    for (let i = 0; i < 200; i++) sut.record(packet(i), i * 20 + (i % 2) * 10);
    expect(sut.jitterMs).toBeGreaterThan(9);
    expect(sut.jitterMs).toBeLessThanOrEqual(10);
  });

  it('keeps counting across an SSRC change instead of calling the jump loss', () => {
    const sut = new RtpReceiveStats();
    for (let i = 0; i < 10; i++) sut.record(packet(i), i * 20);
    for (let i = 0; i < 10; i++) sut.record(packet(30000 + i, 999 + i * 160, 2), 200 + i * 20);
    expect([sut.expected, sut.lost]).toEqual([20, 0]);
  });
});
