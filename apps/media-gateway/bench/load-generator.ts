/**
 * The calls one load process carries: both callers of each (browser over WebRTC, trunk over
 * plain RTP), a 20 ms probe stream each way, and the counting of what arrived. Sending is
 * paced by one timer aiming at absolute deadlines, with calls spread over ten 2 ms slots of
 * the 20 ms period (real callers are not in phase with each other; a burst of every call's
 * packet at the same instant would measure the burst, not the gateway).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { type CallCredential, type GatewayAddress, type LoadWindowResult, benchUser } from './ipc.js';
import { type Arrival, type DirectionSummary, mergeSummaries, summarizeStream } from './media-stats.js';
import { decodeProbe, type Direction, DIRECTIONS, elapsedMs, encodeProbe, nowMicros } from './probe.js';
import { SipUdpEndpoint, TrunkCaller } from './trunk-caller.js';
import { WebCaller } from './web-caller.js';

const PERIOD_MS = 20;
const SLOTS = 10;
/** Frames a late sender still sends in a burst (200 ms); a longer stall's are skipped. */
const MAX_CATCH_UP_FRAMES = 10;

interface Stream {
  nextSeq: number;
  firstSeq: number | null;
  lastSeq: number | null;
  recording: boolean;
  arrivals: Arrival[];
  silentFrames: number;
  foreign: number;
}

interface LoadCall {
  index: number;
  state: 'setting-up' | 'up' | 'ending';
  web: WebCaller | null;
  trunk: TrunkCaller | null;
  streams: Record<Direction, Stream>;
}

export interface LoadEvents {
  /** An established call lost a leg by itself. */
  dropped(call: number, leg: 'web' | 'rtp', reason: string): void;
}

export class LoadGenerator {
  private readonly calls = new Map<number, LoadCall>();
  private readonly slots: Set<LoadCall>[] = Array.from({ length: SLOTS }, () => new Set());
  private readonly deadlines: number[];
  private timer: NodeJS.Timeout | null = null;
  private readonly eventLoop = monitorEventLoopDelay({ resolution: 10 });
  private senderSkips = 0;
  /** Windows measured so far, numbering the trace files. */
  private windows = 0;

  private constructor(
    private readonly gateway: GatewayAddress,
    private readonly sip: SipUdpEndpoint,
    private readonly setupTimeoutMs: number,
    private readonly traceDir: string | null,
    private readonly events: LoadEvents,
  ) {
    const start = performance.now() + PERIOD_MS;
    this.deadlines = Array.from({ length: SLOTS }, (_, slot) => start + (slot * PERIOD_MS) / SLOTS);
    this.eventLoop.enable();
    this.schedule();
  }

  /** With `traceDir`, each window's arrivals of every call and direction are written there as JSON. */
  static async start(gateway: GatewayAddress, setupTimeoutMs: number, traceDir: string | null, events: LoadEvents): Promise<LoadGenerator> {
    const sip = await SipUdpEndpoint.open({ host: gateway.sipUdpHost, port: gateway.sipUdpPort });
    return new LoadGenerator(gateway, sip, setupTimeoutMs, traceDir, events);
  }

  /** Places both legs of call `index`; resolves to how long each took. */
  async setup(index: number, credential: CallCredential): Promise<{ webMs: number; rtpMs: number }> {
    const call: LoadCall = { index, state: 'setting-up', web: null, trunk: null, streams: { 'web-to-rtp': newStream(), 'rtp-to-web': newStream() } };
    this.calls.set(index, call);
    const started = performance.now();
    const timed = async <T>(step: Promise<T>) => {
      const value = await step;
      return { value, ms: performance.now() - started };
    };
    const [web, trunk] = await Promise.allSettled([
      timed(
        WebCaller.call({
          url: this.gateway.sipWebSocketUrl,
          domain: this.gateway.domain,
          number: this.gateway.webNumber,
          credential,
          timeoutMs: this.setupTimeoutMs,
          onPayload: (payload) => this.received(call, 'rtp-to-web', payload),
          onEnded: (reason) => this.legEnded(call, 'web', reason),
        }),
      ),
      timed(
        TrunkCaller.call({
          sip: this.sip,
          user: benchUser('rtp', index),
          number: this.gateway.rtpNumber,
          timeoutMs: this.setupTimeoutMs,
          onPayload: (payload) => this.received(call, 'web-to-rtp', payload),
          onEnded: (reason) => this.legEnded(call, 'rtp', reason),
        }),
      ),
    ]);
    if (web.status === 'fulfilled') call.web = web.value.value;
    if (trunk.status === 'fulfilled') call.trunk = trunk.value.value;
    if (web.status === 'fulfilled' && trunk.status === 'fulfilled' && call.web!.established && call.trunk!.established) {
      call.state = 'up';
      this.slots[index % SLOTS]!.add(call);
      return { webMs: web.value.ms, rtpMs: trunk.value.ms };
    }
    await this.end(call);
    const reasons = [web, trunk].map((r, i) => `${i === 0 ? 'web' : 'rtp'}: ${r.status === 'rejected' ? (r.reason as Error).message : 'ended while the other leg was set up'}`);
    throw new Error(reasons.join('; '));
  }

