import { type ChildProcess, spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * sipp (Debian's sip-tester) as the phone network in the server's tests: one scenario from
 * `scenarios/`, one call, loopback only. Its exit code is the verdict of the SIP side (0:
 * the call went as the scenario expects); its screen, error log and message trace become
 * the failure message. (A copy of the gateway's test helper: packages do not import each
 * other's tests.)
 *
 * `play_pcap_audio` (the caller's key presses, from sipp's sample captures) sends through a
 * raw socket: sipp needs root or CAP_NET_RAW for it.
 */
export const SIPP = process.env.SIPP_PATH ?? 'sipp';
/** sipp's sample captures, as Debian's sip-tester installs them. */
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
  output: string;
}

export interface SippOptions {
  /** The dialed number ([service] in scenarios). */
  service: string;
  /** Send back every RTP packet received (sipp -rtp_echo): what reaches the caller returns as its voice. */
  rtpEcho?: boolean;
  /** sipp's own SIP port; a free one when omitted. */
  sipPort?: number;
  /** Longest run before sipp gives up (default 45 s). */
  timeoutSeconds?: number;
  /** Files the scenario names by a relative path (pcaps to play), written into sipp's working folder. */
  files?: Record<string, Buffer>;
}

const running = new Set<ChildProcess>();

/** A UDP port nobody holds now; with `count` > 1 the ports 2, 4 … above it are free too (sipp's media ports). */
export async function freeUdpPort(count = 1): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const first = await bindEphemeral(0);
    if (!first) continue;
    const others = [];
    let ok = true;
    for (let i = 1; i < count; i++) {
      const other = await bindEphemeral(first.port + 2 * i);
      if (!other) {
        ok = false;
        break;
      }
      others.push(other);
    }
    for (const s of [first, ...others]) await new Promise<void>((resolve) => s.socket.close(() => resolve()));
    if (ok) return first.port;
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

/** Runs `scenarios/<name>` once against 127.0.0.1:`targetPort`. */
export async function runSipp(name: string, targetPort: number, options: SippOptions): Promise<SippRun> {
  const [sipPort, mediaPort] = [options.sipPort ?? (await freeUdpPort()), await freeUdpPort(2)];
  const cwd = mkdtempSync(join(tmpdir(), 'sipp-'));
  for (const [file, content] of Object.entries(options.files ?? {})) writeFileSync(join(cwd, file), content);
  const args = [
    `127.0.0.1:${targetPort}`,
    '-sf', join(SCENARIOS, name),
    '-m', '1',
    '-i', '127.0.0.1',
    '-p', String(sipPort),
    '-mi', '127.0.0.1',
    '-mp', String(mediaPort),
    '-s', options.service,
    // Without -timeout_error sipp stops at -timeout but never exits.
    '-timeout', `${options.timeoutSeconds ?? 45}s`,
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

/** Kills every sipp this process started and that still runs (one by one, by the child we hold). */
export function killAllSipp(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}
