/**
 * DTMF as RTP named events (RFC 4733 §2.3): the 4-byte payload, a receiver that turns a
 * stream of event packets into one digit per key press, and the sender's packet sequence.
 *
 * Why the receiver keeps state: a single press arrives as many packets sharing one RTP
 * timestamp (the event start), with growing durations, then usually three copies of the end
 * packet. Any of them may be lost, duplicated or reordered. The timestamp identifies the
 * press; the end bit, a newer timestamp or `flush()` closes it.
 *
 *            packet, new timestamp                 end bit (or newer press, or flush)
 *   idle ───────────────────────────▶ in press ─────────────────────────────────▶ idle (digit emitted)
 *    ▲  packets with an ended or older timestamp are dropped: redundant ends, stragglers
 */
import { type DtmfDigit } from './tone.js';

export const TelephoneEventErrorCode = {
  /** Payload shorter than the 4 bytes of one event. */
  Truncated: 'dtmf/truncated-event',
} as const;

export class TelephoneEventError extends Error {
  readonly code = TelephoneEventErrorCode.Truncated;
  constructor(message: string) {
    super(message);
    this.name = 'TelephoneEventError';
  }
}

export interface TelephoneEvent {
  /** 0–9, 10 = *, 11 = #, 12–15 = A–D; other codes are other named events (flash, fax tones). */
  event: number;
  end: boolean;
  /** Power of the tone in -dBm0, 0–63. */
  volume: number;
  /** In RTP timestamp units since the event's timestamp. */
  duration: number;
}

const EVENT_DIGITS = '0123456789*#ABCD';

export function digitToEvent(digit: DtmfDigit): number {
  return EVENT_DIGITS.indexOf(digit);
}

export function eventToDigit(event: number): DtmfDigit | null {
  return event >= 0 && event < 16 ? (EVENT_DIGITS[event] as DtmfDigit) : null;
}

export function encodeTelephoneEvent(e: TelephoneEvent): Uint8Array {
  const bytes = new Uint8Array(4);
  bytes[0] = e.event & 0xff;
  bytes[1] = (e.end ? 0x80 : 0) | (e.volume & 0x3f);
  bytes[2] = (e.duration >> 8) & 0xff;
  bytes[3] = e.duration & 0xff;
  return bytes;
}

/** Reads the first event; RFC 2198 redundancy, if negotiated, is unwrapped before this. */
export function decodeTelephoneEvent(payload: Uint8Array): TelephoneEvent {
  if (payload.length < 4) throw new TelephoneEventError(`telephone-event payload of ${payload.length} bytes`);
  return {
    event: payload[0]!,
    end: (payload[1]! & 0x80) !== 0,
    volume: payload[1]! & 0x3f,
    duration: (payload[2]! << 8) | payload[3]!,
  };
}

/** What the receiver needs of an RTP packet carrying telephone-event. */
export interface TelephoneEventPacket {
  marker: boolean;
  timestamp: number;
  payload: Uint8Array;
}

export interface DtmfDigitEvent {
  digit: DtmfDigit;
  /** RTP timestamp of the press's start. */
  timestamp: number;
  durationMs: number;
  volume: number;
}

interface Press {
  event: number;
  startTimestamp: number;
  /** Timestamp of the current segment; differs from the start only for presses longer than 0xFFFF units. */
  segmentTimestamp: number;
  earlierSegments: number;
  duration: number;
  volume: number;
}

/** 32-bit timestamp a − b, signed, across the wrap. */
const timestampDistance = (a: number, b: number) => ((a - b) | 0);

/**
 * How far back a timestamp still counts as a straggler of a recent press. Further back is a
 * new stream (another SSRC after a transfer, a sender restart) whose presses must be heard.
 */
const STRAGGLER_WINDOW_SECONDS = 10;

export class DtmfEventReceiver {
  private press: Press | null = null;
  private lastEnded: number | null = null;

  constructor(private readonly clockRate = 8000) {}

  /** Forget all presses, e.g. when the stream's SSRC changes. */
  reset(): void {
    this.press = null;
    this.lastEnded = null;
  }

