/**
 * A media worker thread: runs real legs (LegsMediaBackend: werift ICE/DTLS-SRTP, plain RTP,
 * G.711) for the main thread's WorkerMediaBackend and speaks media-worker-protocol.ts with
 * it. Received frames go out in batches every few ms (RECEIVED_FLUSH_MS); frames to send
 * arrive as one batch per engine tick. A direct bridge's legs in this worker relay to each
 * other here (LegsMediaBackend's relays) and their frames never leave it unless tapped.
 */
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { LegsMediaBackend } from './legs-media-backend.js';
import { SendJitterStats } from './send-jitter-stats.js';
import { TransitStats } from './transit-stats.js';
import { LoopDelay } from './loop-delay.js';
import { type PcmFrame } from '../media/frame.js';
import { type MediaEndpoint, type MediaEndpointEvents } from './media-backend.js';
import {
  forEachFrame,
  frameCount,
  FrameBatch,
  type FromMediaWorker,
  type MediaWorkerData,
  type MediaWorkerRequest,
  type MediaWorkerResult,
  serializeError,
  sharedClockMs,
  SHUTDOWN_GRACE_MS,
  type ToMediaWorker,
} from './media-worker-protocol.js';

/**
 * Older outgoing audio is dropped rather than sent: a worker that fell behind would only
 * fill the far ends' jitter buffers with late frames, and dropping lets it catch up.
 */
const STALE_FRAMES_MS = 200;

/**
 * Received frames wait this long to share a message. Packets of different calls arrive
 * spread over the 20 ms period, so a batch per event-loop turn meant hundreds of messages a
 * second, and a postMessage costs both threads far more than a frame's copy: about 12% of a
 * worker's CPU went to posting (bench:media --profile). Waiting costs no jitter where the
 * engine mixes: it plays frame n on its n-th tick out of a 40 ms cushion, whenever within it
 * the frame came. A direct bridge across workers does carry the wait (up to this long) into
 * its relayed audio, which is why its legs are placed in one worker (MediaPlacement).
 */
const RECEIVED_FLUSH_MS = 4;

if (!parentPort) throw new Error('media-worker.ts runs as a worker thread (new Worker), not as a script');
const port: MessagePort = parentPort;

const endpoints = new Map<number, MediaEndpoint>();
/** Handles by endpoint id: a relay names the leg it sent to by its id. */
const handles = new Map<string, number>();
const received = new FrameBatch();
const transit = new TransitStats();
const sendJitter = new SendJitterStats();
const loopDelay = new LoopDelay();
const backend = new LegsMediaBackend((workerData as MediaWorkerData).legs, {
  clock: sharedClockMs,
  relayed: (to, decodedAt, sentAt) => {
    const leg = handles.get(to);
    if (leg !== undefined) recordRelayed(leg, decodedAt, sentAt);
  },
});
let flushTimer: NodeJS.Timeout | null = null;

/** Any message but frames: the frames received before it go first, so the order holds. */
function post(message: FromMediaWorker): void {
  flushReceived();
  port.postMessage(message);
}

function flushReceived(): void {
  if (flushTimer) clearTimeout(flushTimer);
  flushTimer = null;
  if (received.size === 0) return;
  const batch = received.take();
  port.postMessage({ type: 'frames', batch } satisfies FromMediaWorker, [batch]);
}

function eventsFor(leg: number): MediaEndpointEvents {
  return {
    frame: (frame) => {
      received.add(leg, frame, sharedClockMs());
      flushTimer ??= setTimeout(flushReceived, RECEIVED_FLUSH_MS);
    },
    dtmf: (digit, durationMs) => post({ type: 'dtmf', leg, digit, durationMs }),
    failed: (cause) => {
      // The leg closed itself: the main thread's close() will find nothing left to do.
      const endpoint = endpoints.get(leg);
      if (endpoint) handles.delete(endpoint.id);
      endpoints.delete(leg);
      post({ type: 'failed', leg, cause });
    },
    connected: () => post({ type: 'connected', leg }),
  };
}

function requireEndpoint(leg: number): MediaEndpoint {
  const endpoint = endpoints.get(leg);
  if (!endpoint) throw new Error(`media worker has no leg ${leg} (closed or failed)`);
  return endpoint;
}

/** Offers whose answer has not come back yet: `accept` completes them. */
const pendingAccepts = new Map<number, (answer: string) => Promise<void>>();

