#!/usr/bin/env node
// `npm run db:diff -- <name>`: writes the next SQL migration, from the schema as last
// committed (git HEAD) to the schema in the working tree, into prisma/migrations/.
// Prisma cannot introspect a database here (its WASM engine fails on PostgreSQL's `name`
// type, prisma/orm#27403), so we diff two schema files instead. Prisma still opens a
// connection through prisma.config.ts: DATABASE_URL, or PostgreSQL on 127.0.0.1:5432.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const name = (process.argv[2] ?? '').replace(/[^a-z0-9_]+/gi, '_');
if (!name) {
  console.error('usage: npm run db:diff -- <migration_name>');
  process.exit(2);
}
const previous = join(mkdtempSync(join(tmpdir(), 'ccx-schema-')), 'schema.prisma');
writeFileSync(previous, execFileSync('git', ['show', 'HEAD:prisma/schema.prisma'], { cwd: root }));
const result = spawnSync(
  process.execPath,
  [join(here, 'prisma.mjs'), 'migrate', 'diff', '--from-schema-datamodel', previous, '--to-schema-datamodel', join(root, 'prisma/schema.prisma'), '--script'],
  { cwd: join(here, '..'), encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
);
if (result.status !== 0) process.exit(result.status ?? 1);
if (!/^\s*(CREATE|ALTER|DROP)/m.test(result.stdout)) {
  console.log('schema.prisma has not changed since HEAD: no migration written');
  process.exit(0);
}
const migrations = join(root, 'prisma', 'migrations');
const next = String(readdirSync(migrations).filter((d) => /^\d{4}_/.test(d)).length + 1).padStart(4, '0');
const folder = join(migrations, `${next}_${name}`);
mkdirSync(folder);
writeFileSync(join(folder, 'migration.sql'), result.stdout);
console.log(`wrote ${folder}/migration.sql — read it before committing`);
