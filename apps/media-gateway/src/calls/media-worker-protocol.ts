/**
 * The messages between the gateway's main thread and a media worker (media-worker.ts), and
 * the frame batch both directions use for audio.
 *
 * Audio never costs a message per frame: each side collects the frames of one turn (the
 * main thread: one engine tick; a worker: the packets received in a few ms) and
 * posts them as one transferable ArrayBuffer:
 *
 *   [count: u32] [leg handle: u32] × count (padded to 8 bytes) [stamp: f64] × count
 *   [160 × i16 samples] × count   (host byte order)
 *
 * A received frame's stamp is when the worker decoded it; a frame to send carries the stamp
 * of the frame it was made from (the other party's, in a two-party bridge), or NaN. The
 * worker measures the difference when it sends: the delay the gateway added (see
 * TransitStats).
 *
 * A direct bridge (MediaEndpoint.relayTo) whose legs share a worker relays inside it and
 * posts nothing (unless recorded); across workers, the main thread passes each received
 * frame on to the other worker at once, without waiting for the engine's tick.
 *
 * Everything else (setup, re-offers, close, digits, connected, failures) is a plain
 * structured-clone message; requests carry an id their reply repeats.
 */
import { type PcmFrame, SAMPLES_PER_FRAME } from '../media/frame.js';
import { type MediaEndpointEvents, type MediaKind } from './media-backend.js';
import { type LegsMediaOptions } from './legs-media-backend.js';
import { type SendJitterSummary } from './send-jitter-stats.js';
import { type TransitSummary } from './transit-stats.js';
import { type LoopDelaySummary } from './loop-delay.js';

/** What a worker is started with (its `workerData`). */
export interface MediaWorkerData {
  legs: LegsMediaOptions;
}

/** A request for one leg (`leg` is the main thread's handle for it), before it gets its id. */
export type MediaWorkerCall =
  | { type: 'answer'; leg: number; kind: MediaKind; offer: string }
  | { type: 'offer'; leg: number; kind: MediaKind }
  | { type: 'accept'; leg: number; answer: string }
  | { type: 'reoffer'; leg: number; sdp: string }
  | { type: 'sendDigits'; leg: number; digits: string; durationMs: number }
  /** Relay `leg`'s received frames to `to` (a leg of the same worker) as they come, or stop (null); `tap`: post them too. */
  | { type: 'relay'; leg: number; to: number | null; tap: boolean }
  /** The worker's TransitStats (not about one leg: `leg` is 0). */
  | { type: 'transitStats'; leg: number; reset: boolean }
  | { type: 'close'; leg: number };

export type MediaWorkerRequest = MediaWorkerCall & { id: number };

/** What a request resolves to; which fields are set depends on the request. */
export interface MediaWorkerResult {
  /** answer, offer: the endpoint's id. */
  endpointId?: string;
  /** answer, offer, reoffer: our SDP. */
  sdp?: string;
  /** answer, accept, reoffer: the far end holds us (cached by the main thread's proxy). */
  heldByRemote?: boolean;
  /** sendDigits: the far end takes telephone-events and the presses are queued. */
  sent?: boolean;
  /** relay: the relay is set (false: a leg does not relay). */
  relayed?: boolean;
  /** transitStats. */
  transit?: TransitSummary;
  /** transitStats: the regularity of what the worker sent (SendJitterStats). */
  send?: SendJitterSummary;
  /** transitStats: how late the worker's event loop ran (LoopDelay). */
  loop?: LoopDelaySummary;
}

export interface SerializedError {
  name: string;
  message: string;
  code?: string;
}

/**
 * `frames`: what the engine's tick sends each leg; with `relayed`, frames a direct bridge's
 * leg in another worker received, passed on by the main thread as they came (each stamped
 * with its decode instant).
 */
export type ToMediaWorker =
  | MediaWorkerRequest
  | { type: 'frames'; sentAt: number; batch: ArrayBuffer; relayed?: boolean }
  /** Close every leg, then end the thread (SHUTDOWN_GRACE_MS later): see WorkerMediaBackend.close. */
  | { type: 'shutdown' };

/** How long a worker told to shut down waits for its legs' sockets to close before it exits. */
export const SHUTDOWN_GRACE_MS = 100;

export type FromMediaWorker =
  | { type: 'ready' }
  | { type: 'reply'; id: number; ok: true; result: MediaWorkerResult }
  | { type: 'reply'; id: number; ok: false; error: SerializedError }
  | { type: 'frames'; batch: ArrayBuffer }
  | { type: 'dtmf'; leg: number; digit: string; durationMs: number }
  | { type: 'failed'; leg: number; cause: Parameters<MediaEndpointEvents['failed']>[0] }
  | { type: 'connected'; leg: number };

