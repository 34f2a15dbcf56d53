import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Pool } from 'pg';

/**
 * Applies the SQL migrations in prisma/migrations/<name>/migration.sql in name order, each
 * in its own transaction, recording them in `_migrations`. Prisma's own `migrate deploy`
 * cannot run through a driver adapter here (see ../shared/TOOLCHAIN.md), so the project
 * runs its migrations itself, the same way on PGlite and PostgreSQL. A transaction-level
 * advisory lock keeps two starting servers from migrating at once.
 */
export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

const LOCK_KEY = 0x63637831; // 'ccx1'

export function readMigrations(dir: string): Migration[] {
  return readdirSync(dir)
    .filter((name) => statSync(join(dir, name)).isDirectory())
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

export async function migrate(pool: Pool, migrations: Migration[]): Promise<MigrationResult> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS "_migrations" (
      name text PRIMARY KEY,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await client.query<{ name: string; checksum: string }>(
      'SELECT name, checksum FROM "_migrations"',
    );
    await client.query('COMMIT');

    const done = new Map(rows.map((row) => [row.name, row.checksum]));
    for (const [name, checksum] of done) {
      const known = migrations.find((m) => m.name === name);
      if (!known) throw new Error(`database has migration ${name}, which this version does not know`);
      if (known.checksum !== checksum) {
        throw new Error(`migration ${name} was changed after it was applied (checksum differs)`);
      }
    }

    const applied: string[] = [];
    for (const migration of migrations) {
      if (done.has(migration.name)) continue;
      await client.query('BEGIN');
      try {
        await client.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
        // Another process may have applied it while we waited for the lock.
        const again = await client.query('SELECT 1 FROM "_migrations" WHERE name = $1', [migration.name]);
        if (again.rowCount === 0) {
          await client.query(migration.sql);
          await client.query('INSERT INTO "_migrations" (name, checksum) VALUES ($1, $2)', [
            migration.name,
            migration.checksum,
          ]);
          applied.push(migration.name);
        }
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${migration.name} failed: ${(error as Error).message}`, { cause: error });
      }
    }
    return { applied, alreadyApplied: done.size };
  } finally {
    client.release();
  }
}
