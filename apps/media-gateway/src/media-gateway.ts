import { type AddressInfo } from 'node:net';
import { type GatewayConfig } from './config.js';
import { ControlServer } from './control/control-server.js';

/**
 * The media gateway process shell: configuration, control endpoint, clean start and stop.
 * SIP transports, legs and the media engine (issue 3) attach here; the server embeds this
 * class in its own process for the single-machine default, or it runs alone (main.ts).
 */
export class MediaGateway {
  private control: ControlServer | null = null;

  constructor(private readonly config: GatewayConfig) {}

  async start(): Promise<{ control: AddressInfo }> {
    this.control = new ControlServer(() => []);
    const control = await this.control.listen(this.config.GATEWAY_CONTROL_PORT, this.config.GATEWAY_CONTROL_HOST);
    return { control };
  }

  async stop(): Promise<void> {
    await this.control?.close();
    this.control = null;
  }
}
