import { type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { type CommandResult, type GatewayCommandInput, type GatewayEvent, GatewayErrorCode, type Registration, type SessionUser, type SipCredentials } from '@ccx/contracts';
import { type GatewayControl, loadGatewayConfig, MediaGateway, mintCredential } from '@ccx/media-gateway';
import { type SpeechSynthesizer } from '@ccx/media-gateway/audio';
import { PinoLogger } from 'nestjs-pino';
import { APP_CONFIG } from '../config/config.module.js';
import { type AppConfig } from '../config/config.js';

/** A gateway event about a call (every event but `registration`). */
export type CallEvent = Exclude<GatewayEvent, { event: 'registration' }>;

/**
 * The only module that talks to media gateways. On the single-machine default it runs the
 * gateway in this process, with SIP over WebSocket on the server's own port at /sip. It
 * issues SIP credentials, keeps the live list of registered softphones (the ACD's
 * reachability check listens to it), and passes commands and call events between the
 * gateway and the contact center.
 */
@Injectable()
export class TelephonyService implements OnApplicationBootstrap, OnApplicationShutdown {
  private gateway: MediaGateway | null = null;
  private control: GatewayControl | null = null;
  /** Where trunks reach the gateway (port 0 in tests picks a free one). */
  sipUdpAddress: AddressInfo | null = null;
  private readonly registrations = new Map<string, Registration>();
  private readonly callListeners = new Set<(event: CallEvent) => void>();
  private readonly registrationListeners = new Set<(sipUser: string, registered: boolean) => void>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly adapterHost: HttpAdapterHost,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext(TelephonyService.name);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.sip.embeddedGateway) return;
    const sip = this.config.sip;
    this.gateway = new MediaGateway(
      loadGatewayConfig({
        SIP_DOMAIN: sip.domain,
        SIP_UDP_ENABLED: String(sip.udp.enabled),
        SIP_UDP_HOST: sip.udp.host,
        SIP_UDP_PORT: String(sip.udp.port),
        SIP_CREDENTIAL_SECRET: sip.credentialSecret,
        SIP_REGISTRATION_MIN_EXPIRES: String(sip.registrationMinExpires),
        SIP_REGISTRATION_MAX_EXPIRES: String(sip.registrationMaxExpires),
        RTP_PORT_MIN: String(sip.rtpPorts.min),
        RTP_PORT_MAX: String(sip.rtpPorts.max),
        PROMPTS_DIR: sip.promptsDir,
        RECORDINGS_DIR: join(this.config.dataDir, 'recordings'),
        SPEECH_CACHE_DIR: sip.speechCacheDir,
        ...(sip.trunkUri ? { SIP_TRUNK_URI: sip.trunkUri } : {}),
      }),
    );
    this.useGateway(this.gateway.localControl());
    this.gateway.on('log', (event) => this.logger.info(event, String(event.msg ?? 'gateway')));
    const { sipUdp } = await this.gateway.start({ httpServer: this.adapterHost.httpAdapter.getHttpServer() });
    this.sipUdpAddress = sipUdp;
    this.logger.info({ sipUdp: sipUdp && `${sipUdp.address}:${sipUdp.port}` }, 'embedded media gateway started');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.control?.close();
    await this.gateway?.stop();
    this.gateway = null;
    this.control = null;
  }

  /**
   * Drives calls through this control from now on: the embedded gateway's at start. With
   * EMBEDDED_GATEWAY=false nothing is attached and commands answer `gateway/unreachable`;
   * `bench:acd:e2e` attaches its scripted stand-in here, so every event it reports takes
   * the same path as the real gateway's (registrations included).
   */
  useGateway(control: GatewayControl): void {
    this.control = control;
    control.onEvent((event) => this.onGatewayEvent(event));
  }

  /**
   * The embedded gateway's speech synthesizer (its engine, memory and disk cache), so the
   * prompts admin plays exactly what callers hear; null when no gateway runs in this process.
   */
  speechSynthesizer(): SpeechSynthesizer | null {
    return this.gateway?.speechSynthesizer ?? null;
  }

  /** Agents register their extension; other staff `u.<username>` (no clash with digits). */
  sipUserOf(user: SessionUser & { extension?: string | null }): string {
    return user.role === 'agent' && user.extension ? user.extension : `u.${user.username}`;
  }

  /** A credential for `sipUser`, for the configured lifetime or a shorter one (widget visitors). */
  issueCredentials(sipUser: string, ttlSeconds = this.config.sip.credentialTtlSeconds): SipCredentials {
    const credential = mintCredential(this.config.sip.credentialSecret, sipUser, Math.min(ttlSeconds, this.config.sip.credentialTtlSeconds));
    return {
      sipUri: `sip:${sipUser}@${this.config.sip.domain}`,
      authorizationUsername: credential.authorizationUsername,
      password: credential.password,
      realm: this.config.sip.domain,
      webSocketPath: '/sip',
      expiresAt: credential.expiresAt.toISOString(),
    };
  }

  /** Sends a command to the gateway; a gateway that is not running answers `gateway/unreachable`. */
  execute(command: GatewayCommandInput): Promise<CommandResult> {
    if (!this.control) return Promise.resolve({ ok: false, error: { code: GatewayErrorCode.Unreachable, message: 'no media gateway is running' } });
    return this.control.execute(command);
  }

  /** Every call event (incoming, answered, digit, hangup …), in the order the gateway reports them. */
  onCallEvent(listener: (event: CallEvent) => void): () => void {
    this.callListeners.add(listener);
    return () => this.callListeners.delete(listener);
  }

  /** A softphone user gained its first or lost its last registration. */
  onRegistrationChange(listener: (sipUser: string, registered: boolean) => void): () => void {
    this.registrationListeners.add(listener);
    return () => this.registrationListeners.delete(listener);
  }

  isRegistered(sipUser: string): boolean {
    for (const registration of this.registrations.values()) if (registration.sipUser === sipUser) return true;
    return false;
  }

  listRegistrations(): Registration[] {
    return [...this.registrations.values()].sort((a, b) => a.sipUser.localeCompare(b.sipUser));
  }

  /** Gateway events: registrations feed the live list, call events go to the contact center. */
  private onGatewayEvent(event: GatewayEvent): void {
    if (event.event !== 'registration') {
      this.logger.debug(event, `gateway ${event.event}`);
      for (const listener of this.callListeners) {
        try {
          listener(event);
        } catch (error) {
          this.logger.error({ err: error, event }, 'call event handler failed');
        }
      }
      return;
    }
    const wasRegistered = this.isRegistered(event.sipUser);
    const key = `${event.sipUser}|${event.contact}`;
    if (event.state === 'registered') {
      const connection = this.gateway?.registrar.lookup(event.sipUser).find((b) => b.contact === event.contact)?.connection;
      this.registrations.set(key, {
        sipUser: event.sipUser,
        contact: event.contact,
        transport: connection?.protocol ?? 'unknown',
        remoteAddress: connection?.remoteAddress ?? 'unknown',
        registeredAt: new Date(event.at).toISOString(),
      });
    } else {
      this.registrations.delete(key);
    }
    this.logger.info({ sipUser: event.sipUser, state: event.state, reason: event.reason }, 'sip registration');
    const registered = this.isRegistered(event.sipUser);
    if (registered === wasRegistered) return;
    for (const listener of this.registrationListeners) listener(event.sipUser, registered);
  }
}
