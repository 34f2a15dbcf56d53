import { EventEmitter } from 'node:events';
import { lookup } from 'node:dns/promises';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { type Destination, type GatewayCommand, GatewayErrorCode, type GatewayEvent, type Prompt } from '@ccx/contracts';
import { type MediaBackend } from './calls/media-backend.js';
import { createGatewayMedia } from './calls/gateway-media.js';
import { quantile } from './calls/send-jitter-stats.js';
import { histogramQuantile } from './calls/transit-stats.js';
import { type MediaStatsSummary } from './calls/worker-media-backend.js';
import { type GatewayConfig } from './config.js';
import { ControlServer } from './control/control-server.js';
import { type CommandExecutor, CommandFailure, type GatewayControl } from './control/gateway-control.js';
import { LocalGatewayControl } from './control/local-control.js';
import { ControlSocketServer } from './control/remote-control.js';
import { createSipStack } from './sip-stack.js';
import { type Registrar } from './sip/registrar.js';
import { type SipEndpoint } from './sip/sip-endpoint.js';
import { realScheduler } from './sip/timers.js';
import { UdpSipTransport } from './sip/transport-udp.js';
import { WsSipTransport } from './sip/transport-ws.js';
import { type SipConnection } from './sip/transport.js';
import { type CallManager } from './calls/call-manager.js';
import { MediaEngine } from './engine/media-engine.js';
import { FilePromptSource } from './engine/prompt-source.js';
import { Ticker } from './engine/ticker.js';
import { SpeechSynthesizer } from './engine/speech/speech-synthesizer.js';

/**
 * The media gateway: SIP transports (WebSocket at /sip, UDP for trunks), registrar, the
 * call manager (B2BUA legs) and its control API. The server embeds it in its own process
 * for the single-machine default, handing over its HTTP server so browsers reach /sip on
 * the same port; alone (main.ts) it serves /sip and /control on its control port.
 */
export interface GatewayEvents {
  event: [GatewayEvent];
  log: [Record<string, unknown>];
}

export interface StartOptions {
  /** Attach SIP over WebSocket to this server (embedded mode) instead of the control server. */
  httpServer?: Server;
}

export class MediaGateway extends EventEmitter<GatewayEvents> implements CommandExecutor {
  private control: ControlServer | null = null;
  private controlSocket: ControlSocketServer | null = null;
  private ws: WsSipTransport | null = null;
  private udp: UdpSipTransport | null = null;
  private stack: { registrar: Registrar; endpoint: SipEndpoint; calls: CallManager } | null = null;
  private readonly engine: MediaEngine;
  private readonly ticker: Ticker;
  private readonly speech: SpeechSynthesizer;
  private readonly prompts: FilePromptSource;

  private readonly media: MediaBackend;
  /** Stops the media this gateway built itself (its worker threads); an injected backend is the caller's. */
  private readonly closeMedia: () => Promise<void>;
  private readonly mediaStats: (reset: boolean) => Promise<MediaStatsSummary | null>;
  /** The ticker's skipped ticks at the last mediaStats reset. */
  private skippedAtReset = 0;
  /** The ticker's ticks at the last mediaStats reset (its lateness since then is reported). */
  private ticksAtReset = 0;

  constructor(
    private readonly config: GatewayConfig,
    media?: MediaBackend,
  ) {
    super();
    if (media) {
      this.media = media;
      this.closeMedia = async () => undefined;
      this.mediaStats = async () => null;
    } else {
      const own = createGatewayMedia({
        workers: config.MEDIA_WORKERS,
        setupConcurrency: config.MEDIA_SETUP_CONCURRENCY,
        setupQueueLimit: config.MEDIA_SETUP_QUEUE_LIMIT,
        legs: { rtpPortRange: { min: config.RTP_PORT_MIN, max: config.RTP_PORT_MAX }, rtpBindAddress: config.SIP_UDP_HOST },
        log: (event) => this.emit('log', event),
      });
      this.media = own.backend;
      this.closeMedia = () => own.close();
      this.mediaStats = (reset) => own.mediaStats(reset);
    }
    this.speech = new SpeechSynthesizer({
      cacheDir: config.SPEECH_CACHE_DIR,
      // A cache that cannot be written costs a render each time, not the prompt.
      onCacheError: (error) => this.emit('log', { level: 'warn', msg: 'speech cache unavailable', error: error.message }),
    });
    this.prompts = new FilePromptSource(config.PROMPTS_DIR, this.speech);
    this.engine = new MediaEngine(
      this.prompts,
      {
        write: (recordingId, wav) => {
          mkdirSync(config.RECORDINGS_DIR, { recursive: true });
          const path = join(config.RECORDINGS_DIR, `${recordingId.replace(/[^\w.-]/g, '_')}.wav`);
          writeFileSync(path, wav);
          return path;
        },
      },
      (event) => this.emit('event', event),
      () => Date.now(),
    );
    this.ticker = new Ticker(() => this.engine.tick());
  }

