import { readFileSync } from 'node:fs';
import wavefile from 'wavefile';
import { type PcmFrame, SAMPLE_RATE, SAMPLES_PER_FRAME } from '../../src/media/frame.js';
import { levelDbfs } from '../../src/media/tone-detector.js';

/**
 * A call recording taken apart for assertions: the stereo WAV's two channels (customer left,
 * agent right) as 20 ms frames, one per media tick, so frame n of both channels is the same
 * moment of the call.
 */
export interface StereoRecording {
  customer: PcmFrame[];
  agent: PcmFrame[];
}

export function readStereoRecording(path: string): StereoRecording {
  const wav = new wavefile.WaveFile(readFileSync(path));
  const fmt = wav.fmt as { numChannels: number; sampleRate: number; bitsPerSample: number };
  if (fmt.numChannels !== 2 || fmt.sampleRate !== SAMPLE_RATE || fmt.bitsPerSample !== 16) {
    throw new Error(`expected 16-bit 8 kHz stereo, got ${JSON.stringify(fmt)}`);
  }
  const [left, right] = wav.getSamples(false, Int16Array) as unknown as [Int16Array, Int16Array];
  return { customer: toFrames(left), agent: toFrames(right) };
}

/** A voicemail: one leg's audio, mono, as 20 ms frames. */
export function readMonoRecording(path: string): PcmFrame[] {
  const wav = new wavefile.WaveFile(readFileSync(path));
  const fmt = wav.fmt as { numChannels: number; sampleRate: number; bitsPerSample: number };
  if (fmt.numChannels !== 1 || fmt.sampleRate !== SAMPLE_RATE || fmt.bitsPerSample !== 16) {
    throw new Error(`expected 16-bit 8 kHz mono, got ${JSON.stringify(fmt)}`);
  }
  return toFrames(wav.getSamples(false, Int16Array) as unknown as Int16Array);
}

function toFrames(samples: Int16Array): PcmFrame[] {
  const frames: PcmFrame[] = [];
  for (let offset = 0; offset + SAMPLES_PER_FRAME <= samples.length; offset += SAMPLES_PER_FRAME) {
    frames.push(samples.subarray(offset, offset + SAMPLES_PER_FRAME));
  }
  return frames;
}

/** A frame's exact samples as a map key. */
export const frameKey = (frame: PcmFrame): string => Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength).toString('base64');

/** Level of one frame; digital silence reads -Infinity. */
export const frameLevel = (frame: PcmFrame): number => levelDbfs([frame]);

/**
 * For each frame of `later` louder than `minDbfs`, how many frames after its identical twin
 * in `earlier` it comes (null when it has none). G.711 A-law re-encodes its own decoded
 * samples exactly, so audio that went out through the gateway and came back is bit-exact.
 */
export function lagsBehind(later: readonly PcmFrame[], earlier: readonly PcmFrame[], minDbfs: number): (number | null)[] {
  const firstSeen = new Map<string, number>();
  earlier.forEach((frame, index) => {
    const key = frameKey(frame);
    if (!firstSeen.has(key)) firstSeen.set(key, index);
  });
  const lags: (number | null)[] = [];
  later.forEach((frame, index) => {
    if (frameLevel(frame) <= minDbfs) return;
    const seen = firstSeen.get(frameKey(frame));
    lags.push(seen === undefined ? null : index - seen);
  });
  return lags;
}
