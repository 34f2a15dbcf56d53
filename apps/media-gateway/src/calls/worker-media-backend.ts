/**
 * Legs in worker threads, so media uses every core. werift costs about 85 µs of CPU per
 * packet and one event loop saturates near 100 two-way calls (/work/shared/TOOLCHAIN.md):
 * the ICE/DTLS-SRTP/RTP/G.711 work of each leg runs in one of N workers (media-worker.ts,
 * each a LegsMediaBackend), while the media engine, which only mixes 20 ms frames, stays on
 * the main thread with the call layer. The call layer sees proxy MediaEndpoints.
 *
 * - Audio crosses in batches (media-worker-protocol.ts): every frame the engine sends in one
 *   tick goes to a worker in one message per worker; a worker sends what it received in a
 *   few ms as one message.
 * - A direct bridge (MediaEndpoint.relayTo) whose legs share a worker relays inside it; one
 *   across workers has each received frame passed on by this thread as it arrives, without
 *   waiting for the engine's tick.
 * - A new leg goes to the worker of its placement group's live legs (MediaPlacement: the
 *   legs of a call to be bridged), else to the worker with the fewest live legs (legs still
 *   in setup count).
 * - A worker that dies takes its legs with it: each one already handed out is reported
 *   `failed('failure')` (the call layer hangs it up), each setup in progress rejects, and a
 *   new worker takes the dead one's place.
 * - Workers start with the first leg, not before (a gateway that never carries a call, e.g.
 *   in unit tests, starts no thread), and end with `close()`.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type PcmFrame } from '../media/frame.js';
import { emptySendSummary, mergeSendSummaries, type SendJitterSummary } from './send-jitter-stats.js';
import { emptySummary, mergeSummaries, type TransitSummary } from './transit-stats.js';
import { emptyLoopDelay, type LoopDelaySummary, mergeLoopDelays } from './loop-delay.js';
import { type LegsMediaOptions } from './legs-media-backend.js';
import { type MediaBackend, type MediaEndpoint, type MediaEndpointEvents, type MediaKind, type MediaPlacement } from './media-backend.js';
import {
  deserializeError,
  forEachFrame,
  FrameBatch,
  type FromMediaWorker,
  type MediaWorkerCall,
  type MediaWorkerData,
  type MediaWorkerResult,
  type ToMediaWorker,
} from './media-worker-protocol.js';

/** The workers' media measures, merged. */
export interface MediaStatsSummary {
  /** Decode→send delay of passed-through frames (TransitStats). */
  transit: TransitSummary;
  /** Regularity of each outgoing stream's send instants (SendJitterStats). */
  send: SendJitterSummary;
  /** How late the workers' event loops ran (LoopDelay; the worst worker's). */
  loop: LoopDelaySummary;
}

export interface MediaWorkerEntry {
  url: URL;
  /** Node options of the worker; undefined inherits the process's. */
  execArgv?: string[];
}

/**
 * Where the worker's code is. Built (`node dist/main.js`, or the server importing this
 * package's dist), media-worker.js sits beside this file and runs as it is. Under vitest
 * this file is src/…/worker-media-backend.ts: vitest transforms the modules of the test
 * process, but `new Worker(url)` is plain Node, which finds no media-worker.js there and
 * cannot run .ts on Node 20. Then the worker gets media-worker.ts plus module hooks
 * (media-worker-hooks.mjs) that transpile each .ts with the package's own typescript, so
 * tests exercise the current sources, not a dist/ that may be stale, with no extra
 * dependency and no build step.
 */
