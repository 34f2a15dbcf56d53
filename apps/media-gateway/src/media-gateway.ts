import { EventEmitter } from 'node:events';
import { type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { type GatewayConfig } from './config.js';
import { ControlServer } from './control/control-server.js';
import { type Binding, DEFAULT_REGISTRAR_OPTIONS, Registrar, type UnregisterReason } from './sip/registrar.js';
import { SipEndpoint } from './sip/sip-endpoint.js';
import { realScheduler } from './sip/timers.js';
import { UdpSipTransport } from './sip/transport-udp.js';
import { WsSipTransport } from './sip/transport-ws.js';

/**
 * The media gateway: SIP transports (WebSocket at /sip, UDP for trunks), the registrar, and
 * (with the rest of issue 3) legs, media engine and the B2BUA. The server embeds it in its
 * own process for the single-machine default, handing over its HTTP server so browsers
 * reach /sip on the same port; alone (main.ts) it serves /sip on its control port.
 */
export interface RegistrationEvent {
  sipUser: string;
  contact: string;
  transport: string;
  remoteAddress: string;
  state: 'registered' | 'unregistered';
  reason?: UnregisterReason;
}

export interface GatewayEvents {
  registration: [RegistrationEvent];
  log: [Record<string, unknown>];
}

export interface StartOptions {
  /** Attach SIP over WebSocket to this server (embedded mode) instead of the control server. */
  httpServer?: Server;
}

export class MediaGateway extends EventEmitter<GatewayEvents> {
  private control: ControlServer | null = null;
  private ws: WsSipTransport | null = null;
  private udp: UdpSipTransport | null = null;
  private registrarInstance: Registrar | null = null;

  constructor(private readonly config: GatewayConfig) {
    super();
  }

  get registrar(): Registrar {
    if (!this.registrarInstance) throw new Error('gateway not started');
    return this.registrarInstance;
  }

  async start(options: StartOptions = {}): Promise<{ control: AddressInfo | null; sipUdp: AddressInfo | null }> {
    const registration = (binding: Binding, state: RegistrationEvent['state'], reason?: UnregisterReason) =>
      this.emit('registration', {
        sipUser: binding.sipUser,
        contact: binding.contact,
        transport: binding.connection.protocol,
        remoteAddress: binding.connection.remoteAddress,
        state,
        ...(reason ? { reason } : {}),
      });
    this.registrarInstance = new Registrar(
      {
        ...DEFAULT_REGISTRAR_OPTIONS,
        realm: this.config.SIP_DOMAIN,
        secret: this.config.SIP_CREDENTIAL_SECRET,
        minExpires: this.config.SIP_REGISTRATION_MIN_EXPIRES,
        maxExpires: this.config.SIP_REGISTRATION_MAX_EXPIRES,
      },
      realScheduler,
      { registered: (b) => registration(b, 'registered'), unregistered: (b, reason) => registration(b, 'unregistered', reason) },
    );
    const endpoint = new SipEndpoint(this.registrarInstance, realScheduler, (event) => this.emit('log', event));
    const transportEvents = {
      message: (data: Buffer, connection: Parameters<SipEndpoint['receive']>[1]) => endpoint.receive(data, connection),
      closed: (connection: Parameters<SipEndpoint['connectionClosed']>[0]) => endpoint.connectionClosed(connection),
    };

    let control: AddressInfo | null = null;
    let httpServer = options.httpServer;
    if (!httpServer) {
      this.control = new ControlServer(() => ['sip-ws', 'sip-udp', 'registrar']);
      control = await this.control.listen(this.config.GATEWAY_CONTROL_PORT, this.config.GATEWAY_CONTROL_HOST);
      httpServer = this.control.httpServer;
    }
    this.ws = new WsSipTransport(httpServer, transportEvents, { path: '/sip', pingIntervalMs: this.config.SIP_WS_PING_INTERVAL_MS });
    this.udp = this.config.SIP_UDP_ENABLED
      ? await UdpSipTransport.listen(this.config.SIP_UDP_HOST, this.config.SIP_UDP_PORT, transportEvents)
      : null;
    return { control, sipUdp: this.udp?.address ?? null };
  }

  async stop(): Promise<void> {
    await this.ws?.close();
    await this.udp?.close();
    await this.control?.close();
    this.ws = null;
    this.udp = null;
    this.control = null;
  }
}
