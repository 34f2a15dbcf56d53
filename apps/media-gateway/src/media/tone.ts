/**
 * Generated tones: single and dual sines (ringback, busy, beeps, test tones) and the DTMF
 * pairs of ITU-T Q.23 for in-band signalling. Phase is carried from frame to frame so a
 * tone cut into 20 ms frames has no click at the frame edges.
 */
import { type PcmFrame, SAMPLE_RATE, SAMPLES_PER_FRAME } from './frame.js';

const FULL_SCALE = 32767;
const TWO_PI = 2 * Math.PI;

/** Peak amplitude of a sine at the given level, 0 dBFS being a full-scale sine. */
export function dbfsToAmplitude(dbfs: number): number {
  return FULL_SCALE * 10 ** (dbfs / 20);
}

export function saturate16(value: number): number {
  const rounded = Math.round(value);
  return rounded > 32767 ? 32767 : rounded < -32768 ? -32768 : rounded;
}

/** An endless sum of sines, each component at `levelDbfs`; the sum saturates at full scale. */
export class ToneGenerator {
  private readonly steps: number[];
  private readonly phases: number[];
  private readonly amplitude: number;

  constructor(
    readonly frequencies: readonly number[],
    readonly levelDbfs: number,
  ) {
    for (const f of frequencies) {
      if (!(f > 0 && f < SAMPLE_RATE / 2)) throw new RangeError(`tone frequency ${f} Hz outside (0, ${SAMPLE_RATE / 2})`);
    }
    this.steps = frequencies.map((f) => (TWO_PI * f) / SAMPLE_RATE);
    this.phases = frequencies.map(() => 0);
    this.amplitude = dbfsToAmplitude(levelDbfs);
  }

  next(): PcmFrame {
    const frame = new Int16Array(SAMPLES_PER_FRAME);
    for (let n = 0; n < SAMPLES_PER_FRAME; n++) {
      let sum = 0;
      for (let c = 0; c < this.steps.length; c++) {
        sum += Math.sin(this.phases[c]!);
        // Wrapping keeps the phase small, so precision does not decay over an hour of music.
        this.phases[c] = (this.phases[c]! + this.steps[c]!) % TWO_PI;
      }
      frame[n] = saturate16(sum * this.amplitude);
    }
    return frame;
  }

  frames(count: number): PcmFrame[] {
    return Array.from({ length: count }, () => this.next());
  }
}

export type DtmfDigit = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '*' | '#' | 'A' | 'B' | 'C' | 'D';

export const DTMF_ROW_FREQUENCIES = [697, 770, 852, 941] as const;
export const DTMF_COLUMN_FREQUENCIES = [1209, 1336, 1477, 1633] as const;

/** The keypad as laid out by Q.23: row index × column index. */
export const DTMF_KEYPAD: readonly (readonly DtmfDigit[])[] = [
  ['1', '2', '3', 'A'],
  ['4', '5', '6', 'B'],
  ['7', '8', '9', 'C'],
  ['*', '0', '#', 'D'],
];

export function isDtmfDigit(value: string): value is DtmfDigit {
  return value.length === 1 && '0123456789*#ABCD'.includes(value);
}

/** The (row, column) frequency pair of a digit. */
export function dtmfFrequencies(digit: DtmfDigit): readonly [number, number] {
  for (let row = 0; row < 4; row++) {
    const column = DTMF_KEYPAD[row]!.indexOf(digit);
    if (column >= 0) return [DTMF_ROW_FREQUENCIES[row]!, DTMF_COLUMN_FREQUENCIES[column]!];
  }
  throw new RangeError(`not a DTMF digit: ${digit}`);
}

/** A digit's dual tone; -10 dBFS per component leaves headroom for both to add up. */
export function dtmfTone(digit: DtmfDigit, levelDbfs = -10): ToneGenerator {
  return new ToneGenerator(dtmfFrequencies(digit), levelDbfs);
}

/** A whole press: `toneMs` of the digit, then `pauseMs` of silence, rounded up to frames. */
export function dtmfFrames(digits: string, options: { toneMs?: number; pauseMs?: number; levelDbfs?: number } = {}): PcmFrame[] {
  const { toneMs = 100, pauseMs = 100, levelDbfs = -10 } = options;
  const frameMs = (SAMPLES_PER_FRAME * 1000) / SAMPLE_RATE;
  const frames: PcmFrame[] = [];
  for (const digit of digits) {
    if (!isDtmfDigit(digit)) throw new RangeError(`not a DTMF digit: ${digit}`);
    frames.push(...dtmfTone(digit, levelDbfs).frames(Math.ceil(toneMs / frameMs)));
    for (let i = 0; i < Math.ceil(pauseMs / frameMs); i++) frames.push(new Int16Array(SAMPLES_PER_FRAME));
  }
  return frames;
}
