import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type FrameSource } from '../media/player.js';
import { encodePcm16Wav } from './speech/pcm-wav.js';
import { FilePromptSource } from './prompt-source.js';

/** Every sample of a source. */
function drain(source: FrameSource): number[] {
  const out: number[] = [];
  for (let frame = source.next(); frame; frame = source.next()) out.push(...frame);
  return out;
}

describe(FilePromptSource.name, () => {
  const dir = mkdtempSync(join(tmpdir(), 'ccx-prompts-'));
  afterEach(() => rmSync(join(dir, 'greeting.wav'), { force: true }));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('plays a file replaced under the same name as it is now, not as it was decoded first', () => {
    const sut = new FilePromptSource(dir);
    writeFileSync(join(dir, 'greeting.wav'), encodePcm16Wav(new Int16Array(160).fill(1000), 8000));
    expect(drain(sut.open({ kind: 'file', path: 'greeting.wav' })).slice(0, 3)).toEqual([1000, 1000, 1000]);

    // The prompts admin deletes and uploads again: another file (another inode and size).
    unlinkSync(join(dir, 'greeting.wav'));
    writeFileSync(join(dir, 'greeting.wav'), encodePcm16Wav(new Int16Array(320).fill(-2000), 8000));
    const replaced = drain(sut.open({ kind: 'file', path: 'greeting.wav' }));
    expect(replaced.length).toBe(320);
    expect(replaced[0]).toBe(-2000);
  });

  it('refuses a file that is gone, even after it was played', () => {
    const sut = new FilePromptSource(dir);
    writeFileSync(join(dir, 'greeting.wav'), encodePcm16Wav(new Int16Array(160).fill(1000), 8000));
    drain(sut.open({ kind: 'file', path: 'greeting.wav' }));
    unlinkSync(join(dir, 'greeting.wav'));
    expect(() => sut.open({ kind: 'file', path: 'greeting.wav' })).toThrow(/ENOENT/);
  });
});
