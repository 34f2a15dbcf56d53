/**
 * Is a given tone present? Goertzel filters measure the power at a handful of known
 * frequencies far more cheaply than an FFT, which is all that tone, beep and test-signal
 * checks need. Powers are normalised so a sine of amplitude A reads A²/2 — the same scale
 * as the mean power of the signal — which makes "share of the energy at f" a plain ratio.
 */
import { type PcmFrame, SAMPLE_RATE } from './frame.js';

const FULL_SCALE_SINE_POWER = (32767 * 32767) / 2;

export function concatFrames(frames: readonly PcmFrame[]): Int16Array {
  const out = new Int16Array(frames.reduce((n, f) => n + f.length, 0));
  let offset = 0;
  for (const frame of frames) {
    out.set(frame, offset);
    offset += frame.length;
  }
  return out;
}

/**
 * Power of the component at `frequency` over the whole block. The frequency need not fall on
 * a DFT bin: the recurrence gives the DTFT magnitude at any ω, and only the magnitude is used.
 */
export function goertzelPower(samples: ArrayLike<number>, frequency: number, sampleRate = SAMPLE_RATE): number {
  const n = samples.length;
  if (n === 0) return 0;
  const coeff = 2 * Math.cos((2 * Math.PI * frequency) / sampleRate);
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const s0 = samples[i]! + coeff * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  const magnitudeSquared = s1 * s1 + s2 * s2 - coeff * s1 * s2;
  return (2 * magnitudeSquared) / (n * n);
}

export function meanPower(samples: ArrayLike<number>): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < samples.length; i++) sum += samples[i]! * samples[i]!;
  return sum / samples.length;
}

/** Level relative to a full-scale sine; -Infinity for digital silence. */
export function levelDbfs(frames: readonly PcmFrame[]): number {
  return 10 * Math.log10(meanPower(concatFrames(frames)) / FULL_SCALE_SINE_POWER);
}

/** Share of the total energy found at `frequency`: ≈1 for a pure tone, ≈0 for silence or other tones. */
export function toneEnergyRatio(frames: readonly PcmFrame[], frequency: number): number {
  const samples = concatFrames(frames);
  const total = meanPower(samples);
  return total === 0 ? 0 : goertzelPower(samples, frequency) / total;
}

export interface DominantFrequencyOptions {
  /** Share of the energy the winner must hold; below it the signal is noise or something else. */
  minRatio?: number;
  /** Quieter than this is silence, whatever its spectrum. */
  minLevelDbfs?: number;
}

/** The candidate that carries most of the energy, or null for silence, noise or an unlisted tone. */
export function dominantFrequency(
  frames: readonly PcmFrame[],
  candidates: readonly number[],
  options: DominantFrequencyOptions = {},
): number | null {
  const { minRatio = 0.5, minLevelDbfs = -50 } = options;
  const samples = concatFrames(frames);
  const total = meanPower(samples);
  if (total === 0 || 10 * Math.log10(total / FULL_SCALE_SINE_POWER) < minLevelDbfs) return null;
  let best: number | null = null;
  let bestRatio = minRatio;
  for (const frequency of candidates) {
    const ratio = goertzelPower(samples, frequency) / total;
    if (ratio >= bestRatio) {
      best = frequency;
      bestRatio = ratio;
    }
  }
  return best;
}
