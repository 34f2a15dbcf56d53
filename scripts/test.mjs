#!/usr/bin/env node
// `npm test`: install what the tests need, build, then run every test: lint, typecheck,
// unit, integration (embedded PGlite and, where reachable, PostgreSQL on 127.0.0.1:5432)
// and end-to-end in Chromium. Every stage runs even if an earlier one failed, so one run
// shows everything; the exit code is non-zero if any stage failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { checkNode, root, step } from './lib.mjs';
import { pnpm } from './pnpm.mjs';

checkNode();
const results = join(root, '.test-results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

step('install', () => pnpm(['install', '--frozen-lockfile', '--prefer-offline', '--reporter=append-only']));
step('system packages', ensureSystemPackages);
step('build', () => pnpm(['-r', '--reporter=append-only', 'build']));

const stages = [];
function stage(name, run) {
  const started = Date.now();
  console.log(`\n[${name}] …`);
  const status = run();
  stages.push({ name, ok: status === 0, seconds: (Date.now() - started) / 1000 });
  console.log(`[${name}] ${status === 0 ? 'passed' : `FAILED (exit ${status})`}`);
}

const vitestReport = (file) => ['--reporter=default', '--reporter=json', `--outputFile=${join(results, file)}`];
stage('lint', () => pnpm(['exec', 'eslint', '.', '--max-warnings', '0']));
stage('typecheck', () => pnpm(['-r', '--reporter=append-only', 'typecheck']));
stage('unit', () => {
  let status = 0;
  for (const name of packagesWithScript('test:unit')) {
    const code = pnpm(['--filter', name, 'run', 'test:unit', ...vitestReport(`unit-${name.replace(/\W/g, '_')}.json`)]);
    status ||= code;
  }
  return status;
});
stage('integration', () => {
  let status = 0;
  for (const name of packagesWithScript('test:integration')) {
    const code = pnpm(['--filter', name, 'run', 'test:integration', ...vitestReport(`integration-${name.replace(/\W/g, '_')}.json`)]);
    status ||= code;
  }
  return status;
});
stage('e2e', () =>
  pnpm(['--filter', '@ccx/e2e', 'run', 'test:e2e'], {
    env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: join(results, 'e2e.json') },
  }),
);

const counts = countTests();
console.log('\nSummary');
for (const s of stages) console.log(`  ${s.ok ? 'ok  ' : 'FAIL'} ${s.name.padEnd(12)} ${s.seconds.toFixed(1)} s`);
console.log(`\ntests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
process.exit(stages.every((s) => s.ok) ? 0 : 1);

function packagesWithScript(script) {
  const names = [];
  for (const group of ['packages', 'apps']) {
    for (const dir of readdirSync(join(root, group))) {
      const manifest = join(root, group, dir, 'package.json');
      if (!existsSync(manifest)) continue;
      const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
      if (pkg.scripts?.[script]) names.push(pkg.name);
    }
  }
  return names;
}

/**
 * Debian packages the tests drive: Chromium (Playwright's own browser download cannot work
 * here) and sipp, the real SIP peer of the trunk tests. Installed with apt-get when missing
 * and we are root; otherwise the newcomer is told what to install.
 */
function ensureSystemPackages() {
  const missing = [];
  if (!existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium')) missing.push('chromium');
  if (!existsSync('/usr/bin/sipp')) missing.push('sip-tester');
  if (missing.length === 0) return 0;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) {
    console.error(`The tests need ${missing.join(' and ')}: install them (Debian: sudo apt-get install -y ${missing.join(' ')}); set CHROMIUM_PATH for a Chromium elsewhere.`);
    return 1;
  }
  console.log(`installing ${missing.join(', ')} from Debian (apt-get) …`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  if (update.status !== 0) return update.status ?? 1;
  return spawnSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env }).status ?? 1;
}

function countTests() {
  const total = { passed: 0, failed: 0, skipped: 0 };
  for (const file of existsSync(results) ? readdirSync(results) : []) {
    try {
      const report = JSON.parse(readFileSync(join(results, file), 'utf8'));
      if (report.stats && 'expected' in report.stats) {
        total.passed += report.stats.expected + (report.stats.flaky ?? 0);
        total.failed += report.stats.unexpected;
        total.skipped += report.stats.skipped;
      } else if ('numPassedTests' in report) {
        total.passed += report.numPassedTests;
        total.failed += report.numFailedTests;
        total.skipped += report.numPendingTests + (report.numTodoTests ?? 0);
      }
    } catch {
      total.failed += 1; // a report that cannot be read is a failure to look into
    }
  }
  return total;
}