  /** The synthesizer this gateway speaks prompts with (the server's prompts admin listens through it). */
  get speechSynthesizer(): SpeechSynthesizer {
    return this.speech;
  }

  get registrar(): Registrar {
    if (!this.stack) throw new Error('gateway not started');
    return this.stack.registrar;
  }

  /** The control API in this process. */
  localControl(): GatewayControl {
    return new LocalGatewayControl(this, (listener) => {
      this.on('event', listener);
      return () => this.off('event', listener);
    });
  }

  async start(options: StartOptions = {}): Promise<{ control: AddressInfo | null; sipUdp: AddressInfo | null }> {
    let control: AddressInfo | null = null;
    let httpServer = options.httpServer;
    if (!httpServer) {
      this.control = new ControlServer(() => ['sip-ws', 'sip-udp', 'registrar', 'calls', 'control']);
      control = await this.control.listen(this.config.GATEWAY_CONTROL_PORT, this.config.GATEWAY_CONTROL_HOST);
      httpServer = this.control.httpServer;
      this.controlSocket = new ControlSocketServer(httpServer, this.config.SIP_CREDENTIAL_SECRET, this, (listener) => {
        this.on('event', listener);
        return () => this.off('event', listener);
      });
    }
    // The UDP socket comes first: requests we send to trunks name its address in their Via.
    const transportEvents = {
      message: (data: Buffer, connection: SipConnection) => this.stack?.endpoint.receive(data, connection),
      closed: (connection: SipConnection) => this.stack?.endpoint.connectionClosed(connection),
    };
    this.udp = this.config.SIP_UDP_ENABLED ? await UdpSipTransport.listen(this.config.SIP_UDP_HOST, this.config.SIP_UDP_PORT, transportEvents) : null;
    const udpAddress = this.udp?.address ?? null;
    this.stack = createSipStack(
      {
        registrar: {
          realm: this.config.SIP_DOMAIN,
          secret: this.config.SIP_CREDENTIAL_SECRET,
          minExpires: this.config.SIP_REGISTRATION_MIN_EXPIRES,
          maxExpires: this.config.SIP_REGISTRATION_MAX_EXPIRES,
        },
        calls: { publicNumbers: this.config.SIP_PUBLIC_NUMBERS, setupTimeoutMs: this.config.CALL_SETUP_TIMEOUT_MS },
        ...(udpAddress ? { udpSentBy: `${udpAddress.address}:${udpAddress.port}` } : {}),
      },
      realScheduler,
      this.media,
      (event) => this.emit('event', event),
      (event) => this.emit('log', event),
      {
        attach: (legId, endpoint) => this.engine.attach(legId, endpoint),
        frame: (legId, frame, receivedAt) => this.engine.receiveFrame(legId, frame, receivedAt),
        digit: (legId, digit) => this.engine.receiveDigit(legId, digit),
        detach: (legId) => this.engine.detach(legId),
      },
    );
    this.ticker.start();
    this.ws = new WsSipTransport(httpServer, transportEvents, { path: '/sip', pingIntervalMs: this.config.SIP_WS_PING_INTERVAL_MS });
    return { control, sipUdp: udpAddress };
  }

  async executeParsed(command: GatewayCommand): Promise<void> {
    const calls = this.stack?.calls;
    if (!calls) throw new CommandFailure(GatewayErrorCode.BadState, 'gateway not started');
    const engine = this.engine;
    switch (command.command) {
      case 'ring':
        return calls.ring(command.legId);
      case 'answer':
        return calls.answer(command.legId, command.near);
      case 'reject':
        return calls.reject(command.legId, command.status);
      case 'hangup':
        return calls.hangup(command.legId, 'local');
      case 'play':
        return engine.play(command.legId, command.playbackId, command.prompts, command.loop, command.interruptOnDigit);
      case 'stopPlayback':
        return engine.stopPlayback(command.legId, command.playbackId);
      case 'sendDigits':
        if (!(await calls.sendDigits(command.legId, command.digits, command.durationMs))) {
          engine.playDigits(command.legId, `digits:${command.digits}`, command.digits, command.durationMs);
        }
        return;
      case 'mediaStats':
        return this.reportMediaStats(command.reset);
      case 'preparePrompts':
        return this.preparePrompts(command.prompts);
      case 'setPublicNumbers':
        return calls.setPublicNumbers(command.numbers);
      case 'collect':
        return engine.collect(command.legId, command);
      case 'bridge':
        return engine.bridge(command.bridgeId, command.legIds);
      case 'unbridge':
        return engine.unbridge(command.bridgeId);
      case 'hold':
        return engine.hold(command.legId, command.music);
      case 'unhold':
        return engine.unhold(command.legId);
      case 'recordStart':
        return engine.recordStart(command.bridgeId, command.recordingId);
      case 'recordLeg':
        return engine.recordLeg(command.legId, command.recordingId, command.maxDurationMs, command.stopDigits);
      case 'recordStop':
        return engine.recordStop(command.recordingId);
      case 'addParticipant':
        return engine.addParticipant(command.bridgeId, command.legId, command.role, command.kind);
      case 'changeRole':
        return engine.changeRole(command.bridgeId, command.legId, command.role);
      case 'originate':
        return calls.originate(command.legId, await this.targetOf(command.to), command.callerId ?? 'gateway', this.config.SIP_DOMAIN, command.timeoutMs, command.near);
      case 'transfer':
        // A B2BUA transfers by originating the new party and re-bridging, which the server
        // orchestrates with originate/bridge/hangup; a one-command form comes with the ACD.
        throw new CommandFailure('gateway/unsupported', 'transfer is done by the server with originate, bridge and hangup');
    }
  }

