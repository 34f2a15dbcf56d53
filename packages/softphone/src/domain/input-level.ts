/**
 * The microphone level meter's scale. Loudness is heard in decibels, so the meter is linear
 * in dBFS: -60 dBFS (a quiet room) and below read 0, full scale reads 1. Speech at a normal
 * distance sits around -30 to -15 dBFS, the middle of the meter.
 */
export const LEVEL_FLOOR_DBFS = -60;

/** RMS of one block of samples in [-1, 1]. */
export function rms(samples: ArrayLike<number>): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i]!;
    sum += s * s;
  }
  return Math.sqrt(sum / samples.length);
}

/** The meter reading (0–1) for an RMS level. */
export function meterLevel(rmsValue: number): number {
  if (!(rmsValue > 0)) return 0;
  const dbfs = 20 * Math.log10(Math.min(1, rmsValue));
  return Math.max(0, Math.min(1, 1 - dbfs / LEVEL_FLOOR_DBFS));
}

/**
 * What the meter shows, smoothed so it is readable: it rises at once and falls back slowly
 * (about a fifth of the way per reading), like a hardware VU meter.
 */
export function smoothLevel(previous: number, next: number): number {
  return next >= previous ? next : previous + (next - previous) * 0.2;
}
