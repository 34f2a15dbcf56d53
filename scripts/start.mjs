#!/usr/bin/env node
// `npm start`: install dependencies, build every package, and run the whole system on the
// embedded default (PGlite in ./data, no other service needed). Ctrl-C stops it cleanly.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { checkNode, root, step } from './lib.mjs';
import { pnpm } from './pnpm.mjs';

checkNode();
step('install', () => pnpm(['install', '--frozen-lockfile', '--prefer-offline', '--reporter=append-only']));
step('build', () => pnpm(['-r', '--reporter=append-only', 'build']));

console.log('\n[start] starting the server …');
const server = spawn(process.execPath, [join(root, 'apps', 'server', 'dist', 'main.js')], { cwd: root, stdio: 'inherit' });
// Ctrl-C reaches the server directly (same process group); it closes its connections and
// database and exits. We only wait for it, and pass on a SIGTERM sent to us alone.
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => server.kill('SIGTERM'));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
