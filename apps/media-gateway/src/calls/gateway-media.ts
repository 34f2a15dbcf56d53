import { LegsMediaBackend, type LegsMediaOptions } from './legs-media-backend.js';
import { type MediaBackend } from './media-backend.js';
import { queuedMediaBackend, SetupQueue } from './setup-queue.js';
import { type MediaStatsSummary, WorkerMediaBackend } from './worker-media-backend.js';

/**
 * The gateway's own media, as its configuration asks: legs in `workers` worker threads (or
 * in the main thread with 0), behind the bounded setup queue either way.
 */
export interface GatewayMediaOptions {
  workers: number;
  setupConcurrency: number;
  setupQueueLimit: number;
  legs: LegsMediaOptions;
  log?: (event: Record<string, unknown>) => void;
}

export interface GatewayMedia {
  backend: MediaBackend;
  /** The delay the gateway added (TransitStats) and its send jitter (SendJitterStats), measured in the worker threads; null without workers. */
  mediaStats(reset: boolean): Promise<MediaStatsSummary | null>;
  /** Stops the workers, if any. */
  close(): Promise<void>;
}

export function createGatewayMedia(options: GatewayMediaOptions): GatewayMedia {
  const queue = new SetupQueue({ concurrency: options.setupConcurrency, queueLimit: options.setupQueueLimit });
  if (options.workers === 0) return { backend: queuedMediaBackend(new LegsMediaBackend(options.legs), queue), mediaStats: async () => null, close: async () => undefined };
  const workers = new WorkerMediaBackend({ workers: options.workers, legs: options.legs, ...(options.log ? { log: options.log } : {}) });
  return { backend: queuedMediaBackend(workers, queue), mediaStats: (reset) => workers.mediaStats(reset), close: () => workers.close() };
}
