import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type TokenPair } from '@ccx/contracts';
import pg from 'pg';
import { type AppConfig, loadConfig } from '../src/config/config.js';
import { type RunningServer, startServer } from '../src/server.js';

/**
 * Integration tests boot the real server in-process on a real database: the embedded
 * PGlite default, and PostgreSQL on 127.0.0.1:5432 (CI has it; a machine without it skips
 * those runs unless CI=true, where its absence fails the run).
 */
export type Backend = 'embedded' | 'postgresql';

const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export async function availableBackends(): Promise<Backend[]> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return ['embedded', 'postgresql'];
  } catch (error) {
    if (process.env.CI) throw new Error(`PostgreSQL at ${ADMIN_URL} is required on CI: ${(error as Error).message}`);
    console.warn(`PostgreSQL not reachable at ${ADMIN_URL}: integration tests run on the embedded database only`);
    return ['embedded'];
  }
}

/** A fresh, empty PostgreSQL database for one test file; dropped by `drop()`. */
export async function freshPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `ccx_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: ADMIN_URL });
      await client.connect();
      // The server's pool resolves its end() before its connections have closed; forcing the
      // drop at once would kill them mid-goodbye and raise an error nobody listens to.
      // Wait for them to go, then force whatever is left.
      for (let attempt = 0; attempt < 30; attempt++) {
        const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
        if (rows[0]!.n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export interface TestServer extends RunningServer {
  backend: Backend;
  dataDir: string;
  config: AppConfig;
  /** Stops the server and removes its database and data folder. */
  destroy(): Promise<void>;
}

export interface BootOptions {
  env?: Record<string, string>;
  /** Applied on top of the parsed configuration (e.g. demoMode on PostgreSQL). */
  config?: Partial<AppConfig>;
  /** Reuse a data folder / database (restart tests). */
  dataDir?: string;
  databaseUrl?: string;
}

export async function bootServer(backend: Backend, options: BootOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'ccx-it-'));
  const database = backend === 'postgresql' && !options.databaseUrl ? await freshPostgresDatabase() : null;
  const databaseUrl = options.databaseUrl ?? database?.url;
  const config: AppConfig = {
    ...loadConfig({
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      SIP_UDP_PORT: '0',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      ...options.env,
    }),
    // The demo tenant gives every test the same known users, on either backend.
    demoMode: options.env?.NODE_ENV === 'production' ? false : true,
    ...options.config,
  };
  const server = await startServer(config);
  return {
    ...server,
    backend,
    dataDir,
    config,
    destroy: async () => {
      await server.close();
      await database?.drop();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface ApiAnswer<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** A small HTTP client for the server under test. */
export function apiClient(baseUrl: string) {
  async function call<T = any>( // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary bodies
    method: string,
    path: string,
    options: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
  ): Promise<ApiAnswer<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined;
    if (options.rawBody !== undefined) {
      body = options.rawBody;
      headers['content-type'] = 'application/json';
    } else if (options.body !== undefined && method !== 'GET' && method !== 'HEAD') {
      body = JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }
    const response = await fetch(`${baseUrl}${path}`, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  async function login(username: string, password: string, headers?: Record<string, string>): Promise<TokenPair> {
    const answer = await call<TokenPair>('POST', '/api/auth/login', { body: { username, password }, headers });
    if (answer.status !== 200) throw new Error(`login ${username} → ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  return { call, login };
}
