/**
 * `npm run bench:media -- [options]` (built to dist/bench/cli.js; the script builds first).
 *
 *   --calls N            one level of N calls (default: search)
 *   --max N              search up to N calls (default 400)
 *   --levels a,b,c       measure exactly these levels, in order
 *   --hold-seconds S     measured media per level (default 20)
 *   --settle-seconds S   wait after setups before measuring (default 3)
 *   --workers W          MEDIA_WORKERS for the gateway (media worker threads; 0 = none)
 *   --load-processes L   processes generating calls (default 2)
 *   --load-nice N        niceness of the load processes, 0 to 19 (default 19: they yield to the gateway)
 *   --setup-concurrency C  setups in flight at most (default 10)
 *   --record             record every bridge in stereo, as the contact center does
 *   --profile            V8 CPU profiles of the gateway's threads, into dist/bench-profiles/ (load processes: its load/)
 *   --trace DIR          every window's transit times per call and direction, as JSON (window-<n>-call-<i>-<direction>.json)
 *   --write              write the results into docs/benchmarks.md
 *   --note TEXT          a label for the written results ("measured during development")
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runBench, searchLevels } from './bench-runner.js';
import { contentionWarning, levelDetails, markdownSection, textTable, verdict, writeResults } from './report.js';

const { values } = parseArgs({
  options: {
    calls: { type: 'string' },
    max: { type: 'string' },
    levels: { type: 'string' },
    'hold-seconds': { type: 'string' },
    'settle-seconds': { type: 'string' },
    workers: { type: 'string' },
    'load-processes': { type: 'string' },
    'load-nice': { type: 'string' },
    'setup-concurrency': { type: 'string' },
    profile: { type: 'boolean' },
    record: { type: 'boolean' },
    trace: { type: 'string' },
    write: { type: 'boolean' },
    note: { type: 'string' },
  },
  strict: true,
});

function positive(name: string, value: string | undefined, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min) {
    console.error(`--${name} must be a whole number of at least ${min}, not "${value}"`);
    process.exit(64);
  }
  return parsed;
}

function niceness(value: string | undefined): number {
  const parsed = value === undefined ? 19 : Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 19) {
    console.error(`--load-nice must be a whole number from 0 to 19, not "${value}"`);
    process.exit(64);
  }
  return parsed;
}

// Ctrl-C: exit, which kills the gateway child (gateway-process.ts); load processes follow their parent.
process.once('SIGINT', () => process.exit(130));

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const explicit = values.levels?.split(',').map((v) => positive('levels', v, 0));
const single = values.calls === undefined ? undefined : positive('calls', values.calls, 0);
const levels = explicit ?? (single !== undefined ? [single] : searchLevels(positive('max', values.max, 400)));
const profileDir = values.profile ? here('../bench-profiles') : undefined;
if (profileDir) mkdirSync(profileDir, { recursive: true });
if (values.trace) mkdirSync(values.trace, { recursive: true });

const report = await runBench({
  levels,
  search: explicit === undefined && single === undefined,
  holdSeconds: positive('hold-seconds', values['hold-seconds'], 20),
  settleSeconds: positive('settle-seconds', values['settle-seconds'], 3),
  workers: values.workers === undefined ? undefined : positive('workers', values.workers, 0, 0),
  loadProcesses: positive('load-processes', values['load-processes'], 2),
  loadNice: niceness(values['load-nice']),
  record: values.record ?? false,
  setupConcurrency: positive('setup-concurrency', values['setup-concurrency'], 10),
  setupTimeoutMs: 20_000,
  rtpPorts: { min: 26000, max: 27999 },
  gatewayEntry: here('../main.js'),
  loadEntry: here('./load-process.js'),
  cpuProfileDir: profileDir,
  traceDir: values.trace === undefined ? undefined : resolve(values.trace),
  log: (line) => console.error(`[bench] ${line}`),
});

console.log(`\n${textTable(report)}\n\n${levelDetails(report).join('\n')}\n\n${verdict(report)}`);
const contention = contentionWarning(report);
if (contention) console.log(contention);
for (const note of report.notes) console.log(`note: ${note}`);
if (profileDir) console.log(`gateway CPU profiles (open in Chrome DevTools or speedscope): ${profileDir}/*.cpuprofile`);
if (values.write) {
  const doc = here('../../../../docs/benchmarks.md');
  const command = ['npm run bench:media --', ...process.argv.slice(2).map((a) => (/[\s"']/.test(a) ? JSON.stringify(a) : a))].join(' ');
  writeResults(doc, markdownSection(report, command, values.note ?? null));
  console.log(`results written to ${doc}`);
}
process.exit(report.levels.length > 0 && !report.notes.some((n) => n.startsWith('the run stopped')) ? 0 : 1);
