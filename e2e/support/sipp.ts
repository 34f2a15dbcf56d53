/**
 * sipp (Debian's sip-tester) as a caller from the phone network: one scenario from
 * `scenarios/`, one call, loopback only, against the e2e server's SIP over UDP port. Its exit
 * code is the verdict of the SIP side; its output and logs explain a failure.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freeUdpPort } from './server';

const SIPP = process.env.SIPP_PATH ?? '/usr/bin/sipp';
const SCENARIOS = join(dirname(fileURLToPath(import.meta.url)), 'scenarios');

export interface SippCall {
  /** Resolves when sipp exits (never rejects): exit code and what sipp said. */
  done: Promise<{ code: number | null; output: string }>;
  /** Ends sipp now (a test that failed half-way must not leave a caller behind). */
  kill(): void;
}

export async function callWithSipp(scenario: string, targetPort: number, options: { service: string; rtpEcho?: boolean; timeoutSeconds?: number; keys?: Record<string, string> }): Promise<SippCall> {
  const cwd = mkdtempSync(join(tmpdir(), 'e2e-sipp-'));
  const args = [
    `127.0.0.1:${targetPort}`,
    '-sf', join(SCENARIOS, scenario),
    '-m', '1',
    '-i', '127.0.0.1',
    '-p', String(await freeUdpPort()),
    '-mi', '127.0.0.1',
    '-mp', String(await freeUdpPort()),
    '-s', options.service,
    '-timeout', `${options.timeoutSeconds ?? 90}s`,
    '-timeout_error',
    '-trace_err',
    '-error_file', join(cwd, 'errors.log'),
    '-trace_msg',
    '-message_file', join(cwd, 'messages.log'),
    '-nostdin',
    ...(options.rtpEcho ? ['-rtp_echo'] : []),
    // `[name]` in the scenario becomes the value (e.g. the caller's number).
    ...Object.entries(options.keys ?? {}).flatMap(([name, value]) => ['-key', name, value]),
  ];
  const child = spawn(SIPP, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString('latin1')).slice(-8_000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const done = new Promise<{ code: number | null; output: string }>((resolve) => {
    const finish = (code: number | null) => {
      const logs = readdirSync(cwd)
        .filter((f) => f.endsWith('.log'))
        .map((f) => `--- ${f}\n${readFileSync(join(cwd, f), 'latin1').slice(-6_000)}`)
        .join('\n');
      rmSync(cwd, { recursive: true, force: true });
      resolve({ code, output: `sipp ${args.join(' ')}\n${output.slice(-3000)}\n${logs}` });
    };
    child.once('exit', (code) => finish(code));
    child.once('error', (error) => {
      output += `\n${String(error)}`;
      finish(-1);
    });
  });
  return { done, kill: () => void (child.exitCode === null && child.kill('SIGKILL')) };
}
