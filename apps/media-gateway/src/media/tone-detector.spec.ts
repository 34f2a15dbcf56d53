import { describe, expect, it } from 'vitest';
import { silence } from './frame.js';
import { g711RoundTrip, mixFrames, noiseFrames } from './test-support.js';
import { ToneGenerator } from './tone.js';
import { dominantFrequency, goertzelPower, levelDbfs, toneEnergyRatio } from './tone-detector.js';

const CANDIDATES = [440, 1000, 1800];
const tone = (f: number, dbfs = -10, frames = 10) => new ToneGenerator([f], dbfs).frames(frames);

describe(goertzelPower.name, () => {
  it('reads a sine of amplitude A as A²/2, off-bin frequencies included', () => {
    const samples = Float64Array.from({ length: 800 }, (_, n) => 1000 * Math.sin((2 * Math.PI * 443.3 * n) / 8000));
    expect(goertzelPower(samples, 443.3) / 500_000).toBeCloseTo(1, 2);
  });
});

describe(toneEnergyRatio.name, () => {
  it('finds nearly all the energy of a pure tone at its frequency and almost none elsewhere', () => {
    expect(toneEnergyRatio(tone(440), 440)).toBeGreaterThan(0.98);
    expect(toneEnergyRatio(tone(440), 1000)).toBeLessThan(0.01);
    expect(toneEnergyRatio(tone(1000), 440)).toBeLessThan(0.01);
  });

  it('reads zero for silence and little for noise', () => {
    expect(toneEnergyRatio([silence(), silence()], 440)).toBe(0);
    expect(toneEnergyRatio(noiseFrames(10, -20), 440)).toBeLessThan(0.05);
  });

  it('reads the share of a tone buried in noise of equal level as about one half', () => {
    const frames = mixFrames(tone(1000, -20), noiseFrames(10, -20));
    expect(toneEnergyRatio(frames, 1000)).toBeGreaterThan(0.4);
    expect(toneEnergyRatio(frames, 1000)).toBeLessThan(0.6);
  });
});

describe(dominantFrequency.name, () => {
  it('tells 440 Hz from 1000 Hz from silence from noise', () => {
    expect(dominantFrequency(tone(440), CANDIDATES)).toBe(440);
    expect(dominantFrequency(tone(1000), CANDIDATES)).toBe(1000);
    expect(dominantFrequency([silence(), silence()], CANDIDATES)).toBeNull();
    expect(dominantFrequency(noiseFrames(10, -10), CANDIDATES)).toBeNull();
  });

  it.each(['PCMU', 'PCMA'] as const)('still tells them apart after a %s round trip', (codec) => {
    expect(dominantFrequency(g711RoundTrip(codec, tone(440)), CANDIDATES)).toBe(440);
    expect(dominantFrequency(g711RoundTrip(codec, tone(1000)), CANDIDATES)).toBe(1000);
    expect(dominantFrequency(g711RoundTrip(codec, noiseFrames(10, -10)), CANDIDATES)).toBeNull();
    expect(levelDbfs(g711RoundTrip(codec, tone(1000, -10)))).toBeCloseTo(-10, 0);
  });

  it('ignores a tone too quiet to count and one not among the candidates', () => {
    expect(dominantFrequency(tone(440, -60), CANDIDATES)).toBeNull();
    expect(dominantFrequency(tone(700), CANDIDATES)).toBeNull();
  });

  it('picks the louder of two tones when it holds most of the energy', () => {
    const frames = mixFrames(tone(440, -10), tone(1800, -20));
    expect(dominantFrequency(frames, CANDIDATES)).toBe(440);
  });
});
