import { describe, expect, it } from 'vitest';
import { getBit, RtcpHeader, RtpHeader } from 'werift';

/** werift 0.24.4's getBit as published, before patches/werift@0.24.4.patch. */
function publishedGetBit(bits: number, startIndex: number, length = 1): number {
  let bin = bits.toString(2).split('');
  bin = [...Array<string>(8 - bin.length).fill('0'), ...bin];
  const s = bin.slice(startIndex, startIndex + length).join('');
  return Number.parseInt(s, 2);
}

function outcome(f: () => number): number | string {
  try {
    return f();
  } catch (error) {
    return (error as Error).constructor.name;
  }
}

describe('patched werift getBit', () => {
  it('equals the published one for every byte, start and length', () => {
    for (let bits = 0; bits < 256; bits++) {
      for (let start = -1; start <= 9; start++) {
        for (let length = -1; length <= 10; length++) {
          expect(outcome(() => getBit(bits, start, length))).toEqual(outcome(() => publishedGetBit(bits, start, length)));
        }
        expect(getBit(bits, start)).toEqual(publishedGetBit(bits, start));
      }
    }
  });

  it('keeps the published behaviour for what is not a byte (read past a buffer’s end, wider values)', () => {
    for (const bits of [undefined, 256, 1000, -1, 2.5, Number.NaN] as unknown as number[]) {
      for (const [start, length] of [
        [0, 1],
        [2, 3],
        [4, 4],
      ] as const) {
        expect(outcome(() => getBit(bits, start, length))).toEqual(outcome(() => publishedGetBit(bits, start, length)));
      }
    }
  });

  it('is what RTP and RTCP headers are parsed with', () => {
    const rtp = RtpHeader.deSerialize(Buffer.from([0b1010_0010, 0b1000_0000 | 101, 0, 7, 0, 0, 0, 9, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3]));
    expect(rtp).toMatchObject({ version: 2, padding: true, extension: false, csrcLength: 2, csrc: [2, 3], marker: true, payloadType: 101 });
    const rtcp = RtcpHeader.deSerialize(Buffer.from([0b1010_0011, 201, 0, 7]));
    expect(rtcp).toMatchObject({ version: 2, padding: true, count: 3, type: 201, length: 7 });
  });
});
