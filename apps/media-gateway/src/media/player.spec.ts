import wavefile from 'wavefile';
import { describe, expect, it } from 'vitest';
import { type PcmFrame } from './frame.js';
import { decodeWav, PcmPlayer, TonePlayer, WavError, WavErrorCode, WavPlayer } from './player.js';
import { dominantFrequency, levelDbfs, toneEnergyRatio } from './tone-detector.js';

/** A WAV as a file on disk would hold it: `seconds` of the given sines at -6 dBFS per channel. */
function wav(options: { rate: number; bitDepth: string; channels: number[][]; seconds?: number }): Uint8Array {
  const { rate, bitDepth, channels, seconds = 1 } = options;
  const length = Math.round(rate * seconds);
  const unit = channels.map((freqs) => Float64Array.from({ length }, (_, n) => freqs.reduce((s, f) => s + 0.5 * Math.sin((2 * Math.PI * f * n) / rate), 0)));
  const file = new wavefile.WaveFile();
  const scale = bitDepth === '32f' ? 1 : bitDepth === '8' ? 127 : 2 ** (Number(bitDepth) - 1) - 1;
  // wavefile wants 8-bit samples unsigned, the others signed.
  const scaled = unit.map((c) => c.map((s) => (bitDepth === '8' ? Math.round(s * scale + 128) : bitDepth === '32f' ? s : Math.round(s * scale))));
  file.fromScratch(channels.length, rate, bitDepth, channels.length === 1 ? scaled[0]! : scaled);
  return file.toBuffer();
}

function framesOf(samples: Int16Array): PcmFrame[] {
  const sut = new PcmPlayer(samples);
  const frames: PcmFrame[] = [];
  for (let f = sut.next(); f; f = sut.next()) frames.push(f);
  return frames;
}

/**
 * Skip the filter's edges and judge 400 ms of the steady middle. Not longer: wavefile maps
 * the last input sample onto the last output sample, which shifts pitch by 1/length (0.01%
 * for one second) — inaudible, but over seconds enough to smear a Goertzel bin.
 */
const middle = (frames: PcmFrame[]) => frames.slice(5, 25);

describe(decodeWav.name, () => {
  it.each([
    [8000, '16'],
    [16000, '16'],
    [44100, '16'],
    [48000, '16'],
    [48000, '24'],
    [22050, '8'],
    [32000, '32'],
    [44100, '32f'],
  ])('delivers a 440 Hz tone from %i Hz %s-bit mono as 440 Hz at 8 kHz, same level, same length', (rate, bitDepth) => {
    const samples = decodeWav(wav({ rate, bitDepth, channels: [[440]] }));
    expect(samples.length).toBeGreaterThanOrEqual(7999);
    expect(samples.length).toBeLessThanOrEqual(8000);
    const frames = middle(framesOf(samples));
    expect(dominantFrequency(frames, [350, 440, 480, 1000], { minRatio: 0.95 })).toBe(440);
    expect(levelDbfs(frames)).toBeCloseTo(-6, 0);
  });

  it('averages stereo channels: left 440 Hz and right 1000 Hz both arrive, each 6 dB down', () => {
    const frames = middle(framesOf(decodeWav(wav({ rate: 48000, bitDepth: '16', channels: [[440], [1000]] }))));
    expect(toneEnergyRatio(frames, 440)).toBeCloseTo(0.5, 1);
    expect(toneEnergyRatio(frames, 1000)).toBeCloseTo(0.5, 1);
    expect(levelDbfs(frames)).toBeCloseTo(-9, 0); // two tones at -12 dBFS
  });

  it('keeps the top of the telephone band: 3400 Hz from 16 kHz within 1 dB', () => {
    const frames = middle(framesOf(decodeWav(wav({ rate: 16000, bitDepth: '16', channels: [[3400]] }))));
    expect(toneEnergyRatio(frames, 3400)).toBeGreaterThan(0.95);
    expect(Math.abs(levelDbfs(frames) + 6)).toBeLessThan(1);
  });

  it('filters instead of aliasing: 6 kHz at 48 kHz does not come back as 2 kHz', () => {
    const frames = middle(framesOf(decodeWav(wav({ rate: 48000, bitDepth: '16', channels: [[6000]] }))));
    expect(levelDbfs(frames)).toBeLessThan(-50);
  });

  it('reads G.711 WAV files (A-law, as telephony prompts are often shipped)', () => {
    const file = new wavefile.WaveFile(wav({ rate: 8000, bitDepth: '16', channels: [[440]] }));
    file.toALaw();
    const frames = middle(framesOf(decodeWav(file.toBuffer())));
    expect(dominantFrequency(frames, [440, 1000], { minRatio: 0.95 })).toBe(440);
  });

  it('refuses bytes that are not a WAV with a typed error', () => {
    expect(() => decodeWav(new TextEncoder().encode('ID3 not a wav at all'))).toThrow(WavError);
    try {
      decodeWav(new Uint8Array(44));
    } catch (error) {
      expect((error as WavError).code).toBe(WavErrorCode.Unreadable);
    }
  });
});

