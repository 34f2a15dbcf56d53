import { describe, expect, it } from 'vitest';
import { decodeWav } from '../../media/player.js';
import { decodePcm16Wav, encodePcm16Wav } from './pcm-wav.js';

describe('pcm-wav', () => {
  const samples = Int16Array.from({ length: 1001 }, (_, i) => ((i * 7919) % 65536) - 32768);

  it('reads back what it writes', () => {
    expect(decodePcm16Wav(encodePcm16Wav(samples, 8000))).toEqual({ samples, sampleRate: 8000 });
  });

  it('writes a WAV that the gateway decoder reads the same', () => {
    expect(decodeWav(encodePcm16Wav(samples, 8000))).toEqual(samples);
  });

  it('skips chunks it does not know', () => {
    const plain = encodePcm16Wav(samples, 22_050);
    const list = new Uint8Array([...'LIST'].map((c) => c.charCodeAt(0)).concat([3, 0, 0, 0, 1, 2, 3, 0]));
    const withList = new Uint8Array([...plain.subarray(0, 36), ...list, ...plain.subarray(36)]);
    expect(decodePcm16Wav(withList)).toEqual({ samples, sampleRate: 22_050 });
  });

  it.each([
    ['not a WAV', new TextEncoder().encode('not a wav at all')],
    ['stereo', (() => {
      const bytes = encodePcm16Wav(samples, 8000);
      bytes[22] = 2;
      return bytes;
    })()],
    ['no data chunk', encodePcm16Wav(samples, 8000).subarray(0, 36)],
  ])('refuses %s', (_, bytes) => {
    expect(() => decodePcm16Wav(bytes)).toThrow();
  });
});
