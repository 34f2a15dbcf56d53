/**
 * Rate conversion for rendered speech: a polyphase windowed-sinc (Kaiser) filter. Not
 * `decodeWav`'s wavefile path, which costs about 50 ms of CPU per second of audio (2.4 s
 * for a 48 s prompt); this costs about 1–2 ms per second and runs in slices, so even the
 * longest prompt never holds the thread that ticks the media engine for more than a few ms.
 *
 * Downsampling 22 050 → 8 000 Hz, the default cut-off (90% of the lower Nyquist, 3.6 kHz)
 * with 160 taps keeps the telephone band (to 3.4 kHz) within a fraction of a dB and
 * attenuates what would fold back into it by about 80 dB.
 */

export interface ResamplerOptions {
  /** Taps on each side of the output instant, counted in input samples. */
  halfTaps?: number;
  /** Kaiser window shape: higher is deeper stop band, wider transition. */
  beta?: number;
  /** Low-pass corner in Hz; 90% of the lower of the two Nyquist frequencies by default. */
  cutoffHz?: number;
}

/** Slices keep each synchronous stretch of work under a few milliseconds. */
const SLICE_OUTPUT_SAMPLES = 8000;

export class Resampler {
  private readonly up: number;
  private readonly down: number;
  private readonly halfTaps: number;
  /** One row of taps per output phase (an output instant's fractional input position). */
  private readonly phases: Float64Array[];

  constructor(
    readonly inputRate: number,
    readonly outputRate: number,
    options: ResamplerOptions = {},
  ) {
    if (!Number.isInteger(inputRate) || !Number.isInteger(outputRate) || inputRate <= 0 || outputRate <= 0) {
      throw new RangeError(`sample rates must be positive integers (${inputRate} → ${outputRate})`);
    }
    const divisor = gcd(inputRate, outputRate);
    this.up = outputRate / divisor;
    this.down = inputRate / divisor;
    if (this.up > 4096) throw new RangeError(`${inputRate} → ${outputRate} Hz needs ${this.up} filter phases`);
    this.halfTaps = options.halfTaps ?? 80;
    const beta = options.beta ?? 8;
    const cutoff = (options.cutoffHz ?? 0.45 * Math.min(inputRate, outputRate)) / inputRate; // cycles per input sample
    const window0 = besselI0(beta);
    this.phases = Array.from({ length: this.up }, (_, phase) => {
      const taps = new Float64Array(2 * this.halfTaps);
      let sum = 0;
      for (let k = 0; k < taps.length; k++) {
        const d = this.halfTaps - 1 - k + phase / this.up; // distance from the output instant
        const x = d / this.halfTaps;
        const window = Math.abs(x) >= 1 ? 0 : besselI0(beta * Math.sqrt(1 - x * x)) / window0;
        const sinc = d === 0 ? 1 : Math.sin(2 * Math.PI * cutoff * d) / (2 * Math.PI * cutoff * d);
        taps[k] = 2 * cutoff * sinc * window;
        sum += taps[k]!;
      }
      for (let k = 0; k < taps.length; k++) taps[k]! /= sum; // unity gain at DC in every phase
      return taps;
    });
  }

  outputLength(inputLength: number): number {
    return Math.ceil((inputLength * this.up) / this.down);
  }

  /** Output samples [start, end) of the whole of `input`. */
  fill(input: Int16Array, output: Int16Array, start = 0, end = output.length): void {
    const taps = 2 * this.halfTaps;
    for (let n = start; n < end; n++) {
      const position = n * this.down;
      const i = Math.floor(position / this.up);
      const row = this.phases[position - i * this.up]!;
      const first = i - this.halfTaps + 1;
      let acc = 0;
      const kFrom = Math.max(0, -first);
      const kTo = Math.min(taps, input.length - first);
      for (let k = kFrom; k < kTo; k++) acc += input[first + k]! * row[k]!;
      const s = Math.round(acc);
      output[n] = s > 32767 ? 32767 : s < -32768 ? -32768 : s;
    }
  }

  process(input: Int16Array): Int16Array {
    const output = new Int16Array(this.outputLength(input.length));
    this.fill(input, output);
    return output;
  }

  /** As `process`, yielding to the event loop between slices. */
  async processInSlices(input: Int16Array): Promise<Int16Array> {
    const output = new Int16Array(this.outputLength(input.length));
    for (let start = 0; start < output.length; start += SLICE_OUTPUT_SAMPLES) {
      if (start > 0) await new Promise<void>((resolve) => setImmediate(resolve));
      this.fill(input, output, start, Math.min(output.length, start + SLICE_OUTPUT_SAMPLES));
    }
    return output;
  }
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** Modified Bessel function of the first kind, order 0 (the Kaiser window's kernel). */
function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  for (let k = 1; k < 50; k++) {
    term *= (x / (2 * k)) ** 2;
    sum += term;
    if (term < sum * 1e-12) break;
  }
  return sum;
}