async function handle(request: MediaWorkerRequest): Promise<MediaWorkerResult> {
  switch (request.type) {
    case 'answer': {
      const { endpoint, answer } = await backend.answer(request.offer, request.kind, eventsFor(request.leg));
      endpoints.set(request.leg, endpoint);
      handles.set(endpoint.id, request.leg);
      return { endpointId: endpoint.id, sdp: answer, heldByRemote: endpoint.heldByRemote };
    }
    case 'offer': {
      const { endpoint, offer, accept } = await backend.offer(request.kind, eventsFor(request.leg));
      endpoints.set(request.leg, endpoint);
      handles.set(endpoint.id, request.leg);
      pendingAccepts.set(request.leg, accept);
      return { endpointId: endpoint.id, sdp: offer, heldByRemote: endpoint.heldByRemote };
    }
    case 'accept': {
      const endpoint = requireEndpoint(request.leg);
      const accept = pendingAccepts.get(request.leg);
      if (!accept) throw new Error(`leg ${request.leg} has no offer waiting for an answer`);
      pendingAccepts.delete(request.leg);
      await accept(request.answer);
      return { heldByRemote: endpoint.heldByRemote };
    }
    case 'reoffer': {
      const endpoint = requireEndpoint(request.leg);
      const sdp = await endpoint.reoffer(request.sdp);
      return { sdp, heldByRemote: endpoint.heldByRemote };
    }
    case 'sendDigits':
      // Frames and this request share the port, so the presses start on the next batch's frame.
      return { sent: await requireEndpoint(request.leg).sendDigits(request.digits, request.durationMs) };
    case 'relay': {
      const endpoint = requireEndpoint(request.leg);
      const to = request.to === null ? null : requireEndpoint(request.to);
      return { relayed: endpoint.relayTo?.(to, request.tap) ?? false };
    }
    case 'transitStats':
      return { transit: transit.summary(request.reset), send: sendJitter.summary(request.reset), loop: loopDelay.summary(request.reset) };
    case 'close': {
      transit.forget(request.leg);
      sendJitter.forget(request.leg);
      const endpoint = endpoints.get(request.leg);
      endpoint?.close();
      if (endpoint) handles.delete(endpoint.id);
      endpoints.delete(request.leg);
      pendingAccepts.delete(request.leg);
      return {};
    }
  }
}

/** One frame of the main thread's batch out to its leg (a named function: no closure per batch). */
function sendTickedFrame(leg: number, frame: PcmFrame, madeFrom: number): void {
  const endpoint = endpoints.get(leg);
  if (!endpoint) return;
  endpoint.sendFrame(frame);
  // sendFrame encodes, encrypts and hands the packet to the socket before it returns.
  const sentAt = sharedClockMs();
  transit.record(leg, sentAt - madeFrom);
  // A frame made from the other party's (madeFrom set) is bridged audio passed through.
  sendJitter.sent(leg, sentAt, Number.isFinite(madeFrom));
}

/** One frame another worker's leg received, relayed through the main thread (a direct bridge across workers). */
function sendRelayedFrame(leg: number, frame: PcmFrame, decodedAt: number): void {
  const endpoint = endpoints.get(leg);
  if (!endpoint) return;
  endpoint.sendFrame(frame);
  recordRelayed(leg, decodedAt, sharedClockMs());
}

/** A relayed frame's measures: how long it took from its source's decoding to the socket. */
function recordRelayed(leg: number, decodedAt: number, sentAt: number): void {
  transit.record(leg, sentAt - decodedAt);
  sendJitter.relayed(leg, sentAt, decodedAt);
}

port.on('message', (message: ToMediaWorker) => {
  if (message.type === 'frames') {
    if (Date.now() - message.sentAt > STALE_FRAMES_MS) {
      sendJitter.dropped(frameCount(message.batch));
      return;
    }
    forEachFrame(message.batch, message.relayed ? sendRelayedFrame : sendTickedFrame);
    return;
  }
  if (message.type === 'shutdown') {
    shutDown();
    return;
  }
  handle(message).then(
    (result) => post({ type: 'reply', id: message.id, ok: true, result }),
    (error: unknown) => post({ type: 'reply', id: message.id, ok: false, error: serializeError(error) }),
  );
});

/**
 * Closes every leg (their sockets stop reading at once), then ends the thread once the
 * closes have gone through. A worker terminated from outside while a socket's receive
 * callback runs aborts the whole process in Node 20 (UDPWrap::OnRecv → AddressToJS:
 * "FATAL ERROR: v8::FromJust Maybe value is Nothing"), so the gateway ends its workers this
 * way and terminates only one that does not exit by itself.
 */
function shutDown(): void {
  for (const endpoint of endpoints.values()) endpoint.close();
  endpoints.clear();
  handles.clear();
  pendingAccepts.clear();
  setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS);
}

post({ type: 'ready' });
