#!/usr/bin/env node
// Runs the pinned pnpm without asking the newcomer to install it: a fresh machine has only
// Node and npm. pnpm is installed once into .tools/ from the npm registry (corepack's
// signature check fails against this registry, see ../shared/TOOLCHAIN.md).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pinned = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager; // pnpm@x.y.z
const version = pinned.split('@')[1];
const toolsDir = join(root, '.tools');
const pnpmEntry = join(toolsDir, 'node_modules', 'pnpm', 'bin', 'pnpm.cjs');

function installedVersion() {
  const manifest = join(toolsDir, 'node_modules', 'pnpm', 'package.json');
  return existsSync(manifest) ? JSON.parse(readFileSync(manifest, 'utf8')).version : null;
}

export function ensurePnpm() {
  if (installedVersion() === version) return pnpmEntry;
  console.log(`[setup] installing pnpm ${version} into .tools/ …`);
  mkdirSync(toolsDir, { recursive: true });
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(
    npm,
    ['install', '--prefix', toolsDir, '--no-save', '--no-package-lock', '--ignore-scripts', `pnpm@${version}`],
    { stdio: 'inherit', cwd: root },
  );
  if (result.status !== 0 || installedVersion() !== version) {
    throw new Error(`could not install pnpm@${version} from the npm registry`);
  }
  return pnpmEntry;
}

/** Runs pnpm with the given arguments at the repository root; returns its exit code. */
export function pnpm(args, options = {}) {
  const entry = ensurePnpm();
  // Package scripts that call `pnpm` find the same pinned one.
  const env = { ...(options.env ?? process.env) };
  env.PATH = [join(toolsDir, 'node_modules', '.bin'), env.PATH].filter(Boolean).join(delimiter);
  const result = spawnSync(process.execPath, [entry, ...args], { stdio: 'inherit', cwd: root, ...options, env });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exit(pnpm(process.argv.slice(2)));
}