const FRAME_BYTES = SAMPLES_PER_FRAME * 2;

/**
 * Frames of many legs gathered for one message. Each frame is copied in as it is added, so
 * a sender may hand over a buffer it reuses (the mixer's output, a decoder's scratch) and the
 * batch allocates nothing per frame: its scratch grows to the largest batch seen and stays.
 * At 20 ms per tick and hundreds of legs, per-frame garbage is what drives the collector
 * (bench:media's observations), and its pauses stall every call at once.
 */
export class FrameBatch {
  private count = 0;
  private legs = new Uint32Array(16);
  private stamps = new Float64Array(16);
  private samples = new Int16Array(16 * SAMPLES_PER_FRAME);

  get size(): number {
    return this.count;
  }

  add(leg: number, frame: PcmFrame, stamp = Number.NaN): void {
    if (this.count === this.legs.length) this.grow();
    const at = this.count++;
    this.legs[at] = leg;
    this.stamps[at] = stamp;
    // A frame is 160 samples by the media model; anything else is cut or padded with silence.
    const offset = at * SAMPLES_PER_FRAME;
    if (frame.length >= SAMPLES_PER_FRAME) this.samples.set(frame.length === SAMPLES_PER_FRAME ? frame : frame.subarray(0, SAMPLES_PER_FRAME), offset);
    else {
      this.samples.set(frame, offset);
      this.samples.fill(0, offset + frame.length, offset + SAMPLES_PER_FRAME);
    }
  }

  /** The batch as one buffer (to transfer), leaving this batch empty. */
  take(): ArrayBuffer {
    const count = this.count;
    const stampsAt = stampsOffset(count);
    const buffer = new ArrayBuffer(stampsAt + 8 * count + FRAME_BYTES * count);
    const header = new Uint32Array(buffer, 0, 1 + count);
    header[0] = count;
    header.set(this.legs.subarray(0, count), 1);
    new Float64Array(buffer, stampsAt, count).set(this.stamps.subarray(0, count));
    new Int16Array(buffer, stampsAt + 8 * count, count * SAMPLES_PER_FRAME).set(this.samples.subarray(0, count * SAMPLES_PER_FRAME));
    this.count = 0;
    return buffer;
  }

  private grow(): void {
    const capacity = this.legs.length * 2;
    const legs = new Uint32Array(capacity);
    legs.set(this.legs);
    const stamps = new Float64Array(capacity);
    stamps.set(this.stamps);
    const samples = new Int16Array(capacity * SAMPLES_PER_FRAME);
    samples.set(this.samples);
    this.legs = legs;
    this.stamps = stamps;
    this.samples = samples;
  }
}

/** Where the stamps start: after the count and the handles, on an 8-byte boundary. */
function stampsOffset(count: number): number {
  return Math.ceil((4 * (1 + count)) / 8) * 8;
}

/**
 * Hands each frame of a batch buffer to `visit`, as a view into the buffer (no copy), in the
 * order they were added. A callback rather than an iterator: no result object per frame.
 */
export function forEachFrame(buffer: ArrayBuffer, visit: (leg: number, frame: PcmFrame, stamp: number) => void): void {
  const count = new Uint32Array(buffer, 0, 1)[0]!;
  const legs = new Uint32Array(buffer, 4, count);
  const stampsAt = stampsOffset(count);
  const stamps = new Float64Array(buffer, stampsAt, count);
  const offset = stampsAt + 8 * count;
  for (let i = 0; i < count; i++) visit(legs[i]!, new Int16Array(buffer, offset + i * FRAME_BYTES, SAMPLES_PER_FRAME), stamps[i]!);
}

/** How many frames a batch buffer holds. */
export function frameCount(buffer: ArrayBuffer): number {
  return new Uint32Array(buffer, 0, 1)[0]!;
}

/** A clock every thread of the process reads alike (ms): workers' performance.now() starts elsewhere. */
export function sharedClockMs(): number {
  return performance.timeOrigin + performance.now();
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { name: error.name, message: error.message, ...(typeof code === 'string' ? { code } : {}) };
  }
  return { name: 'Error', message: String(error) };
}

/** The worker's error rebuilt on this side: same name, message and code, so callers can tell them apart. */
export function deserializeError(serialized: SerializedError): Error {
  const error = new Error(serialized.message) as Error & { code?: string };
  error.name = serialized.name;
  if (serialized.code !== undefined) error.code = serialized.code;
  return error;
}
