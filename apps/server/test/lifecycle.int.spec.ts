import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/config.js';
import { Database } from '../src/database/database.js';
import { migrate, readMigrations } from '../src/database/migrator.js';
import { apiClient, availableBackends, bootServer, freshPostgresDatabase } from './harness.js';

const serverDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = join(serverDir, '..', '..');
const migrationsDir = join(repoRoot, 'prisma', 'migrations');
const mainJs = join(serverDir, 'dist', 'main.js');
const backends = await availableBackends();
const tempDirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'ccx-life-'));
  tempDirs.push(dir);
  return dir;
};
afterAll(() => tempDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('embedded database', () => {
  it('keeps its data across a restart and seeds the demo only once', async () => {
    const dataDir = tempDir();
    const first = await bootServer('embedded', { dataDir });
    expect(first.seeded).toBe('seeded');
    const api = apiClient(first.url);
    const admin = await api.login('admin', 'admin123!');
    const created = await api.call('POST', '/api/users', {
      token: admin.accessToken,
      body: { username: 'survivor', displayName: 'Survivor', role: 'agent', password: 'survives-restarts' },
    });
    expect(created.status).toBe(201);
    await first.close();

    const second = await bootServer('embedded', { dataDir });
    try {
      expect(second.seeded).toBe('already-there');
      const again = apiClient(second.url);
      expect((await again.login('survivor', 'survives-restarts')).user.displayName).toBe('Survivor');
      // The token key lives in the data folder too: a token from before the restart still works.
      expect((await again.call('GET', '/api/auth/me', { token: admin.accessToken })).status).toBe(200);
    } finally {
      await second.close();
    }
  });
});

describe('migrations', () => {
  it('apply once, are skipped when present, and refuse a migration edited after it was applied', async () => {
    const database = await Database.open({ databaseUrl: null, dataDir: tempDir(), migrationsDir });
    try {
      const migrations = readMigrations(migrationsDir);
      expect((await migrate(database.pool, migrations)).applied).toEqual(migrations.map((m) => m.name));
      expect(await migrate(database.pool, migrations)).toEqual({ applied: [], alreadyApplied: migrations.length });
      const edited = migrations.map((m, i) => (i === 0 ? { ...m, checksum: 'edited' } : m));
      await expect(migrate(database.pool, edited)).rejects.toThrow(/0001_init was changed/);
    } finally {
      await database.close();
    }
  });

  it('roll back a failing migration whole', async () => {
    const database = await Database.open({ databaseUrl: null, dataDir: tempDir(), migrationsDir });
    try {
      const broken = [{ name: '0001_broken', checksum: 'x', sql: 'CREATE TABLE half_done (id int); SELECT no_such_function();' }];
      await expect(migrate(database.pool, broken)).rejects.toThrow(/0001_broken failed/);
      const { rows } = await database.pool.query("SELECT to_regclass('half_done') AS t");
      expect(rows[0].t).toBeNull();
    } finally {
      await database.close();
    }
  });

  it.runIf(backends.includes('postgresql'))(
    'produce exactly the tables, columns and indexes that schema.prisma describes',
    async () => {
      const viaMigrations = await freshPostgresDatabase();
      const viaSchema = await freshPostgresDatabase();
      try {
        const fromMigrations = await Database.open({ databaseUrl: viaMigrations.url, dataDir: tempDir(), migrationsDir });
        await fromMigrations.migrate(migrationsDir);
        await fromMigrations.close();

        const diff = spawnSync(
          process.execPath,
          [join(serverDir, 'scripts', 'prisma.mjs'), 'migrate', 'diff', '--from-empty', '--to-schema-datamodel', join(repoRoot, 'prisma', 'schema.prisma'), '--script'],
          { cwd: serverDir, encoding: 'utf8', env: { ...process.env, DATABASE_URL: viaSchema.url } },
        );
        expect(diff.status, diff.stderr).toBe(0);
        const direct = new pg.Client({ connectionString: viaSchema.url });
        await direct.connect();
        await direct.query(diff.stdout);
        await direct.end();

        expect(await catalogOf(viaMigrations.url)).toEqual(await catalogOf(viaSchema.url));
      } finally {
        await viaMigrations.drop();
        await viaSchema.drop();
      }
    },
  );
});

async function catalogOf(url: string): Promise<unknown> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = await client.query(`
      SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default
      FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name <> '_migrations'
      ORDER BY table_name, column_name`);
    const indexes = await client.query(`
      SELECT tablename, indexname, indexdef FROM pg_indexes
      WHERE schemaname = 'public' AND tablename <> '_migrations' ORDER BY tablename, indexname`);
    const constraints = await client.query(`
      SELECT conrelid::regclass::text AS table_name, conname, pg_get_constraintdef(oid) AS definition
      FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2`);
    return { columns: columns.rows, indexes: indexes.rows, constraints: constraints.rows.filter((c) => c.table_name !== '_migrations') };
  } finally {
    await client.end();
  }
}

describe('production mode', () => {
  it('seeds no known password: only the configured admin exists', async () => {
    const server = await bootServer('embedded', {
      env: { NODE_ENV: 'production', JWT_SECRET: 'p'.repeat(40), ADMIN_USERNAME: 'chief', ADMIN_PASSWORD: 'a-long-admin-password' },
    });
    try {
      expect(server.seeded).toBe('not-demo');
      const api = apiClient(server.url);
      expect((await api.call('POST', '/api/auth/login', { body: { username: 'admin', password: 'admin123!' } })).status).toBe(401);
      const chief = await api.login('chief', 'a-long-admin-password');
      const users = await api.call('GET', '/api/users', { token: chief.accessToken });
      expect(users.body.users.map((u: { username: string }) => u.username)).toEqual(['chief']);
      expect((await api.call('GET', '/api/health')).body.demo).toBe(false);
    } finally {
      await server.destroy();
    }
  });

  it('refuses to start without admin credentials, naming the variables', () => {
    expect(existsSync(mainJs), 'build the server first (npm test does)').toBe(true);
    const run = spawnSync(process.execPath, [mainJs], {
      env: { PATH: process.env.PATH, NODE_ENV: 'production', DATA_DIR: tempDir(), JWT_SECRET: 'p'.repeat(40) },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(78);
    expect(run.stderr).toMatch(/ADMIN_USERNAME and ADMIN_PASSWORD: required in production/);
  });

  it('refuses to start with a bad variable, naming it', () => {
    const run = spawnSync(process.execPath, [mainJs], {
      env: { PATH: process.env.PATH, PORT: 'http', DATA_DIR: tempDir() },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(78);
    expect(run.stderr).toMatch(/PORT:/);
  });
});

describe('the server process', () => {
  it('starts on the embedded default, prints URLs and demo logins, and stops cleanly on Ctrl-C', async () => {
    const loadedConfig = loadConfig({ DATA_DIR: tempDir() });
    const child = spawn(process.execPath, [mainJs], {
      env: { PATH: process.env.PATH, DATA_DIR: loadedConfig.dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const deadline = Date.now() + 60_000;
    while (!stdout.includes('Press Ctrl-C to stop.') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(stdout).toMatch(/Agent desktop\s+http:\/\/localhost:\d+\/agent\//);
    expect(stdout).toMatch(/agent1\s+agent123!/);
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(stderr).toMatch(/stopped\./);
  }, 90_000);
});
