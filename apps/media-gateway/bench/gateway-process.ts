/**
 * The gateway under test as its own process: the standalone entry point (`node dist/main.js`)
 * configured by environment like a deployment, on free loopback ports. Its log lines are read
 * only to know when it has started; its stderr is kept for the error message if it dies.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';

export interface GatewayProcessOptions {
  /** The built standalone entry, dist/main.js. */
  entry: string;
  /** Passed as MEDIA_WORKERS (media worker threads), when given. */
  workers?: number;
  publicNumbers: string[];
  rtpPorts: { min: number; max: number };
  /** Writes a V8 CPU profile of the gateway into this folder when it stops. */
  cpuProfileDir?: string;
  /** Where the gateway writes recordings (RECORDINGS_DIR). */
  recordingsDir: string;
}

/** Gateways still running, killed if the bench itself exits without stopping them. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export class GatewayProcess {
  private stderr = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(
    private readonly child: ChildProcess,
    readonly secret: string,
    readonly controlPort: number,
    readonly sipUdpPort: number,
  ) {
    child.stderr!.on('data', (chunk: Buffer) => (this.stderr = (this.stderr + chunk.toString()).slice(-8000)));
    running.add(child);
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        running.delete(child);
        resolve({ code, signal });
      }),
    );
  }

  static async start(options: GatewayProcessOptions): Promise<GatewayProcess> {
    const secret = randomBytes(24).toString('hex');
    const controlPort = await freeTcpPort();
    const sipUdpPort = await freeUdpPort();
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      SIP_CREDENTIAL_SECRET: secret,
      GATEWAY_CONTROL_HOST: '127.0.0.1',
      GATEWAY_CONTROL_PORT: String(controlPort),
      SIP_UDP_HOST: '127.0.0.1',
      SIP_UDP_PORT: String(sipUdpPort),
      RTP_PORT_MIN: String(options.rtpPorts.min),
      RTP_PORT_MAX: String(options.rtpPorts.max),
      SIP_PUBLIC_NUMBERS: options.publicNumbers.join(','),
      RECORDINGS_DIR: options.recordingsDir,
      ...(options.workers !== undefined ? { MEDIA_WORKERS: String(options.workers) } : {}),
    };
    const execArgv = options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : [];
    const child = spawn(process.execPath, [...execArgv, options.entry], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const gateway = new GatewayProcess(child, secret, controlPort, sipUdpPort);
    const lines = createInterface({ input: child.stdout! });
    const started = new Promise<void>((resolve) => {
      lines.on('line', (line) => {
        if (line.includes('"media gateway started"')) resolve();
      });
    });
    const died = gateway.exited.then(({ code, signal }) => {
      throw new Error(`the gateway exited (${code ?? signal}) before it started:\n${gateway.stderr}`);
    });
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`the gateway did not start within 15 s:\n${gateway.stderr}`)), 15_000).unref());
    try {
      await Promise.race([started, died, timeout]);
    } catch (error) {
      child.kill('SIGKILL');
      throw error;
    }
    return gateway;
  }

  get pid(): number {
    return this.child.pid!;
  }

  get controlUrl(): string {
    return `ws://127.0.0.1:${this.controlPort}/control`;
  }

  get sipWebSocketUrl(): string {
    return `ws://127.0.0.1:${this.controlPort}/sip`;
  }

  /** What it wrote to stderr lately (for a failure message). */
  get errorOutput(): string {
    return this.stderr;
  }

  /** SIGTERM (the gateway stops cleanly and writes its CPU profile), SIGKILL after 10 s. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const killer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(killer);
  }
}

function freeTcpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => {
      const { port } = socket.address();
      socket.close(() => resolve(port));
    });
  });
}
