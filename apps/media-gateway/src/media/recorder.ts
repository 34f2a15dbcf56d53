/**
 * The call recording: a two-channel WAV, customer on the left, agent on the right, so a
 * reviewer (or speech analytics) can take the parties apart. One `push` per tick keeps both
 * channels on the same clock; a party that sent nothing this tick is recorded as silence.
 *
 * The whole recording is held in memory (about 1.9 MB per minute) and written as one buffer;
 * writing it out, or to object storage, is the caller's job.
 */
import wavefile from 'wavefile';
import { type PcmFrame, SAMPLE_RATE, SAMPLES_PER_FRAME } from './frame.js';

export class StereoRecorder {
  private readonly left: PcmFrame[] = [];
  private readonly right: PcmFrame[] = [];
  private static readonly SILENCE = new Int16Array(SAMPLES_PER_FRAME);

  /** One tick: what the customer said and what the agent said. */
  push(customer: PcmFrame | null | undefined, agent: PcmFrame | null | undefined): void {
    // Copies, because frames handed on are shared with the legs and the mixer.
    this.left.push(customer ? Int16Array.from(customer) : StereoRecorder.SILENCE);
    this.right.push(agent ? Int16Array.from(agent) : StereoRecorder.SILENCE);
  }

  get durationMs(): number {
    return (this.left.length * SAMPLES_PER_FRAME * 1000) / SAMPLE_RATE;
  }

  /** A 16-bit 8 kHz stereo RIFF/WAVE file of everything pushed so far. */
  toWav(): Uint8Array {
    const interleaved = new Int16Array(this.left.length * SAMPLES_PER_FRAME * 2);
    for (let f = 0; f < this.left.length; f++) {
      const l = this.left[f]!;
      const r = this.right[f]!;
      const base = f * SAMPLES_PER_FRAME * 2;
      for (let n = 0; n < SAMPLES_PER_FRAME; n++) {
        interleaved[base + 2 * n] = l[n] ?? 0;
        interleaved[base + 2 * n + 1] = r[n] ?? 0;
      }
    }
    const wav = new wavefile.WaveFile();
    wav.fromScratch(2, SAMPLE_RATE, '16', interleaved);
    return wav.toBuffer();
  }
}

/**
 * One party's audio (a voicemail): a mono WAV of what one leg sent, a frame per tick, a tick
 * with nothing received recorded as silence so the file keeps the call's time.
 */
export class MonoRecorder {
  private readonly frames: PcmFrame[] = [];

  push(frame: PcmFrame | null | undefined): void {
    this.frames.push(frame ? Int16Array.from(frame) : new Int16Array(SAMPLES_PER_FRAME));
  }

  get frameCount(): number {
    return this.frames.length;
  }

  get durationMs(): number {
    return (this.frames.length * SAMPLES_PER_FRAME * 1000) / SAMPLE_RATE;
  }

  toWav(): Uint8Array {
    const samples = new Int16Array(this.frames.length * SAMPLES_PER_FRAME);
    this.frames.forEach((frame, index) => samples.set(frame, index * SAMPLES_PER_FRAME));
    const wav = new wavefile.WaveFile();
    wav.fromScratch(1, SAMPLE_RATE, '16', samples);
    return wav.toBuffer();
  }
}
