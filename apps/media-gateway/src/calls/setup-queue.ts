import {
  type MediaBackend,
  MediaBackendError,
  MediaBackendErrorCode,
  type MediaEndpoint,
  type MediaEndpointEvents,
  type MediaKind,
  type MediaPlacement,
} from './media-backend.js';

/**
 * The bound on leg setups. Setting up a WebRTC leg (werift gathering candidates, then the
 * ICE checks and the DTLS handshake) is CPU-heavy: fifty started at once took a median 11 s
 * on two cores, ten at a time 0.4 s (/work/shared/TOOLCHAIN.md). So at most `concurrency`
 * setups run, the rest wait in arrival order, and beyond `queueLimit` waiting a setup is
 * refused at once (`gateway/overloaded`, which SIP answers with 503 and Retry-After) instead
 * of piling up until every caller times out.
 *
 * A slot is given back exactly once, whichever way the setup ends: done, failed, thrown.
 * Time spent waiting counts against nothing here; a leg's own setup timer starts only when
 * its negotiation does.
 */
export interface SetupQueueOptions {
  /** Setups in flight at once. */
  concurrency: number;
  /** Setups allowed to wait for a slot; one more is refused. */
  queueLimit: number;
  /** Told to a refused caller. Default 5 s. */
  retryAfterSeconds?: number;
}

export class SetupQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly options: SetupQueueOptions) {
    if (!(options.concurrency >= 1)) throw new RangeError(`setup concurrency ${options.concurrency} must be at least 1`);
    if (!(options.queueLimit >= 0)) throw new RangeError(`setup queue limit ${options.queueLimit} must not be negative`);
  }

  /** Setups running now. */
  get inFlight(): number {
    return this.running;
  }

  /** Setups waiting for a slot. */
  get queued(): number {
    return this.waiting.length;
  }

  /**
   * Waits for a slot; rejects at once with `gateway/overloaded` when the queue is full.
   * Resolves to the slot's release, which only its first call does anything.
   */
  async acquire(): Promise<() => void> {
    if (this.running >= this.options.concurrency) {
      if (this.waiting.length >= this.options.queueLimit) {
        throw new MediaBackendError(
          MediaBackendErrorCode.Overloaded,
          `${this.running} media setups running and ${this.waiting.length} waiting: refused`,
          this.options.retryAfterSeconds ?? 5,
        );
      }
      // The slot is handed over by `release`, so `running` already counts us when we wake.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.release();
    };
  }

  /** Runs `setup` in a slot held until its promise settles. */
  async run<T>(setup: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await setup();
    } finally {
      release();
    }
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running--;
  }
}

/**
 * Past this, a WebRTC leg that has not connected gives its slot back anyway: it is waiting
 * on the far end by then, not using our CPU.
 */
export const CONNECT_HOLD_LIMIT_MS = 5000;

/**
 * A backend whose `answer` and `offer` run through a setup queue.
 *
 * Producing the SDP is the cheap half of a WebRTC setup: the ICE checks and the DTLS
 * handshake come after the answer went out, and a burst of fifty of those at once starves
 * the event loops (werift's DTLS client then fails on the server's repeated
 * HelloVerifyRequest). So an answered WebRTC leg keeps its slot until it connects, fails,
 * closes, or `CONNECT_HOLD_LIMIT_MS` passes. A plain RTP leg (cheap) and an offer (whose far
 * end may ring for half a minute) give it back once their SDP is out.
 */
export function queuedMediaBackend(backend: MediaBackend, queue: SetupQueue, connectHoldLimitMs = CONNECT_HOLD_LIMIT_MS): MediaBackend {
  return {
    async answer(offer: string, kind: MediaKind, events: MediaEndpointEvents, placement?: MediaPlacement) {
      if (kind !== 'webrtc') return queue.run(() => backend.answer(offer, kind, events, placement));
      const release = await queue.acquire();
      const limit = setTimeout(release, connectHoldLimitMs);
      limit.unref?.();
      const done = () => {
        clearTimeout(limit);
        release();
      };
      try {
        const { endpoint, answer } = await backend.answer(
          offer,
          kind,
          {
          frame: (frame, receivedAt) => events.frame(frame, receivedAt),
          dtmf: (digit, durationMs) => events.dtmf(digit, durationMs),
          failed: (cause) => {
            done();
            events.failed(cause);
          },
          connected: () => {
            done();
            events.connected?.();
          },
        },
          placement,
        );
        return { endpoint: releasingOnClose(endpoint, done), answer };
      } catch (error) {
        done();
        throw error;
      }
    },
    offer: (kind: MediaKind, events: MediaEndpointEvents, placement?: MediaPlacement) => queue.run(() => backend.offer(kind, events, placement)),
  };
}

function releasingOnClose(endpoint: MediaEndpoint, release: () => void): MediaEndpoint {
  return {
    id: endpoint.id,
    get heldByRemote() {
      return endpoint.heldByRemote;
    },
    reoffer: (sdp) => endpoint.reoffer(sdp),
    sendFrame: (frame, madeFrom) => endpoint.sendFrame(frame, madeFrom),
    sendDigits: (digits, durationMs) => endpoint.sendDigits(digits, durationMs),
    ...(endpoint.relayTo ? { relayTo: (to, tap) => endpoint.relayTo!(to, tap) } : {}),
    close: () => {
      release();
      endpoint.close();
    },
  };
}
