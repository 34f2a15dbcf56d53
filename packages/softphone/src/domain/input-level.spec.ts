import { describe, expect, it } from 'vitest';
import { meterLevel, rms, smoothLevel } from './input-level';

describe('microphone level meter', () => {
  it('reads silence and the floor as 0 and full scale as 1', () => {
    expect(meterLevel(0)).toBe(0);
    expect(meterLevel(10 ** (-70 / 20))).toBe(0);
    expect(meterLevel(1)).toBe(1);
    expect(meterLevel(2)).toBe(1);
  });

  it('is linear in decibels: -30 dBFS is the middle of the meter', () => {
    expect(meterLevel(10 ** (-30 / 20))).toBeCloseTo(0.5, 5);
    expect(meterLevel(10 ** (-15 / 20))).toBeCloseTo(0.75, 5);
  });

  it('measures the RMS of a block: a full-scale sine is 1/√2', () => {
    const sine = Array.from({ length: 800 }, (_, i) => Math.sin((2 * Math.PI * 440 * i) / 8000));
    expect(rms(sine)).toBeCloseTo(Math.SQRT1_2, 2);
    expect(rms([])).toBe(0);
  });

  it('rises at once and falls back slowly', () => {
    expect(smoothLevel(0.2, 0.8)).toBe(0.8);
    expect(smoothLevel(0.8, 0)).toBeCloseTo(0.64, 5);
  });
});
