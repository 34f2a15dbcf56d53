/**
 * Starts and stops the server under test: the built `apps/server/dist/main.js` in embedded
 * demo mode (no DATABASE_URL, no NODE_ENV) on its own port and a fresh data folder.
 */
import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The server under test's HTTP port; E2E_PORT moves it (two checkouts testing side by side). */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 18080);
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const HEALTH_TIMEOUT_MS = 90_000;
const STOP_GRACE_MS = 10_000;

/** The server the tests talk to: E2E_BASE_URL if given, else the one we start. */
export function baseUrl(): string {
  return (process.env.E2E_BASE_URL ?? `http://127.0.0.1:${E2E_PORT}`).replace(/\/$/, '');
}

/** A UDP port nobody holds right now (the server's trunk port, sipp's ports). */
export function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => {
      const { port } = socket.address();
      socket.close(() => resolve(port));
    });
  });
}

/**
 * The server's SIP over UDP (trunk) port, for tests that call in like the phone network:
 * global-setup picks a free one and passes it on in E2E_SIP_UDP_PORT (set it yourself
 * together with E2E_BASE_URL).
 */
export function sipUdpPort(): number {
  const port = Number(process.env.E2E_SIP_UDP_PORT);
  if (!Number.isInteger(port) || port <= 0) throw new Error('E2E_SIP_UDP_PORT is not set: the server under test has no known SIP UDP port.');
  return port;
}

export interface StartedServer {
  pid: number;
  sipUdpPort: number;
  dataDir: string;
  logFile: string;
}

function logTail(logFile: string): string {
  try {
    return readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n');
  } catch {
    return '(no log)';
  }
}

export async function startServer(): Promise<StartedServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ccx-e2e-'));
  const logFile = join(dataDir, 'server.log');
  const sipPort = await freeUdpPort();
  const log = openSync(logFile, 'a');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(E2E_PORT),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    // A free UDP port, so a server started by `npm start` on 5060 does not collide (and known,
    // so tests can call in with sipp); short registrations so the SIP tests can watch
    // refreshes and expiry within seconds.
    SIP_UDP_PORT: String(sipPort),
    // The demo flows keep Shanghai office hours: the tests must not depend on the time of day.
    IVR_HOURS_OVERRIDE: 'open',
    SIP_REGISTRATION_MIN_EXPIRES: '2',
    SIP_REGISTRATION_MAX_EXPIRES: '4',
    // The shortest SIP credentials the server issues, so the softphone's renewal happens
    // within a test (at half their life: 30 s).
    SIP_CREDENTIAL_TTL_SECONDS: '60',
  };
  delete env.DATABASE_URL;
  delete env.NODE_ENV;

  const child = spawn(process.execPath, ['apps/server/dist/main.js'], { cwd: repoRoot, env, stdio: ['ignore', log, log] });
  closeSync(log);
  let exited: string | null = null;
  child.once('exit', (code, signal) => {
    exited = `exited with ${signal ?? `code ${code}`}`;
  });
  if (child.pid === undefined) throw new Error('could not start apps/server/dist/main.js (is the server built?)');

  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  const url = `${baseUrl()}/api/health`;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`The server ${exited} before it was healthy. Log tail:\n${logTail(logFile)}`);
    try {
      const response = await fetch(url);
      if (response.status === 200) return { pid: child.pid, sipUdpPort: sipPort, dataDir, logFile };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await stopServer({ pid: child.pid, sipUdpPort: sipPort, dataDir, logFile });
  throw new Error(`GET ${url} did not answer 200 within ${HEALTH_TIMEOUT_MS / 1000} s. Log tail:\n${logTail(logFile)}`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!isRunning(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return !isRunning(pid);
}

/** SIGTERM, then SIGKILL if it has not exited after 10 s; then removes the data folder. */
export async function stopServer(server: StartedServer): Promise<void> {
  if (isRunning(server.pid)) {
    process.kill(server.pid, 'SIGTERM');
    if (!(await waitForExit(server.pid, STOP_GRACE_MS))) {
      console.warn(`[e2e] server ${server.pid} ignored SIGTERM for ${STOP_GRACE_MS / 1000} s; killing it.`);
      process.kill(server.pid, 'SIGKILL');
      await waitForExit(server.pid, 2_000);
    }
  }
  if (process.env.E2E_KEEP_DATA) console.log(`[e2e] server data and log kept in ${server.dataDir}`);
  else rmSync(server.dataDir, { recursive: true, force: true });
}
