import { describe, expect, it } from 'vitest';
import { type PcmFrame, SAMPLES_PER_FRAME, silence } from './frame.js';
import { InbandDtmfDetector } from './inband-dtmf-detector.js';
import { g711RoundTrip, mixFrames, noiseFrames } from './test-support.js';
import { dtmfFrames, dtmfFrequencies, ToneGenerator, type DtmfDigit } from './tone.js';

function detect(frames: readonly PcmFrame[], sut = new InbandDtmfDetector()) {
  return frames.flatMap((f) => sut.process(f));
}
const digitsOf = (frames: readonly PcmFrame[]) => detect(frames).map((d) => d.digit).join('');

/** A tone of `ms` starting `offset` samples into the second frame, surrounded by silence. */
function shortTone(digit: DtmfDigit, ms: number, offset: number, frequencyFactor = 1): PcmFrame[] {
  const [row, column] = dtmfFrequencies(digit);
  const tone = new ToneGenerator([row * frequencyFactor, column * frequencyFactor], -10).frames(10);
  const samples = new Int16Array(SAMPLES_PER_FRAME * 12);
  for (let i = 0; i < ms * 8; i++) samples[SAMPLES_PER_FRAME + offset + i] = tone[Math.floor(i / 160)]![i % 160]!;
  return Array.from({ length: 12 }, (_, f) => samples.slice(f * 160, f * 160 + 160));
}

describe(InbandDtmfDetector.name, () => {
  it('detects all sixteen keys, each once per press, in order', () => {
    expect(digitsOf(dtmfFrames('123A456B789C*0#D'))).toBe('123A456B789C*0#D');
  });

  it('reports where the press started', () => {
    const frames = [silence(), silence(), silence(), ...dtmfFrames('5')];
    expect(detect(frames)).toEqual([{ digit: '5', startMs: 60 }]);
  });

  it('keeps a repeated digit apart when the keys are released in between, also when dialled fast', () => {
    expect(digitsOf(dtmfFrames('5500', { toneMs: 50, pauseMs: 50 }))).toBe('5500');
  });

  it('reports a long press once, not once per frame', () => {
    expect(detect(dtmfFrames('9', { toneMs: 2000 }))).toHaveLength(1);
  });

  it.each([0, 20, 40, 60, 80, 100, 140])('detects a 40 ms tone starting %i samples into a frame', (offset) => {
    expect(digitsOf(shortTone('8', 40, offset))).toBe('8');
  });

  it.each([0, 40, 80, 120])('rejects a 20 ms blip (offset %i): too short to be a key press', (offset) => {
    expect(digitsOf(shortTone('8', 20, offset))).toBe('');
  });

  it('accepts a 1% frequency error and rejects 3.5%', () => {
    expect(digitsOf(shortTone('6', 80, 0, 1.01))).toBe('6');
    expect(digitsOf(shortTone('6', 80, 0, 0.99))).toBe('6');
    expect(digitsOf(shortTone('6', 80, 0, 1.035))).toBe('');
    expect(digitsOf(shortTone('6', 80, 0, 0.965))).toBe('');
  });

  it('applies the twist limits: column 6 dB up passes, 10 dB up or row 6 dB up does not', () => {
    const twisted = (rowDb: number, columnDb: number) => {
      const [row, column] = dtmfFrequencies('2');
      return mixFrames(new ToneGenerator([row], rowDb).frames(5), new ToneGenerator([column], columnDb).frames(5));
    };
    expect(digitsOf(twisted(-16, -10))).toBe('2');
    expect(digitsOf(twisted(-20, -10))).toBe('');
    expect(digitsOf(twisted(-10, -16))).toBe('');
  });

  it('stays silent on silence, noise, a single tone and a chord outside the DTMF grid', () => {
    expect(digitsOf(Array.from({ length: 50 }, silence))).toBe('');
    expect(digitsOf(noiseFrames(100, -10, 7))).toBe('');
    expect(digitsOf(new ToneGenerator([770], -10).frames(20))).toBe('');
    expect(digitsOf(new ToneGenerator([440, 1000], -10).frames(20))).toBe('');
    expect(digitsOf(new ToneGenerator([697, 1209, 1336], -10).frames(20))).toBe(''); // two keys pressed at once
  });

  it('ignores tones too quiet to be signalling', () => {
    expect(digitsOf(dtmfFrames('1', { levelDbfs: -45 }))).toBe('');
    expect(digitsOf(dtmfFrames('1', { levelDbfs: -30 }))).toBe('1');
  });

  it('finds the digits in background noise 15 dB below the tones', () => {
    const tones = dtmfFrames('314159', { toneMs: 80, pauseMs: 80 });
    expect(digitsOf(mixFrames(tones, noiseFrames(tones.length, -25, 3)))).toBe('314159');
  });

  it.each(['PCMU', 'PCMA'] as const)('finds the digits after a %s round trip', (codec) => {
    const tones = dtmfFrames('2718#', { toneMs: 60, pauseMs: 60, levelDbfs: -20 });
    expect(digitsOf(g711RoundTrip(codec, mixFrames(tones, noiseFrames(tones.length, -40, 5))))).toBe('2718#');
  });
});
