/**
 * Audio plumbing for the leg integration tests: a WAV for Chromium's fake microphone, a
 * 20 ms ticker standing in for the gateway's media clock, and a frame collector whose
 * dominant frequency is what the tests assert (so they fail when audio does not cross).
 */
import { writeFileSync } from 'node:fs';
import { type PcmFrame } from '../../src/media/frame.js';
import { ToneGenerator } from '../../src/media/tone.js';
import { dominantFrequency, levelDbfs } from '../../src/media/tone-detector.js';
import { type Leg } from '../../src/legs/leg.js';

/** A mono 16-bit PCM WAV of a sine (44-byte canonical header). */
export function writeSineWav(path: string, frequency: number, seconds: number, sampleRate = 48_000, peak = 0.5): void {
  const samples = Math.round(seconds * sampleRate);
  const data = Buffer.alloc(samples * 2);
  for (let n = 0; n < samples; n++) data.writeInt16LE(Math.round(32767 * peak * Math.sin((2 * Math.PI * frequency * n) / sampleRate)), 2 * n);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16); // fmt chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28); // byte rate
  header.writeUInt16LE(2, 32); // block align
  header.writeUInt16LE(16, 34); // bits per sample
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  writeFileSync(path, Buffer.concat([header, data]));
}

/** Sends a tone into a leg every 20 ms, as the gateway's mixer tick would. Returns a stop function. */
export function sendTone(leg: Leg, frequency: number, levelDbfsValue = -10): () => void {
  const tone = new ToneGenerator([frequency], levelDbfsValue);
  const timer = setInterval(() => leg.sendFrame(tone.next()), 20);
  return () => clearInterval(timer);
}

/** Candidate frequencies for the dominance check: the two test tones and their neighbours. */
export const CANDIDATES = [350, 440, 600, 1000, 1400] as const;

export class FrameCollector {
  readonly frames: PcmFrame[] = [];
  push = (frame: PcmFrame): void => {
    this.frames.push(frame);
  };

  /** Frames arriving from now on, so a check sees only audio after some event (e.g. resume). */
  mark(): number {
    return this.frames.length;
  }

  /** Resolves once `count` frames arrived after `from`; rejects after `timeoutMs`. */
  async waitFor(count: number, from = 0, timeoutMs = 5000): Promise<PcmFrame[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.frames.length - from < count) {
      if (Date.now() > deadline) throw new Error(`only ${this.frames.length - from} of ${count} frames arrived in ${timeoutMs} ms`);
      await sleep(20);
    }
    return this.frames.slice(from, from + count);
  }
}

export function dominant(frames: readonly PcmFrame[]): { frequency: number | null; level: number } {
  return { frequency: dominantFrequency(frames, CANDIDATES, { minRatio: 0.5, minLevelDbfs: -40 }), level: levelDbfs(frames) };
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `check` holds; for states that change on network events. */
export async function waitUntil(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}

/** UDP sockets and timers the process holds: what a closed leg must give back. */
export function handleCounts(): { udp: number; timers: number } {
  const resources = process.getActiveResourcesInfo();
  return { udp: resources.filter((r) => r === 'UDPWrap' || r === 'UDPWRAP').length, timers: resources.filter((r) => r === 'Timeout').length };
}