  private isBefore(timestamp: number, reference: number, orEqual: boolean): boolean {
    const distance = timestampDistance(timestamp, reference);
    return (orEqual ? distance <= 0 : distance < 0) && distance > -STRAGGLER_WINDOW_SECONDS * this.clockRate;
  }

  /** Digits completed by this packet: usually none, one on the end bit, two if an unfinished press is superseded by a one-packet press. */
  receive(packet: TelephoneEventPacket): DtmfDigitEvent[] {
    let e: TelephoneEvent;
    try {
      e = decodeTelephoneEvent(packet.payload);
    } catch {
      return []; // one bad packet must not end the call; the press is still closed by its siblings
    }
    const ts = packet.timestamp >>> 0;
    if (this.lastEnded !== null && this.isBefore(ts, this.lastEnded, true)) return [];
    const press = this.press;
    if (press && ts === press.segmentTimestamp) {
      press.duration = Math.max(press.duration, e.duration);
      press.volume = e.volume;
      const ended = e.end ? this.close() : null;
      return ended ? [ended] : [];
    }
    if (press && this.isBefore(ts, press.segmentTimestamp, false)) return [];

    const digits: DtmfDigitEvent[] = [];
    const continues = press && !packet.marker && e.event === press.event && ts === ((press.segmentTimestamp + press.duration) >>> 0);
    if (press && continues) {
      press.earlierSegments += press.duration;
      press.segmentTimestamp = ts;
      press.duration = e.duration;
      press.volume = e.volume;
    } else {
      const superseded = this.close();
      if (superseded) digits.push(superseded);
      this.press = { event: e.event, startTimestamp: ts, segmentTimestamp: ts, earlierSegments: 0, duration: e.duration, volume: e.volume };
    }
    if (e.end) {
      const ended = this.close();
      if (ended) digits.push(ended);
    }
    return digits;
  }

  /** Closes a press whose end packets never came; the caller calls it after some silence (e.g. 500 ms). */
  flush(): DtmfDigitEvent | null {
    return this.close();
  }

  private close(): DtmfDigitEvent | null {
    const press = this.press;
    if (!press) return null;
    this.press = null;
    this.lastEnded = press.segmentTimestamp;
    const digit = eventToDigit(press.event);
    if (digit === null) return null;
    return {
      digit,
      timestamp: press.startTimestamp,
      durationMs: ((press.earlierSegments + press.duration) * 1000) / this.clockRate,
      volume: press.volume,
    };
  }
}

export interface TelephoneEventSendOptions {
  /** RTP timestamp of the press; the audio stream resumes at timestamp + duration. */
  timestamp: number;
  durationMs?: number;
  volume?: number;
  clockRate?: number;
  packetMs?: number;
}

/**
 * The packets of one press, one per `packetMs` tick: the first with the marker bit, durations
 * growing, then the end packet three times (RFC 4733 §2.5.1.4) so one loss cannot hide the end.
 */
export function telephoneEventPackets(digit: DtmfDigit, options: TelephoneEventSendOptions): TelephoneEventPacket[] {
  const { timestamp, durationMs = 100, volume = 10, clockRate = 8000, packetMs = 20 } = options;
  const total = Math.round((durationMs * clockRate) / 1000);
  const step = (packetMs * clockRate) / 1000;
  // Longer presses would need segments with new timestamps; no keypad press lasts 8 s.
  if (total <= 0 || total > 0xffff) throw new RangeError(`DTMF duration ${durationMs} ms out of range`);
  const event = digitToEvent(digit);
  const packet = (duration: number, end: boolean, marker: boolean): TelephoneEventPacket => ({
    marker,
    timestamp: timestamp >>> 0,
    payload: encodeTelephoneEvent({ event, end, volume, duration }),
  });
  const packets: TelephoneEventPacket[] = [];
  for (let duration = step; duration < total; duration += step) packets.push(packet(duration, false, packets.length === 0));
  for (let i = 0; i < 3; i++) packets.push(packet(total, true, packets.length === 0));
  return packets;
}