describe(PcmPlayer.name, () => {
  const ramp = Int16Array.from({ length: 400 }, (_, i) => i + 1);

  it('plays the samples exactly, pads the last frame with silence, then reports done', () => {
    const sut = new PcmPlayer(ramp);
    const frames = [sut.next(), sut.next(), sut.next()];
    expect(frames[0]![0]).toBe(1);
    expect(frames[1]![0]).toBe(161);
    expect(frames[2]![79]).toBe(400);
    expect(frames[2]![80]).toBe(0);
    expect(sut.done).toBe(true);
    expect(sut.next()).toBeNull();
  });

  it('loops seamlessly for music on hold until stopped', () => {
    const sut = new PcmPlayer(ramp, { loop: true });
    sut.next();
    sut.next();
    const wrap = sut.next()!;
    expect([wrap[79], wrap[80], wrap[81]]).toEqual([400, 1, 2]);
    for (let i = 0; i < 100; i++) expect(sut.next()).not.toBeNull();
    expect(sut.done).toBe(false);
    sut.stop();
    expect(sut.done).toBe(true);
    expect(sut.next()).toBeNull();
  });

  it('is done at once for an empty prompt, looping or not', () => {
    expect(new PcmPlayer(new Int16Array(0), { loop: true }).next()).toBeNull();
  });
});

describe(WavPlayer.name, () => {
  it('plays a 48 kHz stereo music file as 8 kHz frames, in a loop', () => {
    const sut = new WavPlayer(wav({ rate: 48000, bitDepth: '16', channels: [[440], [440]], seconds: 0.5 }), { loop: true });
    const frames = Array.from({ length: 60 }, () => sut.next()!); // 1.2 s: more than two passes
    expect(dominantFrequency(frames.slice(5), [440, 1000], { minRatio: 0.9 })).toBe(440);
    expect(sut.done).toBe(false);
  });
});

describe(TonePlayer.name, () => {
  it('stops after its duration', () => {
    const sut = new TonePlayer([1000], -10, { durationMs: 100 });
    const frames = [1, 2, 3, 4, 5].map(() => sut.next()!);
    expect(dominantFrequency(frames, [1000])).toBe(1000);
    expect(sut.next()).toBeNull();
    expect(sut.done).toBe(true);
  });

  it('follows a cadence: European ringback, 425 Hz, 1 s on, 4 s off', () => {
    const sut = new TonePlayer([425], -13, { cadence: { onMs: 1000, offMs: 4000 } });
    const frames = Array.from({ length: 300 }, () => sut.next()!);
    expect(dominantFrequency(frames.slice(0, 50), [425])).toBe(425);
    expect(levelDbfs(frames.slice(50, 250))).toBe(-Infinity);
    expect(dominantFrequency(frames.slice(250, 300), [425])).toBe(425);
  });

  it('can be stopped at any time', () => {
    const sut = new TonePlayer([440], -10);
    sut.next();
    sut.stop();
    expect(sut.next()).toBeNull();
  });
});
