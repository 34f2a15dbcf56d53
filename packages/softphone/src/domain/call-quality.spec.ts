import { describe, expect, it } from 'vitest';
import { gradeQuality, measureQuality } from './call-quality';

describe('call quality', () => {
  it('grades by the worst of loss, jitter and round trip', () => {
    expect(gradeQuality({ packetLossPercent: 0, jitterMs: 5, roundTripMs: 20 })).toBe('good');
    expect(gradeQuality({ packetLossPercent: 2, jitterMs: 5, roundTripMs: 20 })).toBe('fair');
    expect(gradeQuality({ packetLossPercent: 0, jitterMs: 45, roundTripMs: 20 })).toBe('fair');
    expect(gradeQuality({ packetLossPercent: 0, jitterMs: 5, roundTripMs: 600 })).toBe('poor');
    expect(gradeQuality({ packetLossPercent: 8, jitterMs: null, roundTripMs: null })).toBe('poor');
  });

  it('measures loss over the interval, not since the start of the call', () => {
    const first = { packetsReceived: 1000, packetsLost: 100, jitterSeconds: 0.004, roundTripSeconds: 0.01 };
    const second = { packetsReceived: 1250, packetsLost: 100, jitterSeconds: 0.004, roundTripSeconds: 0.01 };
    expect(measureQuality(first, null).grade).toBe('poor');
    expect(measureQuality(second, first)).toEqual({ grade: 'good', packetLossPercent: 0, jitterMs: 4, roundTripMs: 10, packetsReceived: 1250 });
  });

  it('counts lost packets against what should have arrived', () => {
    const q = measureQuality({ packetsReceived: 97, packetsLost: 3, jitterSeconds: null, roundTripSeconds: null }, null);
    expect(q.packetLossPercent).toBeCloseTo(3);
    expect(q.grade).toBe('fair');
  });

  it('reports no loss when nothing was expected yet', () => {
    expect(measureQuality({ packetsReceived: 0, packetsLost: 0, jitterSeconds: null, roundTripSeconds: null }, null).packetLossPercent).toBe(0);
  });
});
