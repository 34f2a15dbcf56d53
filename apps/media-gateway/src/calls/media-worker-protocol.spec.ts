import { describe, expect, it } from 'vitest';
import { SAMPLES_PER_FRAME } from '../media/frame.js';
import { LegError, LegErrorCode } from '../legs/leg.js';
import { deserializeError, forEachFrame, FrameBatch, serializeError } from './media-worker-protocol.js';

const frameOf = (value: number, length = SAMPLES_PER_FRAME) => new Int16Array(length).fill(value);

function readFrameBatch(buffer: ArrayBuffer): [number, Int16Array, number][] {
  const read: [number, Int16Array, number][] = [];
  forEachFrame(buffer, (leg, frame, stamp) => read.push([leg, frame, stamp]));
  return read;
}

describe(FrameBatch.name, () => {
  it('packs the frames of many legs into one buffer that reads back in order', () => {
    const sut = new FrameBatch();
    sut.add(7, frameOf(-32768), 1796048629134.25);
    sut.add(0xfffffffe, frameOf(1234));
    sut.add(7, frameOf(32767), 5);
    expect(sut.size).toBe(3);

    const buffer = sut.take();
    expect(sut.size).toBe(0);
    expect(buffer.byteLength).toBe(4 * 4 + 3 * 8 + 3 * SAMPLES_PER_FRAME * 2);
    const read = readFrameBatch(buffer);
    expect(read.map(([leg]) => leg)).toEqual([7, 0xfffffffe, 7]);
    expect(read.map(([, , stamp]) => stamp)).toEqual([1796048629134.25, Number.NaN, 5]);
    expect(read.map(([, frame]) => [frame.length, frame[0], frame[159]])).toEqual([
      [160, -32768, -32768],
      [160, 1234, 1234],
      [160, 32767, 32767],
    ]);
  });

  it('cuts a long frame and pads a short one to 160 samples', () => {
    const sut = new FrameBatch();
    sut.add(1, frameOf(5, 200));
    sut.add(2, frameOf(9, 80));
    const [[, long], [, short]] = readFrameBatch(sut.take()) as [[number, Int16Array, number], [number, Int16Array, number]];
    expect(long.every((s) => s === 5)).toBe(true);
    expect([short[79], short[80], short.length]).toEqual([9, 0, 160]);
  });

  it('copies each frame as it is added, so the sender may reuse its buffer, and grows past its first size', () => {
    const sut = new FrameBatch();
    const reused = frameOf(0);
    for (let leg = 0; leg < 40; leg++) sut.add(leg, reused.fill(leg), leg / 2);
    reused.fill(-1);
    const read = readFrameBatch(sut.take());
    expect(read.map(([leg, frame, stamp]) => [leg, frame[0], frame[159], stamp])).toEqual(Array.from({ length: 40 }, (_, leg) => [leg, leg, leg, leg / 2]));
    sut.add(3, frameOf(9));
    expect(readFrameBatch(sut.take()).map(([leg, frame]) => [leg, frame[0]])).toEqual([[3, 9]]);
  });

  it('reads an empty batch as no frames', () => {
    expect(readFrameBatch(new FrameBatch().take())).toEqual([]);
  });
});

describe(serializeError.name, () => {
  it('keeps name, message and namespaced code across the thread boundary', () => {
    const back = deserializeError(serializeError(new LegError(LegErrorCode.NoCommonCodec, 'no PCMU')));
    expect(back).toBeInstanceOf(Error);
    expect(back).toMatchObject({ name: 'LegError', message: 'no PCMU', code: 'leg/no-common-codec' });
    expect(deserializeError(serializeError('odd'))).toMatchObject({ name: 'Error', message: 'odd' });
  });
});
