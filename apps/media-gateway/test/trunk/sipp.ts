import { type ChildProcess, spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * sipp (Debian's sip-tester) as the trunk in tests: one scenario file, one call, loopback
 * only. sipp's exit code is the verdict of the SIP side (0: every call went as the scenario
 * expects, 1: a call failed, anything else: sipp could not run); its screen, error log and
 * SIP message trace become the failure message.
 *
 * `play_pcap_audio` sends through a raw socket: sipp needs root (or CAP_NET_RAW) for the
 * scenarios that send RTP, and says "Can't create raw IPv4 socket" otherwise.
 */
export const SIPP = process.env.SIPP_PATH ?? 'sipp';
/** Debian's sip-tester puts sipp's sample captures (A-law speech, RFC 2833 digits) here. */
export const SIPP_PCAPS = '/usr/share/sip-tester';
const SCENARIOS = join(dirname(fileURLToPath(import.meta.url)), 'scenarios');

export interface SippRun {
  /** Resolves when sipp exits, never rejects. */
  readonly done: Promise<SippResult>;
  /** `step`, unless sipp exits first: then a failure with sipp's output, not a timeout. */
  during<T>(step: Promise<T>): Promise<T>;
}

export interface SippResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** sipp's command line, screen, stderr, error log and SIP message trace, for the failure message. */
  output: string;
}

export interface SippOptions {
  /** The dialed number ([service] in scenarios). */
  service?: string;
  /** Echo the RTP it receives back to the sender (sipp -rtp_echo). */
  rtpEcho?: boolean;
  /** sipp's own SIP port; a free one when omitted. Set it when the gateway must call sipp. */
  sipPort?: number;
}

const running = new Set<ChildProcess>();

/**
 * A UDP port nobody holds now (bound to 0, read, released): sipp binds it right after. With
 * `count` > 1, the ports 2, 4 … above it are free too (sipp's media port and its video twin).
 */
export async function freeUdpPort(count = 1): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const first = await bindEphemeral(0);
    if (!first) continue;
    const port = first.port;
    const others = [];
    let ok = true;
    for (let i = 1; i < count; i++) {
      const other = await bindEphemeral(port + 2 * i);
      if (!other) {
        ok = false;
        break;
      }
      others.push(other);
    }
    for (const s of [first, ...others]) await new Promise<void>((resolve) => s.socket.close(() => resolve()));
    if (ok) return port;
  }
  throw new Error('no free UDP port found');
}

function bindEphemeral(port: number): Promise<{ socket: ReturnType<typeof createSocket>; port: number } | null> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    socket.once('error', () => {
      socket.close();
      resolve(null);
    });
    socket.bind(port, '127.0.0.1', () => resolve({ socket, port: socket.address().port }));
  });
}

/** Runs `scenarios/<name>` once against 127.0.0.1:`gatewayPort`. */
export async function runSipp(name: string, gatewayPort: number, options: SippOptions = {}): Promise<SippRun> {
  const [sipPort, mediaPort] = [options.sipPort ?? (await freeUdpPort()), await freeUdpPort(2)];
  const cwd = mkdtempSync(join(tmpdir(), 'sipp-'));
  const args = [
    `127.0.0.1:${gatewayPort}`,
    '-sf', join(SCENARIOS, name),
    '-m', '1',
    '-i', '127.0.0.1',
    '-p', String(sipPort),
    '-mi', '127.0.0.1',
    '-mp', String(mediaPort),
    '-s', options.service ?? '1000',
    // Without -timeout_error sipp stops at -timeout but never exits.
    '-timeout', '30s',
    '-timeout_error',
    '-trace_err',
    '-error_file', join(cwd, 'errors.log'),
    '-trace_msg',
    '-message_file', join(cwd, 'messages.log'),
    '-nostdin',
    ...(options.rtpEcho ? ['-rtp_echo'] : []),
  ];
  const child = spawn(SIPP, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output = (output + chunk.toString('latin1')).slice(-20_000)));
  child.stderr.on('data', (chunk: Buffer) => (output = (output + chunk.toString('latin1')).slice(-20_000)));
  const done = new Promise<SippResult>((resolve) => {
    const finish = (code: number | null, signal: NodeJS.Signals | null) => {
      running.delete(child);
      const logs = readdirSync(cwd)
        .filter((f) => f.endsWith('.log'))
        .map((f) => `--- ${f}\n${readFileSync(join(cwd, f), 'latin1')}`)
        .join('\n');
      rmSync(cwd, { recursive: true, force: true });
      resolve({ code, signal, output: `sipp ${args.join(' ')}\n${output.slice(-4000)}\n${logs}` });
    };
    child.once('close', finish);
    child.once('error', (error) => {
      output += `\n${error.message}`;
      finish(null, null);
    });
  });
  const during = <T>(step: Promise<T>) =>
    Promise.race([
      step,
      done.then((result): never => {
        throw new Error(`sipp exited (${result.code ?? result.signal}) before the test saw what it waited for\n${result.output}`);
      }),
    ]);
  return { done, during };
}

/** Kills every sipp still running (afterEach/afterAll): one by one, by the child we started. */
export function killAllSipp(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}
