/**
 * A speech prompt whose audio may still be rendering. The media engine pulls a frame every
 * 20 ms and cannot wait, so until the audio is ready the player gives silence (the caller
 * hears a short pause before the prompt), then plays it. If rendering fails it ends with
 * `failed` set, so the engine can report the playback as failed rather than finished.
 *
 *   waiting ──ready──▶ playing ──end──▶ done
 *      │ └──failure──▶ failed (done)
 *      └────stop()───▶ stopped (done)   (stop() from playing too)
 */
import { type PcmFrame, silence } from '../../media/frame.js';
import { type FrameSource, PcmPlayer } from '../../media/player.js';

export class SpeechPlayer implements FrameSource {
  private player: PcmPlayer | null = null;
  private stopped = false;
  private failure: Error | null = null;

  constructor(audio: Promise<Int16Array>) {
    audio.then(
      (samples) => {
        this.player = new PcmPlayer(samples);
      },
      (error: unknown) => {
        this.failure = error instanceof Error ? error : new Error(String(error));
      },
    );
  }

  /** Still rendering: `next()` gives silence. */
  get waiting(): boolean {
    return !this.done && !this.player;
  }

  /** Rendering failed; the source is done. */
  get failed(): boolean {
    return this.failure !== null;
  }

  get error(): Error | null {
    return this.failure;
  }

  get done(): boolean {
    return this.stopped || this.failure !== null || (this.player?.done ?? false);
  }

  next(): PcmFrame | null {
    if (this.done) return null;
    return this.player ? this.player.next() : silence();
  }

  stop(): void {
    this.stopped = true;
    this.player?.stop();
  }
}
