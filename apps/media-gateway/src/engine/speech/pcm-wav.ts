/**
 * The one WAV shape the speech cache reads and writes: mono 16-bit PCM. wavefile (behind
 * `decodeWav`) unpacks sample by sample, about 80 ms for three minutes of audio, on the
 * thread that ticks the media engine; this is a header and a block copy.
 */
import { endianness } from 'node:os';

const LITTLE_ENDIAN_HOST = endianness() === 'LE';
const HEADER_BYTES = 44;

export interface Pcm16Audio {
  samples: Int16Array;
  sampleRate: number;
}

export function encodePcm16Wav(samples: Int16Array, sampleRate: number): Uint8Array {
  const bytes = new Uint8Array(HEADER_BYTES + samples.length * 2);
  const view = new DataView(bytes.buffer);
  const ascii = (offset: number, text: string) => {
    for (let i = 0; i < text.length; i++) bytes[offset + i] = text.charCodeAt(i);
  };
  ascii(0, 'RIFF');
  view.setUint32(4, bytes.length - 8, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  ascii(36, 'data');
  view.setUint32(40, samples.length * 2, true);
  if (LITTLE_ENDIAN_HOST) bytes.set(new Uint8Array(samples.buffer, samples.byteOffset, samples.length * 2), HEADER_BYTES);
  else for (let i = 0; i < samples.length; i++) view.setInt16(HEADER_BYTES + i * 2, samples[i]!, true);
  return bytes;
}

/** Throws for anything but a RIFF WAVE of mono 16-bit PCM. */
export function decodePcm16Wav(bytes: Uint8Array): Pcm16Audio {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (offset: number) => String.fromCharCode(...bytes.subarray(offset, offset + 4));
  if (bytes.length < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') throw new Error('not a RIFF WAVE file');
  let sampleRate: number | null = null;
  for (let offset = 12; offset + 8 <= bytes.length; ) {
    const id = tag(offset);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 'fmt ') {
      if (size < 16 || body + 16 > bytes.length) throw new Error('a short fmt chunk');
      const format = view.getUint16(body, true);
      const channels = view.getUint16(body + 2, true);
      const bits = view.getUint16(body + 14, true);
      if (format !== 1 || channels !== 1 || bits !== 16) throw new Error(`format ${format}, ${channels} channels, ${bits} bits: not mono 16-bit PCM`);
      sampleRate = view.getUint32(body + 4, true);
    } else if (id === 'data') {
      if (sampleRate === null) throw new Error('data before fmt');
      // A size past the end (a writer that never patched it) is read as "to the end".
      const end = Math.min(bytes.length, body + size);
      const count = Math.floor((end - body) / 2);
      const samples = new Int16Array(count);
      if (LITTLE_ENDIAN_HOST) new Uint8Array(samples.buffer).set(bytes.subarray(body, body + count * 2));
      else for (let i = 0; i < count; i++) samples[i] = view.getInt16(body + i * 2, true);
      return { samples, sampleRate };
    }
    offset = body + size + (size % 2); // chunks are padded to even lengths
  }
  throw new Error('no data chunk');
}
