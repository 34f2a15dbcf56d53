import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, normalize } from 'node:path';
import { type Prompt } from '@ccx/contracts';
import { type PcmFrame, SAMPLES_PER_FRAME } from '../media/frame.js';
import { decodeWav, PcmPlayer, type FrameSource, TonePlayer } from '../media/player.js';
import { ToneGenerator } from '../media/tone.js';
import { CommandFailure } from '../control/gateway-control.js';
import { type PromptSource } from './media-engine.js';
import { SpeechSynthesizer } from './speech/speech-synthesizer.js';

/**
 * Renders prompts: WAV files from the prompts folder (decoded once, kept in memory),
 * generated tones, music on hold, and text-to-speech through a SpeechSynthesizer (its
 * render-once cache; silence while a text renders for the first time).
 */
export class FilePromptSource implements PromptSource {
  /** Decoded files by path, with the size and time of the file they were decoded from. */
  private readonly cache = new Map<string, { version: string; samples: Int16Array }>();

  /**
   * `speech` is the gateway's synthesizer (give it a cacheDir so renders survive restarts).
   * Without one, a memory-only synthesizer is made on the first speech prompt.
   */
  constructor(
    private readonly promptsDir: string,
    private speech?: SpeechSynthesizer,
  ) {}

  open(prompt: Prompt): FrameSource {
    switch (prompt.kind) {
      case 'file':
        return new PcmPlayer(this.load(prompt.path));
      case 'tone':
        return new TonePlayer(prompt.frequencies, -12, { durationMs: prompt.durationMs });
      case 'music':
        return this.music();
      case 'speech':
        return this.synthesizer().open({ text: prompt.text, language: prompt.language });
    }
  }

  /**
   * Makes a prompt ready ahead of its first play: renders speech, loads (and so checks) a
   * WAV file. Rejects with the reason a prompt could not be played.
   */
  async prepare(prompt: Prompt): Promise<void> {
    if (prompt.kind === 'speech') await this.synthesizer().prepare({ text: prompt.text, language: prompt.language });
    else this.open(prompt).stop();
  }

  private synthesizer(): SpeechSynthesizer {
    this.speech ??= new SpeechSynthesizer();
    return this.speech;
  }

  music(): FrameSource {
    return new MusicOnHold();
  }

  private load(path: string): Int16Array {
    // Prompts are named relative to the prompts folder; nothing outside it is readable.
    const relative = normalize(path);
    if (isAbsolute(relative) || relative.startsWith('..')) throw new CommandFailure('gateway/invalid-command', `prompt path ${path} leaves the prompts folder`);
    // The administrator may replace a prompt under the same name (delete, upload again): a
    // file whose size or time changed is decoded again, a file gone is an error as at first.
    const file = join(this.promptsDir, relative);
    const stats = statSync(file);
    const version = `${stats.size}:${stats.mtimeMs}:${stats.ino}`;
    const cached = this.cache.get(relative);
    if (cached?.version === version) return cached.samples;
    const samples = decodeWav(readFileSync(file));
    this.cache.set(relative, { version, samples });
    return samples;
  }
}

/**
 * Generated music on hold: a slow, soft arpeggio that loops. Generated rather than shipped,
 * so the repository carries no recording with a licence to track; an admin's own music
 * (a WAV prompt) replaces it with the prompts issue.
 */
class MusicOnHold implements FrameSource {
  private static readonly NOTES = [261.63, 329.63, 392.0, 523.25, 392.0, 329.63]; // C E G C' G E
  private static readonly NOTE_FRAMES = 20; // 400 ms each
  private frame = 0;
  private generator: ToneGenerator | null = null;
  done = false;

  next(): PcmFrame | null {
    if (this.done) return null;
    const index = Math.floor(this.frame / MusicOnHold.NOTE_FRAMES) % MusicOnHold.NOTES.length;
    if (this.frame % MusicOnHold.NOTE_FRAMES === 0) this.generator = new ToneGenerator([MusicOnHold.NOTES[index]!, MusicOnHold.NOTES[index]! * 1.5], -20);
    const position = this.frame % MusicOnHold.NOTE_FRAMES;
    this.frame++;
    const out = this.generator!.next();
    // A short fade at both ends of each note keeps it from clicking.
    const envelope = Math.min(1, (position + 1) / 3, (MusicOnHold.NOTE_FRAMES - position) / 3);
    if (envelope < 1) for (let n = 0; n < SAMPLES_PER_FRAME; n++) out[n] = Math.round(out[n]! * envelope);
    return out;
  }

  stop(): void {
    this.done = true;
  }
}
