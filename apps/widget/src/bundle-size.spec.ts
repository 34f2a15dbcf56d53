/**
 * The loader's budget (issue 5): widget.js, which every page that embeds the widget loads,
 * stays under 15 kB gzipped. Reads the built file: `npm test` builds before the unit tests.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const LOADER_BUDGET_BYTES = 15 * 1024;
const dist = (file: string) => join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', file);

function sizes(file: string): { raw: number; gzip: number } {
  const path = dist(file);
  if (!existsSync(path)) throw new Error(`${path} is missing: build the widget first (node scripts/pnpm.mjs -C apps/widget run build)`);
  const bytes = readFileSync(path);
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

describe('bundle size', () => {
  it('keeps the loader under 15 kB gzipped and the call part out of it', () => {
    const loader = sizes('widget.js');
    const call = sizes('widget-call.js');
    console.info(`widget.js ${loader.raw} B (${loader.gzip} B gzipped); widget-call.js ${call.raw} B (${call.gzip} B gzipped)`);
    expect(loader.gzip).toBeLessThan(LOADER_BUDGET_BYTES);
    // SIP.js lives in the call part only: the loader never carries it.
    expect(readFileSync(dist('widget.js'), 'utf8')).not.toMatch(/SIP\.js|UserAgent/);
    expect(readFileSync(dist('widget-call.js'), 'utf8')).toMatch(/UserAgent/);
  });
});
