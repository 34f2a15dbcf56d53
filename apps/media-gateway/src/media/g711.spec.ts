import { describe, expect, it } from 'vitest';
import { decodeG711, encodeG711, encodeG711Into, G711_PAYLOAD_TYPE, g711CodecForPayloadType, type G711Codec } from './g711.js';
import { SAMPLES_PER_FRAME } from './frame.js';
import { ToneGenerator } from './tone.js';
import { meanPower } from './tone-detector.js';

const CODECS: G711Codec[] = ['PCMU', 'PCMA'];

describe(encodeG711.name, () => {
  it('encodes silence to the codes that mean zero on the wire', () => {
    const zero = new Int16Array(SAMPLES_PER_FRAME);
    expect([...encodeG711('PCMU', zero)]).toEqual(new Array(160).fill(0xff));
    expect([...encodeG711('PCMA', zero)]).toEqual(new Array(160).fill(0xd5));
  });

  it('makes one byte per sample: a 20 ms frame is a 160-byte payload', () => {
    const frame = new ToneGenerator([1000], -10).next();
    for (const codec of CODECS) expect(encodeG711(codec, frame)).toHaveLength(160);
  });
});

describe(decodeG711.name, () => {
  it.each(CODECS)('%s: every 16-bit value survives a round trip within the law’s step size', (codec) => {
    const all = Int16Array.from({ length: 65536 }, (_, i) => i - 32768);
    const back = decodeG711(codec, encodeG711(codec, all));
    let worstRelative = 0;
    for (let i = 0; i < all.length; i++) {
      const x = all[i]!;
      const error = Math.abs(back[i]! - x);
      // Small values: absolute error within the finest step; large values: about 1/32 of the value.
      if (Math.abs(x) < 256) expect(error).toBeLessThanOrEqual(16);
      else worstRelative = Math.max(worstRelative, error / Math.abs(x));
    }
    expect(worstRelative).toBeLessThan(1 / 16);
    expect(worstRelative).toBeGreaterThan(0); // a lossless "codec" would mean the law is not applied
  });

  it.each(CODECS)('%s: a -10 dBFS tone keeps a signal-to-noise ratio above 35 dB', (codec) => {
    const frames = new ToneGenerator([1000], -10).frames(10);
    let signal = 0;
    let noise = 0;
    for (const frame of frames) {
      const back = decodeG711(codec, encodeG711(codec, frame));
      signal += meanPower(frame);
      noise += meanPower(frame.map((s, i) => s - back[i]!));
    }
    expect(10 * Math.log10(signal / noise)).toBeGreaterThan(35);
  });

  it('the two laws are different codes: decoding PCMA bytes as PCMU gives garbage', () => {
    const frame = new ToneGenerator([440], -6).next();
    const wrong = decodeG711('PCMU', encodeG711('PCMA', frame));
    const noise = meanPower(frame.map((s, i) => s - wrong[i]!));
    expect(noise).toBeGreaterThan(meanPower(frame) / 10);
  });
});

describe(encodeG711Into.name, () => {
  it('writes what encodeG711 returns into the given buffer, and makes a new one for another length', () => {
    const frame = Int16Array.from({ length: 160 }, (_, i) => Math.round(12000 * Math.sin(i / 3)) - (i % 7) * 900);
    for (const codec of ['PCMU', 'PCMA'] as G711Codec[]) {
      const out = new Uint8Array(160);
      expect(encodeG711Into(codec, frame, out)).toBe(out);
      expect(out).toEqual(encodeG711(codec, frame));
      const short = frame.subarray(0, 80);
      const other = encodeG711Into(codec, short, out);
      expect(other).not.toBe(out);
      expect(other).toEqual(encodeG711(codec, short));
    }
  });
});

describe(g711CodecForPayloadType.name, () => {
  it('maps the RFC 3551 static payload types and nothing else', () => {
    expect(g711CodecForPayloadType(G711_PAYLOAD_TYPE.PCMU)).toBe('PCMU');
    expect(g711CodecForPayloadType(8)).toBe('PCMA');
    expect(g711CodecForPayloadType(101)).toBeNull();
  });
});
