import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeTelephoneEvent,
  DtmfEventReceiver,
  encodeTelephoneEvent,
  eventToDigit,
  TelephoneEventError,
  telephoneEventPackets,
  type DtmfDigitEvent,
  type TelephoneEventPacket,
} from './telephone-event.js';
import { type DtmfDigit } from './tone.js';

const hex = (s: string) => Uint8Array.from(Buffer.from(s.replace(/\s/g, ''), 'hex'));

function receiveAll(packets: readonly TelephoneEventPacket[], sut = new DtmfEventReceiver()): DtmfDigitEvent[] {
  const digits = packets.flatMap((p) => sut.receive(p));
  const pending = sut.flush();
  return pending ? [...digits, pending] : digits;
}

describe(decodeTelephoneEvent.name, () => {
  it('reads the RFC 4733 example layout: event 5, end, volume 10, duration 800', () => {
    expect(decodeTelephoneEvent(hex('05 8a 03 20'))).toEqual({ event: 5, end: true, volume: 10, duration: 800 });
    expect(decodeTelephoneEvent(hex('0b 3f ff ff'))).toEqual({ event: 11, end: false, volume: 63, duration: 65535 });
  });

  it('round-trips every field combination', () => {
    fc.assert(
      fc.property(
        fc.record({ event: fc.integer({ min: 0, max: 255 }), end: fc.boolean(), volume: fc.integer({ min: 0, max: 63 }), duration: fc.integer({ min: 0, max: 0xffff }) }),
        (e) => {
          expect(decodeTelephoneEvent(encodeTelephoneEvent(e))).toEqual(e);
        },
      ),
    );
  });

  it('refuses a short payload with a typed error', () => {
    expect(() => decodeTelephoneEvent(hex('05 8a 03'))).toThrow(TelephoneEventError);
  });

  it('maps event codes to keypad digits', () => {
    expect([0, 9, 10, 11, 12, 15].map(eventToDigit)).toEqual(['0', '9', '*', '#', 'A', 'D']);
    expect(eventToDigit(16)).toBeNull(); // flash is an event, not a digit
  });
});

describe(telephoneEventPackets.name, () => {
  it('sends a 100 ms press as marker, growing durations, then three end packets, all on one timestamp', () => {
    const packets = telephoneEventPackets('7', { timestamp: 1000, durationMs: 100 });
    const events = packets.map((p) => decodeTelephoneEvent(p.payload));
    expect(events.map((e) => e.duration)).toEqual([160, 320, 480, 640, 800, 800, 800]);
    expect(events.map((e) => e.end)).toEqual([false, false, false, false, true, true, true]);
    expect(packets.map((p) => p.marker)).toEqual([true, false, false, false, false, false, false]);
    expect(new Set(packets.map((p) => p.timestamp))).toEqual(new Set([1000]));
    expect(events.every((e) => e.event === 7 && e.volume === 10)).toBe(true);
  });
});

describe(DtmfEventReceiver.name, () => {
  const press = (digit: DtmfDigit, timestamp: number, durationMs = 100) => telephoneEventPackets(digit, { timestamp, durationMs });

  it('turns one press, with its redundant end packets, into exactly one digit with start and duration', () => {
    const sut = new DtmfEventReceiver();
    const perPacket = press('5', 48_000, 120).map((p) => sut.receive(p));
    expect(perPacket.flat()).toEqual([{ digit: '5', timestamp: 48_000, durationMs: 120, volume: 10 }]);
    expect(perPacket.findIndex((d) => d.length > 0)).toBe(5); // reported on the first end packet, not again
    expect(sut.flush()).toBeNull();
  });

  it('turns a sequence of presses into the dialled number', () => {
    const packets = [...'0800#'].flatMap((d, i) => press(d as DtmfDigit, 8000 * i));
    expect(receiveAll(packets).map((d) => d.digit).join('')).toBe('0800#');
  });

  it('keeps a repeated digit as two presses: they differ by timestamp', () => {
    expect(receiveAll([...press('1', 100), ...press('1', 2000)]).map((d) => d.timestamp)).toEqual([100, 2000]);
  });

  it('closes a press whose end packets were all lost when the next press starts', () => {
    const first = press('3', 0).filter((p) => !decodeTelephoneEvent(p.payload).end);
    const digits = receiveAll([...first, ...press('4', 1600)]);
    expect(digits.map((d) => [d.digit, d.durationMs])).toEqual([['3', 80], ['4', 100]]);
  });

  it('works across the 32-bit timestamp wrap', () => {
    const digits = receiveAll([...press('8', 0xffff_fe00), ...press('9', 0x0000_0400)]);
    expect(digits.map((d) => d.digit)).toEqual(['8', '9']);
  });

  it('ignores stragglers of an earlier press that arrive after a later one started', () => {
    const a = press('1', 1000);
    const b = press('2', 3000);
    const digits = receiveAll([...a.slice(0, 5), ...b.slice(0, 2), a[5]!, a[6]!, ...b.slice(2)]);
    expect(digits.map((d) => d.digit)).toEqual(['1', '2']);
  });

  it('hears a new stream whose timestamps start far below the last press (new SSRC after a transfer)', () => {
    const digits = receiveAll([...press('1', 9_000_000), ...press('2', 1_000), ...press('3', 9_000_000)]);
    expect(digits.map((d) => d.digit)).toEqual(['1', '2', '3']);
  });

  it('adds up a press longer than 0xFFFF units sent as segments (RFC 4733 §2.5.2.3)', () => {
    const sut = new DtmfEventReceiver();
    const segment = (timestamp: number, duration: number, end: boolean, marker: boolean) =>
      sut.receive({ marker, timestamp, payload: encodeTelephoneEvent({ event: 0, end, volume: 10, duration }) });
    expect(segment(0, 160, false, true)).toEqual([]);
    expect(segment(0, 65535, false, false)).toEqual([]);
    expect(segment(65535, 16000, true, false)).toEqual([{ digit: '0', timestamp: 0, durationMs: (65535 + 16000) / 8, volume: 10 }]);
  });

  it('ignores a malformed payload instead of failing the stream', () => {
    const sut = new DtmfEventReceiver();
    expect(sut.receive({ marker: true, timestamp: 5, payload: hex('05') })).toEqual([]);
    expect(receiveAll(press('6', 10), sut).map((d) => d.digit)).toEqual(['6']);
  });

  it('reports each press exactly once under any loss, duplication and reordering', () => {
    const digits = [...'0123456789*#ABCD'] as DtmfDigit[];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...digits), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.array(fc.tuple(fc.nat(), fc.nat(3), fc.integer({ min: -2, max: 2 }))),
        (presses, start, mangles) => {
          // Each press keeps at least one packet; within a press, packets get dropped, copied or moved a little.
          const stream = presses.flatMap((digit, i) => {
            const packets = press(digit, (start + i * 4000) >>> 0);
            const kept: TelephoneEventPacket[] = [...packets];
            for (const [where, action, shift] of mangles.filter((_, k) => k % presses.length === i)) {
              const at = where % kept.length;
              if (action === 0 && kept.length > 1) kept.splice(at, 1);
              else if (action === 1) kept.splice(at, 0, kept[at]!);
              else {
                const [p] = kept.splice(at, 1);
                kept.splice(Math.max(0, Math.min(kept.length, at + shift)), 0, p!);
              }
            }
            return kept;
          });
          expect(receiveAll(stream).map((d) => d.digit)).toEqual(presses);
        },
      ),
      { numRuns: 500 },
    );
  });
});
