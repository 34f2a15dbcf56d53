/** Helpers for the media specs only: deterministic noise and signal plumbing. Not exported. */
import { decodeG711, encodeG711, type G711Codec } from './g711.js';
import { type PcmFrame, SAMPLES_PER_FRAME } from './frame.js';
import { dbfsToAmplitude, saturate16 } from './tone.js';

/** mulberry32: a tiny seeded PRNG, so a failing noise test fails the same way every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** White noise whose RMS equals that of a sine at `levelDbfs`. */
export function noiseFrames(count: number, levelDbfs: number, seed = 1): PcmFrame[] {
  const random = seededRandom(seed);
  // Uniform on [-a, a] has RMS a/√3; a sine of peak p has RMS p/√2.
  const a = (dbfsToAmplitude(levelDbfs) / Math.SQRT2) * Math.sqrt(3);
  return Array.from({ length: count }, () => Int16Array.from({ length: SAMPLES_PER_FRAME }, () => saturate16((random() * 2 - 1) * a)));
}

export function mixFrames(a: readonly PcmFrame[], b: readonly PcmFrame[]): PcmFrame[] {
  return a.map((frame, i) => frame.map((s, n) => saturate16(s + (b[i]?.[n] ?? 0))));
}

export function g711RoundTrip(codec: G711Codec, frames: readonly PcmFrame[]): PcmFrame[] {
  return frames.map((frame) => decodeG711(codec, encodeG711(codec, frame)));
}
