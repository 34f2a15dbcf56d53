/**
 * Reads how loud a microphone track is, for the level meter next to the device choice: an
 * AnalyserNode on the track, sampled on demand. The scale is ../domain/input-level.ts.
 */
import { meterLevel, rms } from '../domain/input-level';

export class LevelMeter {
  private readonly context: AudioContext;
  private readonly analyser: AnalyserNode;
  private readonly samples: Float32Array<ArrayBuffer>;

  constructor(track: MediaStreamTrack) {
    this.context = new AudioContext();
    this.analyser = this.context.createAnalyser();
    this.analyser.fftSize = 1024;
    this.samples = new Float32Array(this.analyser.fftSize);
    // A clone, so that muting the call (which disables the sent track) does not hide the level:
    // the agent sees the microphone still works while muted.
    this.context.createMediaStreamSource(new MediaStream([track.clone()])).connect(this.analyser);
    void this.context.resume().catch(() => undefined);
  }

  /** The meter reading now, 0–1. */
  read(): number {
    this.analyser.getFloatTimeDomainData(this.samples);
    return meterLevel(rms(this.samples));
  }

  close(): void {
    void this.context.close().catch(() => undefined);
  }
}
