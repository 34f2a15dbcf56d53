import wavefile from 'wavefile';
import { describe, expect, it } from 'vitest';
import { StereoRecorder } from './recorder.js';
import { ToneGenerator } from './tone.js';
import { goertzelPower, meanPower } from './tone-detector.js';

/** The channels of a WAV as int16, as an independent reader would see them. */
function channels(bytes: Uint8Array): [Int16Array, Int16Array] {
  const wav = new wavefile.WaveFile(bytes);
  const [left, right] = wav.getSamples(false, Int16Array) as unknown as [Int16Array, Int16Array];
  return [left, right];
}

describe(StereoRecorder.name, () => {
  it('writes a canonical 16-bit 8 kHz stereo header', () => {
    const sut = new StereoRecorder();
    for (let i = 0; i < 50; i++) sut.push(new Int16Array(160), new Int16Array(160));
    const bytes = sut.toWav();
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const ascii = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
    expect([ascii(0), ascii(8), ascii(12), ascii(36)]).toEqual(['RIFF', 'WAVE', 'fmt ', 'data']);
    expect(view.getUint32(4, true)).toBe(bytes.length - 8);
    expect(view.getUint16(20, true)).toBe(1); // PCM
    expect(view.getUint16(22, true)).toBe(2); // channels
    expect(view.getUint32(24, true)).toBe(8000);
    expect(view.getUint32(28, true)).toBe(32000); // byte rate
    expect(view.getUint16(32, true)).toBe(4); // block align
    expect(view.getUint16(34, true)).toBe(16);
    expect(view.getUint32(40, true)).toBe(50 * 160 * 4);
    expect(bytes.length).toBe(44 + 50 * 160 * 4);
    expect(sut.durationMs).toBe(1000);
  });

  it('puts the customer’s 440 Hz only on the left and the agent’s 1000 Hz only on the right', () => {
    const sut = new StereoRecorder();
    const customer = new ToneGenerator([440], -10);
    const agent = new ToneGenerator([1000], -10);
    for (let i = 0; i < 50; i++) sut.push(customer.next(), agent.next());
    const [left, right] = channels(sut.toWav());
    expect(left).toHaveLength(8000);
    expect(goertzelPower(left, 440) / meanPower(left)).toBeGreaterThan(0.99);
    expect(goertzelPower(left, 1000) / meanPower(left)).toBeLessThan(0.001);
    expect(goertzelPower(right, 1000) / meanPower(right)).toBeGreaterThan(0.99);
    expect(goertzelPower(right, 440) / meanPower(right)).toBeLessThan(0.001);
  });

  it('keeps the exact samples and records a missing frame as silence on its side only', () => {
    const sut = new StereoRecorder();
    const a = Int16Array.from({ length: 160 }, (_, i) => i - 80);
    sut.push(a, null);
    sut.push(undefined, a);
    const [left, right] = channels(sut.toWav());
    expect([...left.subarray(0, 160)]).toEqual([...a]);
    expect(right.subarray(0, 160).every((s) => s === 0)).toBe(true);
    expect(left.subarray(160).every((s) => s === 0)).toBe(true);
    expect([...right.subarray(160)]).toEqual([...a]);
  });

  it('is not changed by a frame reused after it was pushed', () => {
    const sut = new StereoRecorder();
    const frame = new Int16Array(160).fill(1234);
    sut.push(frame, frame);
    frame.fill(0);
    expect(channels(sut.toWav())[0][0]).toBe(1234);
  });
});
