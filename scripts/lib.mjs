// Small helpers shared by the root scripts.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export function checkNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    console.error(`Node ${process.versions.node} is too old: this project needs Node 20.19 or newer.`);
    process.exit(1);
  }
}

/** Runs one named step; a non-zero exit stops the script with that step's name. */
export function step(name, run) {
  const started = Date.now();
  console.log(`\n[${name}] …`);
  const status = run();
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (status !== 0) {
    console.error(`[${name}] failed (exit ${status}) after ${seconds} s`);
    process.exit(status || 1);
  }
  console.log(`[${name}] done in ${seconds} s`);
}
