import { describe, expect, it } from 'vitest';
import { SAMPLE_RATE, SAMPLES_PER_FRAME } from './frame.js';
import { dbfsToAmplitude, DTMF_KEYPAD, dtmfFrames, dtmfFrequencies, dtmfTone, isDtmfDigit, ToneGenerator } from './tone.js';
import { concatFrames, dominantFrequency, goertzelPower, levelDbfs, meanPower, toneEnergyRatio } from './tone-detector.js';

describe(ToneGenerator.name, () => {
  it('is phase-continuous: frames concatenate to one unbroken sine', () => {
    const sut = new ToneGenerator([440], -6);
    const samples = concatFrames(sut.frames(50));
    const amplitude = dbfsToAmplitude(-6);
    for (let n = 0; n < samples.length; n++) {
      expect(Math.abs(samples[n]! - amplitude * Math.sin((2 * Math.PI * 440 * n) / SAMPLE_RATE))).toBeLessThanOrEqual(1);
    }
  });

  it('has no step at frame edges larger than inside a frame', () => {
    const sut = new ToneGenerator([1000], 0);
    const [a, b] = [sut.next(), sut.next()];
    const maxInside = Math.max(...a.slice(1).map((s, i) => Math.abs(s - a[i]!)));
    expect(Math.abs(b[0]! - a[SAMPLES_PER_FRAME - 1]!)).toBeLessThanOrEqual(maxInside);
  });

  it('plays at the requested level: -6 dBFS peaks at half scale and reads -6 dBFS', () => {
    const frames = new ToneGenerator([1000], -6).frames(5);
    expect(Math.max(...concatFrames(frames))).toBeGreaterThan(16300);
    expect(Math.max(...concatFrames(frames))).toBeLessThan(16500);
    expect(levelDbfs(frames)).toBeCloseTo(-6, 1);
  });

  it('sums two components, each at its own level', () => {
    const frames = new ToneGenerator([350, 440], -13).frames(10); // North American dial tone
    const samples = concatFrames(frames);
    const expected = dbfsToAmplitude(-13) ** 2 / 2;
    expect(goertzelPower(samples, 350) / expected).toBeCloseTo(1, 1);
    expect(goertzelPower(samples, 440) / expected).toBeCloseTo(1, 1);
    expect(meanPower(samples) / (2 * expected)).toBeCloseTo(1, 2);
  });

  it('saturates instead of wrapping when the components add up beyond full scale', () => {
    const samples = concatFrames(new ToneGenerator([100, 100], 0).frames(2));
    expect(Math.max(...samples)).toBe(32767);
    expect(Math.min(...samples)).toBe(-32768);
    // A wrapped sample would flip sign next to a clipped one.
    for (let i = 1; i < samples.length; i++) expect(Math.abs(samples[i]! - samples[i - 1]!)).toBeLessThan(20000);
  });

  it('refuses frequencies that cannot exist at 8 kHz', () => {
    expect(() => new ToneGenerator([4000], -10)).toThrow(RangeError);
    expect(() => new ToneGenerator([0], -10)).toThrow(RangeError);
  });
});

describe(dtmfTone.name, () => {
  it.each([
    ['1', 697, 1209],
    ['5', 770, 1336],
    ['9', 852, 1477],
    ['0', 941, 1336],
    ['*', 941, 1209],
    ['#', 941, 1477],
    ['D', 941, 1633],
  ] as const)('digit %s is %i Hz + %i Hz', (digit, row, column) => {
    expect(dtmfFrequencies(digit)).toEqual([row, column]);
    const frames = dtmfTone(digit).frames(5);
    expect(toneEnergyRatio(frames, row)).toBeGreaterThan(0.45);
    expect(toneEnergyRatio(frames, column)).toBeGreaterThan(0.45);
    const others = [697, 770, 852, 941, 1209, 1336, 1477, 1633].filter((f) => f !== row && f !== column);
    for (const f of others) expect(toneEnergyRatio(frames, f)).toBeLessThan(0.02);
  });

  it('covers all sixteen keys exactly once', () => {
    const keys = DTMF_KEYPAD.flat();
    expect(new Set(keys).size).toBe(16);
    expect(keys.every(isDtmfDigit)).toBe(true);
    expect(isDtmfDigit('E')).toBe(false);
  });
});

describe(dtmfFrames.name, () => {
  it('lays out each digit as tone then silence', () => {
    const frames = dtmfFrames('37', { toneMs: 60, pauseMs: 40 });
    expect(frames).toHaveLength(10);
    expect(dominantFrequency(frames.slice(0, 3), [697, 852], { minRatio: 0.4 })).toBe(697);
    expect(levelDbfs(frames.slice(3, 5))).toBe(-Infinity);
    expect(dominantFrequency(frames.slice(5, 8), [697, 852], { minRatio: 0.4 })).toBe(852);
  });
});
