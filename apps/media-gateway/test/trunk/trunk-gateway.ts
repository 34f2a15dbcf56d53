import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CommandResult, type GatewayCommandInput, type GatewayEvent } from '@ccx/contracts';
import { loadGatewayConfig } from '../../src/config.js';
import { type GatewayControl } from '../../src/control/gateway-control.js';
import { MediaGateway } from '../../src/media-gateway.js';

/**
 * A gateway with only its trunk side in use: SIP over UDP on a free loopback port, RTP legs,
 * recordings in a temporary folder. The test plays the server through the control API and
 * reads the events it hears.
 */
export interface TrunkGateway {
  readonly gateway: MediaGateway;
  readonly control: GatewayControl;
  readonly sipPort: number;
  readonly recordingsDir: string;
  readonly events: GatewayEvent[];
  /** Runs a command; throws (failing the test) when the gateway refuses it. */
  execute(command: GatewayCommandInput): Promise<CommandResult>;
  /** The first event so far that matches, else the next one, waiting up to `timeoutMs`. */
  waitFor<E extends GatewayEvent['event']>(event: E, match?: (e: Extract<GatewayEvent, { event: E }>) => boolean, timeoutMs?: number): Promise<Extract<GatewayEvent, { event: E }>>;
  stop(): Promise<void>;
}

export async function startTrunkGateway(env: Record<string, string> = {}): Promise<TrunkGateway> {
  const recordingsDir = mkdtempSync(join(tmpdir(), 'trunk-recordings-'));
  const gateway = new MediaGateway(
    loadGatewayConfig({
      SIP_UDP_HOST: '127.0.0.1',
      SIP_UDP_PORT: '0',
      GATEWAY_CONTROL_PORT: '0',
      SIP_CREDENTIAL_SECRET: 'trunk-test-secret-trunk-test-secret-0123',
      // Below the kernel's ephemeral range, where the free ports handed to sipp come from.
      RTP_PORT_MIN: '23000',
      RTP_PORT_MAX: '23999',
      RECORDINGS_DIR: recordingsDir,
      PROMPTS_DIR: recordingsDir,
      ...env,
    }),
  );
  const { sipUdp } = await gateway.start();
  if (!sipUdp) throw new Error('gateway started without SIP over UDP');
  const control = gateway.localControl();
  const events: GatewayEvent[] = [];
  const waiters = new Set<() => void>();
  control.onEvent((event) => {
    events.push(event);
    for (const wake of waiters) wake();
  });

  return {
    gateway,
    control,
    sipPort: sipUdp.port,
    recordingsDir,
    events,
    async execute(command) {
      const result = await control.execute(command);
      if (!result.ok) throw new Error(`${command.command} refused: ${result.error.code} ${result.error.message}`);
      return result;
    },
    waitFor(event, match = () => true, timeoutMs = 10_000) {
      type E = Extract<GatewayEvent, { event: typeof event }>;
      const find = () => events.find((e): e is E => e.event === event && match(e as E));
      const found = find();
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const wake = () => {
          const hit = find();
          if (!hit) return;
          cleanup();
          resolve(hit);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no ${event} event within ${timeoutMs} ms; events: ${JSON.stringify(events.map((e) => e.event))}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(wake);
        };
        waiters.add(wake);
      });
    },
    async stop() {
      // Legs a failed test left behind would keep their RTP sockets (and timers) alive.
      const ended = new Set(events.flatMap((e) => (e.event === 'hangup' ? [e.legId] : [])));
      for (const e of events) if (e.event === 'incoming' && !ended.has(e.legId)) await control.execute({ command: 'hangup', legId: e.legId });
      await gateway.stop();
      rmSync(recordingsDir, { recursive: true, force: true });
    },
  };
}
