import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JitterBuffer, type JitterOutput, type JitterPacket } from './jitter-buffer.js';

const packet = (sequenceNumber: number, timestamp = sequenceNumber * 160): JitterPacket => ({
  sequenceNumber: sequenceNumber & 0xffff,
  timestamp: timestamp >>> 0,
  payload: Uint8Array.of(sequenceNumber & 0xff),
});

const describeOutput = (o: JitterOutput) => (o.kind === 'frame' ? o.packet.sequenceNumber : o.kind === 'lost' ? `lost ${o.sequenceNumber}` : '-');

/** Drives `ticks` 20 ms ticks; `arrivals` maps a tick to the packets pushed just before its pop. */
function run(sut: JitterBuffer, arrivals: Map<number, JitterPacket[]>, ticks: number): (string | number)[] {
  const out: (string | number)[] = [];
  for (let t = 0; t < ticks; t++) {
    for (const p of arrivals.get(t) ?? []) sut.push(p, t * 20);
    out.push(describeOutput(sut.pop()));
  }
  return out;
}

const inOrder = (first: number, count: number, startTick = 0) => new Map(Array.from({ length: count }, (_, i) => [startTick + i, [packet(first + i)]]));

describe(JitterBuffer.name, () => {
  it('holds back delayFrames ticks, then releases one frame per tick in order', () => {
    const sut = new JitterBuffer({ delayFrames: 3 });
    expect(run(sut, inOrder(100, 6), 10)).toEqual(['-', '-', '-', 100, 101, 102, 103, 104, 105, '-']);
    expect(sut.stats).toMatchObject({ received: 6, lost: 0, late: 0, duplicate: 0, underruns: 1 });
  });

  it('puts reordered packets back in order', () => {
    const arrivals = new Map([[0, [packet(11), packet(10)]], [1, [packet(13)]], [2, [packet(12), packet(14)]]]);
    expect(run(new JitterBuffer({ delayFrames: 2 }), arrivals, 8)).toEqual(['-', '-', 10, 11, 12, 13, 14, '-']);
  });

  it('counts across the sequence number wrap without losing or reordering anything', () => {
    const sut = new JitterBuffer({ delayFrames: 1 });
    expect(run(sut, inOrder(65533, 6), 7)).toEqual(['-', 65533, 65534, 65535, 0, 1, 2]);
    expect(sut.stats.lost).toBe(0);
  });

  it('reports a lost packet in its slot and a too-late one as late', () => {
    const sut = new JitterBuffer({ delayFrames: 1 });
    const arrivals = new Map([[0, [packet(1)]], [1, [packet(2)]], [2, [packet(4)]], [3, [packet(5)]], [4, [packet(3)]]]);
    expect(run(sut, arrivals, 6)).toEqual(['-', 1, 2, 'lost 3', 4, 5]);
    expect(sut.stats).toMatchObject({ lost: 1, late: 1 });
  });

  it('drops duplicates', () => {
    const sut = new JitterBuffer({ delayFrames: 1 });
    expect(sut.push(packet(7), 0)).toBe('accepted');
    expect(sut.push(packet(7), 1)).toBe('duplicate');
    expect(run(sut, new Map(), 3)).toEqual(['-', 7, '-']);
    expect(sut.stats.duplicate).toBe(1);
  });

  it('starts over when the sender jumps far ahead (a restarted stream)', () => {
    const sut = new JitterBuffer({ delayFrames: 1, capacity: 50 });
    sut.push(packet(10), 0);
    expect(sut.push(packet(5000), 20)).toBe('resync');
    expect(run(sut, new Map(), 3)).toEqual(['-', 5000, '-']);
  });

  it('re-primes after running dry, so a resumed stream gets its cushion back', () => {
    const sut = new JitterBuffer({ delayFrames: 2 });
    const arrivals = new Map([...inOrder(0, 2), ...inOrder(2, 2, 6)]);
    expect(run(sut, arrivals, 12)).toEqual(['-', '-', 0, 1, '-', '-', '-', '-', 2, 3, '-', '-']);
  });

  it('measures RFC 3550 jitter: zero for steady arrival, ~10 ms for ±10 ms wobble', () => {
    const steady = new JitterBuffer();
    for (let i = 0; i < 100; i++) steady.push(packet(i), 1000 + i * 20);
    expect(steady.stats.jitter).toBe(0);

    const wobbly = new JitterBuffer();
    for (let i = 0; i < 300; i++) wobbly.push(packet(i), i * 20 + (i % 2 === 0 ? 0 : 10));
    expect(wobbly.stats.jitter).toBeCloseTo(80, 0); // |D| is 80 timestamp units every time
    expect(wobbly.stats.jitterMs).toBeCloseTo(10, 1);
  });

  it('measures jitter across the 32-bit timestamp wrap', () => {
    const sut = new JitterBuffer();
    for (let i = 0; i < 50; i++) sut.push(packet(i, 0xffff_ff00 + i * 160), i * 20);
    expect(sut.stats.jitter).toBe(0);
  });

  it('loses nothing when every packet is displaced by less than the delay', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffff }), fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 20, maxLength: 80 }), (first, delays) => {
        const sut = new JitterBuffer({ delayFrames: 3 });
        const arrivals = new Map<number, JitterPacket[]>();
        delays.forEach((d, i) => arrivals.set(i + d, [...(arrivals.get(i + d) ?? []), packet(first + i)]));
        const played = run(sut, arrivals, delays.length + 6).filter((o) => o !== '-');
        expect(played).toEqual(delays.map((_, i) => (first + i) & 0xffff));
        expect(sut.stats).toMatchObject({ lost: 0, late: 0 });
      }),
    );
  });
});