  async hangup(indexes: readonly number[]): Promise<void> {
    await Promise.all(indexes.map((index) => this.calls.get(index)).flatMap((call) => (call ? [this.end(call)] : [])));
  }

  /** Counts one window of `windowMs`, then waits `graceMs` for the window's last packets. */
  async measure(windowMs: number, graceMs: number): Promise<LoadWindowResult> {
    const measured = [...this.calls.values()].filter((call) => call.state === 'up');
    for (const call of measured) {
      for (const stream of Object.values(call.streams)) {
        Object.assign(stream, { firstSeq: stream.nextSeq, lastSeq: null, recording: true, arrivals: [], silentFrames: 0, foreign: 0 });
      }
    }
    this.eventLoop.reset();
    this.senderSkips = 0;
    const started = performance.now();
    await sleep(windowMs);
    const lasted = performance.now() - started;
    for (const call of measured) for (const stream of Object.values(call.streams)) stream.lastSeq = stream.nextSeq - 1;
    const eventLoopDelayP99Ms = this.eventLoop.percentile(99) / 1e6;
    const senderSkips = this.senderSkips;
    await sleep(graceMs);
    const survivors = measured.filter((call) => call.state === 'up');
    this.windows++;
    const directions = {} as Record<Direction, DirectionSummary>;
    for (const direction of DIRECTIONS) {
      directions[direction] = mergeSummaries(
        survivors.map((call) => {
          const stream = call.streams[direction];
          stream.recording = false;
          const window = stream.firstSeq !== null && stream.lastSeq !== null && stream.lastSeq >= stream.firstSeq ? { firstSeq: stream.firstSeq, lastSeq: stream.lastSeq } : null;
          const summary = summarizeStream(stream.arrivals, window, stream);
          if (this.traceDir) writeFileSync(join(this.traceDir, `window-${this.windows}-call-${call.index}-${direction}.json`), JSON.stringify({ window, arrivals: stream.arrivals }));
          stream.arrivals = [];
          return summary;
        }),
      );
    }
    return { directions, callsUp: survivors.length, eventLoopDelayP99Ms, senderSkips, windowMs: lasted };
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.hangup([...this.calls.keys()]);
    this.eventLoop.disable();
    this.sip.close();
  }

  private received(call: LoadCall, direction: Direction, payload: Uint8Array): void {
    const stream = call.streams[direction];
    if (!stream.recording) return;
    const arrived = nowMicros();
    const decoded = decodeProbe(payload);
    if (decoded.kind === 'silence') stream.silentFrames++;
    else if (decoded.kind === 'garbled' || decoded.probe.call !== (call.index & 0xffff) || decoded.probe.direction !== direction) stream.foreign++;
    else stream.arrivals.push({ seq: decoded.probe.seq, transitMs: elapsedMs(arrived, decoded.probe.sentMicros) });
  }

  private legEnded(call: LoadCall, leg: 'web' | 'rtp', reason: string): void {
    if (call.state !== 'up') return; // failures during setup are reported by setup()
    this.events.dropped(call.index, leg, reason);
    void this.end(call);
  }

  private async end(call: LoadCall): Promise<void> {
    if (call.state === 'ending') return;
    call.state = 'ending';
    this.slots[call.index % SLOTS]!.delete(call);
    this.calls.delete(call.index);
    await Promise.all([call.web?.hangup(), call.trunk?.hangup()]);
  }

  private schedule(): void {
    const next = Math.min(...this.deadlines);
    this.timer = setTimeout(() => this.fire(), Math.max(0, next - performance.now()));
  }

  private fire(): void {
    const now = performance.now();
    for (let slot = 0; slot < SLOTS; slot++) {
      if (this.deadlines[slot]! > now) continue;
      this.sendSlot(slot);
      let deadline = this.deadlines[slot]! + PERIOD_MS;
      // More than a period late (a stalled event loop): the frames that fell due meanwhile go
      // out now, as a browser's would (its microphone kept producing them), up to a limit;
      // older ones are skipped and counted, a gap the far end hears whatever the gateway does.
      for (let caughtUp = 0; deadline <= now && caughtUp < MAX_CATCH_UP_FRAMES; caughtUp++) {
        this.sendSlot(slot);
        deadline += PERIOD_MS;
      }
      if (deadline <= now) {
        const missed = Math.ceil((now - deadline) / PERIOD_MS);
        this.senderSkips += missed;
        deadline += missed * PERIOD_MS;
      }
      this.deadlines[slot] = deadline;
    }
    this.schedule();
  }

  private sendSlot(slot: number): void {
    for (const call of this.slots[slot]!) {
      const toRtp = call.streams['web-to-rtp'];
      call.web!.send(encodeProbe({ call: call.index, direction: 'web-to-rtp', seq: toRtp.nextSeq++, sentMicros: nowMicros() }));
      const toWeb = call.streams['rtp-to-web'];
      call.trunk!.send(encodeProbe({ call: call.index, direction: 'rtp-to-web', seq: toWeb.nextSeq++, sentMicros: nowMicros() }));
    }
  }
}

function newStream(): Stream {
  return { nextSeq: 0, firstSeq: null, lastSeq: null, recording: false, arrivals: [], silentFrames: 0, foreign: 0 };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
