import { describe, expect, it } from 'vitest';
import { goertzelPower, meanPower } from '../../media/tone-detector.js';
import { Resampler } from './resample.js';

function sine(frequency: number, rate: number, seconds: number, amplitude = 10_000): Int16Array {
  return Int16Array.from({ length: Math.round(rate * seconds) }, (_, n) => Math.round(amplitude * Math.sin((2 * Math.PI * frequency * n) / rate)));
}

/** Power at `frequency` in the output, away from the edges where the filter runs off the input. */
function powerAt(samples: Int16Array, frequency: number): number {
  return goertzelPower(samples.subarray(400, samples.length - 400), frequency);
}

describe(Resampler.name, () => {
  const sut = new Resampler(22_050, 8000);

  it('keeps the duration: 22 050 samples become 8 000', () => {
    expect(sut.outputLength(22_050)).toBe(8000);
    expect(sut.process(new Int16Array(22_050))).toHaveLength(8000);
  });

  it.each([300, 1000, 3000])('passes a %i Hz tone at its level (within 0.5 dB)', (frequency) => {
    const out = sut.process(sine(frequency, 22_050, 1));
    const gainDb = 10 * Math.log10(powerAt(out, frequency) / (10_000 ** 2 / 2));
    expect(Math.abs(gainDb)).toBeLessThan(0.5);
  });

  it('removes a 5 kHz tone instead of folding it to 3 kHz', () => {
    const out = sut.process(sine(5000, 22_050, 1));
    // 5 kHz would alias to 8 − 5 = 3 kHz; what is left is far below the input (−60 dB or more).
    expect(10 * Math.log10(meanPower(out.subarray(400, -400)) / (10_000 ** 2 / 2))).toBeLessThan(-60);
  });

  it('gives the same samples in slices as in one go', async () => {
    const input = sine(440, 22_050, 3);
    expect(await sut.processInSlices(input)).toEqual(sut.process(input));
  });

  it('refuses rates that are not positive integers', () => {
    expect(() => new Resampler(0, 8000)).toThrow(RangeError);
    expect(() => new Resampler(22_050.5, 8000)).toThrow(RangeError);
  });
});
