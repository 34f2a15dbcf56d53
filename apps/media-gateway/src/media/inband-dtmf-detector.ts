/**
 * DTMF heard in the audio itself, for trunks that send tones instead of RFC 4733 events.
 *
 * Each 20 ms frame is analysed twice — a 160-sample Goertzel window every 80 samples — so a
 * press is timed to 10 ms while the window stays long enough to separate 697 from 770 Hz.
 * A window counts as a digit only if one row and one column tone together carry most of its
 * energy (speech and music spread theirs), each beats its group's other tones clearly, and
 * the twist between them is within Q.24's limits. A digit is reported once, when enough
 * consecutive windows agree; it may be reported again only after the tone has stopped.
 */
import { type PcmFrame, SAMPLE_RATE, SAMPLES_PER_FRAME } from './frame.js';
import { DTMF_COLUMN_FREQUENCIES, DTMF_KEYPAD, DTMF_ROW_FREQUENCIES, type DtmfDigit } from './tone.js';
import { goertzelPower, meanPower } from './tone-detector.js';

export interface InbandDtmfOptions {
  /**
   * Tones this long are always detected, whatever their alignment to frames. Measured with the
   * default of 40 ms: every tone of 33 ms or more is detected, none under 25 ms (Q.24: operate
   * at 40 ms, never at 20 ms). Frequencies off by up to ±1% are accepted, by ±3.5% rejected.
   */
  minDurationMs?: number;
  /** Share of a window's energy the two tones must carry. */
  minToneRatio?: number;
  /** Each tone must be at least this loud (ITU-T Q.24 asks for detection down to about -25 dBm0). */
  minLevelDbfs?: number;
  /** Column tone louder than the row tone by at most this (Q.24 "normal twist"). */
  maxTwistDb?: number;
  /** Row tone louder than the column tone by at most this ("reverse twist"). */
  maxReverseTwistDb?: number;
}

export interface InbandDtmfDetection {
  digit: DtmfDigit;
  /** Since the detector's first sample, where the first agreeing window began. */
  startMs: number;
}

const WINDOW = SAMPLES_PER_FRAME;
const HOP = WINDOW / 2;
const HOP_MS = (HOP * 1000) / SAMPLE_RATE;
const WINDOW_MS = (WINDOW * 1000) / SAMPLE_RATE;
/** A window with this rival in its group is ambiguous (also rejects one key's leakage into its neighbour). */
const MIN_GROUP_MARGIN_DB = 6;
/** Windows without the reported digit before it counts as released; bridges a one-window dropout. */
const RELEASE_WINDOWS = 2;
const FULL_SCALE_SINE_POWER = (32767 * 32767) / 2;

const db = (ratio: number) => 10 * Math.log10(ratio);

function strongest(samples: Int16Array, frequencies: readonly number[]): { index: number; power: number; margin: number } {
  const powers = frequencies.map((f) => goertzelPower(samples, f));
  let index = 0;
  for (let i = 1; i < powers.length; i++) if (powers[i]! > powers[index]!) index = i;
  const rival = Math.max(...powers.filter((_, i) => i !== index));
  return { index, power: powers[index]!, margin: rival === 0 ? Infinity : db(powers[index]! / rival) };
}

export class InbandDtmfDetector {
  private readonly options: Required<InbandDtmfOptions>;
  private readonly requiredWindows: number;
  private readonly window = new Int16Array(WINDOW);
  private windowsSeen = 0;
  private candidate: DtmfDigit | null = null;
  private candidateCount = 0;
  private reported: DtmfDigit | null = null;
  private missesSinceReport = 0;

  constructor(options: InbandDtmfOptions = {}) {
    this.options = { minDurationMs: 40, minToneRatio: 0.6, minLevelDbfs: -35, maxTwistDb: 8, maxReverseTwistDb: 4, ...options };
    // Any tone of minDurationMs fully covers this many consecutive windows, whatever its alignment.
    this.requiredWindows = Math.max(1, Math.floor((this.options.minDurationMs - WINDOW_MS) / HOP_MS) + 1);
  }

  /** Feed the next 20 ms frame; returns the digits whose press was recognised in it. */
  process(frame: PcmFrame): InbandDtmfDetection[] {
    const found: InbandDtmfDetection[] = [];
    for (let half = 0; half < 2; half++) {
      // Slide by half a window: keep the newer half, append 80 new samples.
      this.window.copyWithin(0, HOP);
      this.window.set(frame.subarray(half * HOP, half * HOP + HOP), HOP);
      this.windowsSeen++;
      if (this.windowsSeen < 2) continue; // the first window is half made of the initial zeros
      const detection = this.step(this.classify(this.window));
      if (detection) found.push(detection);
    }
    return found;
  }

  /** The digit this one window holds, if it passes every check. */
  classify(samples: Int16Array): DtmfDigit | null {
    const total = meanPower(samples);
    if (total === 0) return null;
    const row = strongest(samples, DTMF_ROW_FREQUENCIES);
    const column = strongest(samples, DTMF_COLUMN_FREQUENCIES);
    const o = this.options;
    const minPower = FULL_SCALE_SINE_POWER * 10 ** (o.minLevelDbfs / 10);
    if (row.power < minPower || column.power < minPower) return null;
    if ((row.power + column.power) / total < o.minToneRatio) return null;
    if (row.margin < MIN_GROUP_MARGIN_DB || column.margin < MIN_GROUP_MARGIN_DB) return null;
    const twist = db(column.power / row.power);
    if (twist > o.maxTwistDb || -twist > o.maxReverseTwistDb) return null;
    return DTMF_KEYPAD[row.index]![column.index]!;
  }

  private step(digit: DtmfDigit | null): InbandDtmfDetection | null {
    if (digit !== null && digit === this.candidate) this.candidateCount++;
    else {
      this.candidate = digit;
      this.candidateCount = digit === null ? 0 : 1;
    }
    if (this.reported !== null) {
      this.missesSinceReport = digit === this.reported ? 0 : this.missesSinceReport + 1;
      if (this.missesSinceReport < RELEASE_WINDOWS) return null;
      this.reported = null;
    }
    if (this.candidate === null || this.candidateCount < this.requiredWindows) return null;
    this.reported = this.candidate;
    this.missesSinceReport = 0;
    const firstWindow = this.windowsSeen - this.candidateCount;
    return { digit: this.candidate, startMs: (firstWindow - 1) * HOP_MS };
  }
}