export function mediaWorkerEntry(): MediaWorkerEntry {
  const built = new URL('./media-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(built))) return { url: built };
  const source = new URL('./media-worker.ts', import.meta.url);
  const hooks = new URL('./media-worker-hooks.mjs', import.meta.url);
  if (!existsSync(fileURLToPath(source)) || !existsSync(fileURLToPath(hooks))) {
    throw new Error(`no media worker beside ${fileURLToPath(import.meta.url)} (media-worker.js, or media-worker.ts with media-worker-hooks.mjs)`);
  }
  const register = `import { register } from 'node:module'; register(${JSON.stringify(hooks.href)});`;
  return { url: source, execArgv: ['--enable-source-maps', '--import', `data:text/javascript,${encodeURIComponent(register)}`] };
}

export interface WorkerMediaOptions {
  /** Worker threads; at least 1 (0 means no workers: use LegsMediaBackend instead). */
  workers: number;
  /** What each worker's legs are opened with. */
  legs: LegsMediaOptions;
  log?: (event: Record<string, unknown>) => void;
  /** Default: mediaWorkerEntry(). */
  entry?: MediaWorkerEntry;
}

/** How long close() waits for a worker to exit by itself before terminating it. */
const WORKER_EXIT_WAIT_MS = 1000;

/** A dead worker is replaced at once; one that dies while starting, after a growing pause. */
const RESPAWN_BACKOFF_MS = { first: 500, max: 30_000 };

interface WorkerSlot {
  readonly index: number;
  readonly worker: Worker;
  /** It said it is up; until then messages wait in its port, which is fine. */
  ready: boolean;
  /** Settles when it is up or died trying. */
  readonly started: Promise<void>;
  markStarted(): void;
  alive: boolean;
  /** Handles of its live legs (in setup or handed out). */
  readonly legs: Set<number>;
  readonly pending: Map<number, { resolve(result: MediaWorkerResult): void; reject(error: Error): void }>;
  /** Frames for its legs since the last flush. */
  readonly outgoing: FrameBatch;
  /** Frames relayed to its legs from another worker's since the last flush. */
  readonly relayedIn: FrameBatch;
}

interface LegRecord {
  readonly handle: number;
  readonly slot: WorkerSlot;
  readonly events: MediaEndpointEvents;
  /** Set once the setup resolved and the call layer holds the endpoint. */
  endpoint: WorkerEndpoint | null;
  /** Where its received frames are relayed (a direct bridge); `local`: by its worker itself. */
  relay: { to: LegRecord; tap: boolean; local: boolean } | null;
  /** Its placement group, if it was given one. */
  group: string | null;
}

export class WorkerMediaBackend implements MediaBackend {
  private readonly slots: WorkerSlot[] = [];
  private readonly legs = new Map<number, LegRecord>();
  /** Handed-out legs by endpoint id (a relay's target is named by its endpoint). */
  private readonly byEndpointId = new Map<string, LegRecord>();
  /** Placement groups with live legs: their worker and how many legs they have there. */
  private readonly groups = new Map<string, { slot: WorkerSlot; legs: number }>();
  private readonly entry: MediaWorkerEntry;
  private readonly respawnTimers = new Set<NodeJS.Timeout>();
  /** Consecutive deaths before `ready`, per worker index, for the back-off. */
  private readonly startFailures: number[] = [];
  private started = false;
  private closed = false;
  private nextHandle = 1;
  private nextRequestId = 1;
  private flushQueued = false;

  constructor(private readonly options: WorkerMediaOptions) {
    if (!Number.isInteger(options.workers) || options.workers < 1) throw new RangeError(`media workers ${options.workers}: need at least 1`);
    this.entry = options.entry ?? mediaWorkerEntry();
  }

  async answer(offer: string, kind: MediaKind, events: MediaEndpointEvents, placement?: MediaPlacement): Promise<{ endpoint: MediaEndpoint; answer: string }> {
    const record = this.place(events, placement);
    const result = await this.setup(record, { type: 'answer', leg: record.handle, kind, offer });
    return { endpoint: result.endpoint, answer: result.sdp };
  }

  async offer(kind: MediaKind, events: MediaEndpointEvents, placement?: MediaPlacement): Promise<{ endpoint: MediaEndpoint; offer: string; accept(answer: string): Promise<void> }> {
    const record = this.place(events, placement);
    const { endpoint, sdp } = await this.setup(record, { type: 'offer', leg: record.handle, kind });
    return {
      endpoint,
      offer: sdp,
      accept: async (answer) => {
        const result = await this.request(record, { type: 'accept', leg: record.handle, answer });
        endpoint.heldByRemote = result.heldByRemote ?? endpoint.heldByRemote;
      },
    };
  }

  /**
   * Starts the workers now rather than with the first leg, and resolves once each one is up
   * (or died trying): the first call then does not wait for a thread to boot.
   */
  async warmUp(): Promise<void> {
    if (this.closed) throw new Error('media backend closed');
    this.start();
    await Promise.all(this.slots.map((slot) => slot.started));
  }

  /** Live legs per worker, in worker order (for placement checks and the status page). */
  legsPerWorker(): number[] {
    return this.slots.map((slot) => slot.legs.size);
  }

  /** The worker threads, in worker order: for monitoring, and for tests that kill one. */
  get threads(): readonly Worker[] {
    return this.slots.map((slot) => slot.worker);
  }

  /** Which worker carries an endpoint (by its id, so wrappers of it count); null once it is gone. */
  workerOf(endpoint: Pick<MediaEndpoint, 'id'>): number | null {
    for (const record of this.legs.values()) if (record.endpoint?.id === endpoint.id) return record.slot.index;
    return null;
  }

  /**
   * Stops every worker; their legs end with them, unreported (the gateway is stopping). Each
   * worker closes its legs and exits by itself (media-worker.ts shutDown: terminating one
   * whose sockets are receiving can abort the process); one still there after a second is
   * terminated.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.respawnTimers) clearTimeout(timer);
    this.respawnTimers.clear();
    this.legs.clear();
    this.byEndpointId.clear();
    this.groups.clear();
    const stopping: Promise<unknown>[] = [];
    for (const slot of this.slots) {
      const wasAlive = slot.alive;
      slot.alive = false;
      this.rejectPending(slot, new Error('media backend closed'));
      if (!wasAlive) continue;
      const exited = new Promise<void>((resolve) => slot.worker.once('exit', () => resolve()));
      slot.worker.postMessage({ type: 'shutdown' } satisfies ToMediaWorker);
      const late = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), WORKER_EXIT_WAIT_MS).unref());
      stopping.push(Promise.race([exited, late]).then((outcome) => (outcome === 'late' ? slot.worker.terminate() : undefined)));
    }
    await Promise.all(stopping);
  }

  /**
   * What the gateway added to the audio's delay (TransitStats) and the regularity of what it
   * sent (SendJitterStats) since the last reset, merged over the workers; `reset` starts a
   * new window.
   */
  async mediaStats(reset = false): Promise<MediaStatsSummary> {
    const alive = this.slots.filter((slot) => slot.alive);
    const results = await Promise.all(alive.map((slot) => this.send(slot, { type: 'transitStats', leg: 0, reset })));
    return {
      transit: mergeSummaries(results.map((r) => r.transit ?? emptySummary())),
      send: mergeSendSummaries(results.map((r) => r.send ?? emptySendSummary())),
      loop: mergeLoopDelays(results.map((r) => r.loop ?? emptyLoopDelay())),
    };
  }

  private sendFrame(record: LegRecord, frame: PcmFrame, madeFrom?: number): void {
    if (this.legs.get(record.handle) !== record) return;
    record.slot.outgoing.add(record.handle, frame, madeFrom);
    this.queueFlush();
  }

  /**
   * The engine sends every leg its frame in one synchronous tick, and a worker's batch of
   * received frames is delivered in one go: flushing after either gives one message per
   * worker for all of it.
   */
  private queueFlush(): void {
    if (this.flushQueued) return;
    this.flushQueued = true;
    queueMicrotask(() => this.flushFrames());
  }

  private relayTo(record: LegRecord, to: MediaEndpoint | null, tap: boolean): boolean {
    if (this.legs.get(record.handle) !== record) return to === null;
    const target = to ? this.byEndpointId.get(to.id) : undefined;
    if (to && (!target || target === record)) return false;
    const local = target !== undefined && target.slot === record.slot;
    // A relay its worker ran stops there; one this thread runs needs no word to anyone.
    if (record.relay?.local && !local) this.notify(record, { type: 'relay', leg: record.handle, to: null, tap: false });
    record.relay = target ? { to: target, tap, local } : null;
    if (target && local) this.notify(record, { type: 'relay', leg: record.handle, to: target.handle, tap });
    return true;
  }

  /** A request whose reply nobody waits for (it cannot fail in a way the caller could act on). */
  private notify(record: LegRecord, request: MediaWorkerCall): void {
    this.send(record.slot, request).catch(() => undefined);
  }

  private closeLeg(record: LegRecord): void {
    if (!this.forget(record)) return;
    this.notify(record, { type: 'close', leg: record.handle });
  }

  private request(record: LegRecord, request: MediaWorkerCall): Promise<MediaWorkerResult> {
    if (this.legs.get(record.handle) !== record) return Promise.reject(new Error('media leg is closed'));
    return this.send(record.slot, request);
  }

  private place(events: MediaEndpointEvents, placement?: MediaPlacement): LegRecord {
    if (this.closed) throw new Error('media backend closed');
    this.start();
    const group = placement ? this.groups.get(placement.group) : undefined;
    let best: WorkerSlot | null = group?.slot.alive ? group.slot : null;
    if (!best) for (const slot of this.slots) if (slot.alive && (!best || slot.legs.size < best.legs.size)) best = slot;
    if (!best) throw new Error('no media worker is running (each one died while starting; see the log)');
    const record: LegRecord = { handle: this.nextHandle++, slot: best, events, endpoint: null, relay: null, group: placement?.group ?? null };
    this.legs.set(record.handle, record);
    best.legs.add(record.handle);
    if (record.group !== null) {
      if (group?.slot === best) group.legs++;
      else this.groups.set(record.group, { slot: best, legs: 1 });
    }
    return record;
  }

  private async setup(record: LegRecord, request: MediaWorkerCall): Promise<{ endpoint: WorkerEndpoint; sdp: string }> {
    let result: MediaWorkerResult;
    try {
      result = await this.send(record.slot, request);
    } catch (error) {
      this.forget(record);
      throw error;
    }
    const endpoint = new WorkerEndpoint(
      {
        reoffer: (sdp) => this.request(record, { type: 'reoffer', leg: record.handle, sdp }),
        sendFrame: (frame, madeFrom) => this.sendFrame(record, frame, madeFrom),
        sendDigits: async (digits, durationMs) => (await this.request(record, { type: 'sendDigits', leg: record.handle, digits, durationMs })).sent ?? false,
        relayTo: (to, tap) => this.relayTo(record, to, tap),
        close: () => this.closeLeg(record),
      },
      result.endpointId ?? `leg-${record.handle}`,
      result.heldByRemote ?? false,
    );
    record.endpoint = endpoint;
    this.byEndpointId.set(endpoint.id, record);
    return { endpoint, sdp: result.sdp ?? '' };
  }

  private send(slot: WorkerSlot, request: MediaWorkerCall): Promise<MediaWorkerResult> {
    if (!slot.alive) return Promise.reject(new Error(`media worker ${slot.index} is gone`));
    const id = this.nextRequestId++;
    return new Promise((resolve, reject) => {
      slot.pending.set(id, { resolve, reject });
      this.post(slot, { ...request, id });
    });
  }

  private post(slot: WorkerSlot, message: ToMediaWorker, transfer?: ArrayBuffer[]): void {
    if (slot.alive) slot.worker.postMessage(message, transfer);
  }

  /** Drops a leg from the books; false when it was gone already. */
  private forget(record: LegRecord): boolean {
    if (this.legs.get(record.handle) !== record) return false;
    this.legs.delete(record.handle);
    record.slot.legs.delete(record.handle);
    if (record.endpoint) this.byEndpointId.delete(record.endpoint.id);
    record.relay = null;
    const group = record.group === null ? undefined : this.groups.get(record.group);
    if (group && group.slot === record.slot && --group.legs === 0) this.groups.delete(record.group!);
    return true;
  }

  private flushFrames(): void {
    this.flushQueued = false;
    const sentAt = Date.now();
    for (const slot of this.slots) {
      if (slot.relayedIn.size > 0) {
        const batch = slot.relayedIn.take();
        this.post(slot, { type: 'frames', sentAt, batch, relayed: true }, [batch]);
      }
      if (slot.outgoing.size === 0) continue;
      const batch = slot.outgoing.take();
      this.post(slot, { type: 'frames', sentAt, batch }, [batch]);
    }
  }

  private start(): void {
    if (this.started) return;
    this.started = true;
    for (let index = 0; index < this.options.workers; index++) this.slots.push(this.spawn(index));
  }

  private spawn(index: number): WorkerSlot {
    const workerData: MediaWorkerData = { legs: this.options.legs };
    const worker = new Worker(this.entry.url, { workerData, name: `media-${index}`, ...(this.entry.execArgv ? { execArgv: this.entry.execArgv } : {}) });
    let markStarted = () => {};
    const started = new Promise<void>((resolve) => (markStarted = resolve));
    const slot: WorkerSlot = { index, worker, ready: false, started, markStarted, alive: true, legs: new Set(), pending: new Map(), outgoing: new FrameBatch(), relayedIn: new FrameBatch() };
    worker.on('message', (message: FromMediaWorker) => this.onMessage(slot, message));
    worker.on('error', (error) => this.log({ level: 'error', msg: 'media worker crashed', worker: index, error: error.message }));
    worker.on('exit', (code) => this.onExit(slot, code));
    return slot;
  }

  private onMessage(slot: WorkerSlot, message: FromMediaWorker): void {
    switch (message.type) {
      case 'ready':
        slot.ready = true;
        this.startFailures[slot.index] = 0;
        slot.markStarted();
        return;
      case 'reply': {
        const pending = slot.pending.get(message.id);
        if (!pending) return;
        slot.pending.delete(message.id);
        if (message.ok) pending.resolve(message.result);
        else pending.reject(deserializeError(message.error));
        return;
      }
      case 'frames':
        forEachFrame(message.batch, this.deliverFrame);
        return;
      case 'dtmf':
        this.legs.get(message.leg)?.events.dtmf(message.digit, message.durationMs);
        return;
      case 'connected':
        this.legs.get(message.leg)?.events.connected?.();
        return;
      case 'failed': {
        const record = this.legs.get(message.leg);
        if (record && this.forget(record)) record.events.failed(message.cause);
        return;
      }
    }
  }

  /**
   * A received frame to its leg's call layer, or passed on at once to the worker of the leg
   * its direct bridge relays it to (and to the call layer too if tapped). Bound once, as it
   * runs for every frame.
   */
  private readonly deliverFrame = (handle: number, frame: PcmFrame, receivedAt: number): void => {
    const record = this.legs.get(handle);
    if (!record) return;
    const relay = record.relay;
    if (relay && !relay.local) {
      if (this.legs.get(relay.to.handle) === relay.to) {
        relay.to.slot.relayedIn.add(relay.to.handle, frame, receivedAt);
        this.queueFlush();
      }
      if (!relay.tap) return;
    }
    record.events.frame(frame, receivedAt);
  };

  private onExit(slot: WorkerSlot, code: number): void {
    slot.markStarted();
    if (this.closed || this.slots[slot.index] !== slot) return;
    slot.alive = false;
    const lost = [...slot.legs].map((handle) => this.legs.get(handle)).filter((record): record is LegRecord => record !== undefined);
    for (const record of lost) this.forget(record);
    this.log({ level: 'error', msg: 'media worker exited', worker: slot.index, code, legsLost: lost.length, wasReady: slot.ready });
    this.rejectPending(slot, new Error(`media worker ${slot.index} exited (code ${code})`));
    // Setups in progress learn it from their rejected request; legs in calls from `failed`.
    for (const record of lost) if (record.endpoint) record.events.failed('failure');
    this.scheduleRespawn(slot);
  }

  private scheduleRespawn(dead: WorkerSlot): void {
    const failures = dead.ready ? 0 : (this.startFailures[dead.index] ?? 0) + 1;
    this.startFailures[dead.index] = failures;
    const respawn = () => {
      if (!this.closed) this.slots[dead.index] = this.spawn(dead.index);
    };
    if (failures === 0) {
      respawn();
      return;
    }
    const delay = Math.min(RESPAWN_BACKOFF_MS.max, RESPAWN_BACKOFF_MS.first * 2 ** (failures - 1));
    const timer = setTimeout(() => {
      this.respawnTimers.delete(timer);
      respawn();
    }, delay);
    timer.unref();
    this.respawnTimers.add(timer);
  }

  private rejectPending(slot: WorkerSlot, error: Error): void {
    const pending = [...slot.pending.values()];
    slot.pending.clear();
    for (const request of pending) request.reject(error);
  }

  private log(event: Record<string, unknown>): void {
    this.options.log?.(event);
  }
}

/** What a proxy endpoint may do with its leg; the backend binds it to the leg's worker. */
interface LegLink {
  reoffer(sdp: string): Promise<MediaWorkerResult>;
  sendFrame(frame: PcmFrame, madeFrom?: number): void;
  sendDigits(digits: string, durationMs: number): Promise<boolean>;
  relayTo(to: MediaEndpoint | null, tap: boolean): boolean;
  close(): void;
}

/** The call layer's handle on a leg in a worker. */
class WorkerEndpoint implements MediaEndpoint {
  constructor(
    private readonly link: LegLink,
    readonly id: string,
    /** Cached from the worker's last answer to a (re-)offer, so reading it stays synchronous. */
    public heldByRemote: boolean,
  ) {}

  async reoffer(sdp: string): Promise<string> {
    const result = await this.link.reoffer(sdp);
    this.heldByRemote = result.heldByRemote ?? this.heldByRemote;
    return result.sdp ?? '';
  }

  sendFrame(frame: PcmFrame, madeFrom?: number): void {
    this.link.sendFrame(frame, madeFrom);
  }

  sendDigits(digits: string, durationMs: number): Promise<boolean> {
    return this.link.sendDigits(digits, durationMs);
  }

  relayTo(to: MediaEndpoint | null, tap: boolean): boolean {
    return this.link.relayTo(to, tap);
  }

  close(): void {
    this.link.close();
  }
}