  /** Emits `mediaStats`: what the gateway added to the audio's delay and send timing since the last reset. */
  private async reportMediaStats(reset: boolean): Promise<void> {
    const stats = await this.mediaStats(reset);
    const drops = this.engine.playoutDrops(reset);
    const skippedBefore = this.skippedAtReset;
    const ticksSince = this.ticker.ticks - this.ticksAtReset;
    if (reset) {
      this.skippedAtReset = this.ticker.skipped;
      this.ticksAtReset = this.ticker.ticks;
    }
    const transit = stats?.transit;
    const send = stats?.send;
    this.emit('event', {
      event: 'mediaStats',
      streams: transit?.streams ?? 0,
      frames: transit?.frames ?? 0,
      addedDelayP50Ms: transit ? histogramQuantile(transit.delay, 0.5) : null,
      addedJitterP99Ms: transit ? histogramQuantile(transit.deviation, 0.99) : null,
      addedJitterMaxMs: transit ? histogramQuantile(transit.deviation, 1) : null,
      sendStreams: send?.streams ?? 0,
      sendFrames: send?.frames ?? 0,
      sendJitterP99Ms: send ? histogramQuantile(send.deviation, 0.99) : null,
      sendJitterMaxMs: send ? histogramQuantile(send.deviation, 1) : null,
      workerLoopDelayP99Ms: stats?.loop.p99Ms ?? null,
      workerLoopDelayMaxMs: stats?.loop.maxMs ?? null,
      staleFramesDropped: send?.staleDropped ?? 0,
      lateFramesDropped: drops.late,
      backlogFramesDropped: drops.backlog,
      ticksSkipped: this.ticker.skipped - skippedBefore,
      tickLatenessP99Ms: ticksSince > 0 ? quantile(this.ticker.recentLateness().slice(-ticksSince), 0.99) : null,
      at: Date.now(),
    });
  }

  private async preparePrompts(prompts: Prompt[]): Promise<void> {
    try {
      await Promise.all(prompts.map((prompt) => this.prompts.prepare(prompt)));
    } catch (error) {
      throw new CommandFailure(GatewayErrorCode.PromptFailed, `a prompt cannot be played: ${(error as Error).message}`);
    }
  }

  /** Where an originated call goes: a softphone's latest registration, or the trunk. */
  private async targetOf(to: Destination): Promise<Parameters<CallManager['originate']>[1]> {
    if (to.kind === 'user') {
      const binding = this.stack?.registrar.lookup(to.sipUser).at(-1);
      if (!binding) throw new CommandFailure(GatewayErrorCode.Unreachable, `${to.sipUser} is not registered`);
      return { connection: binding.connection, requestUri: binding.contact, toUri: `<sip:${to.sipUser}@${this.config.SIP_DOMAIN}>`, channel: 'web' };
    }
    const trunk = this.config.SIP_TRUNK_URI ? /^sips?:(?:[^@]+@)?([^:;>]+)(?::(\d+))?/.exec(this.config.SIP_TRUNK_URI) : null;
    if (!trunk || !this.udp) throw new CommandFailure(GatewayErrorCode.Unreachable, 'no SIP trunk is configured (SIP_TRUNK_URI)');
    const { address } = await lookup(trunk[1]!);
    const port = Number(trunk[2] ?? 5060);
    return {
      connection: this.udp.connectionTo(address, port),
      requestUri: `sip:${to.number}@${trunk[1]}:${port}`,
      toUri: `<sip:${to.number}@${trunk[1]}>`,
      channel: 'trunk',
    };
  }

  async stop(): Promise<void> {
    this.ticker.stop();
    await this.speech.close();
    await this.controlSocket?.close();
    await this.ws?.close();
    await this.udp?.close();
    await this.control?.close();
    await this.closeMedia();
    this.ws = null;
    this.udp = null;
    this.control = null;
    this.controlSocket = null;
  }
}
