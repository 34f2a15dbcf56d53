import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, platform, release } from 'node:os';
import { dirname, join } from 'node:path';

/** Latency samples of one kind of operation, in nanoseconds. */
export class Samples {
  private values: number[] = [];

  constructor(readonly label: string) {}

  add(ns: number): void {
    this.values.push(ns);
  }

  get count(): number {
    return this.values.length;
  }

  summary(): { count: number; opsPerSecond: number; meanUs: number; p50Us: number; p99Us: number; p999Us: number; maxUs: number } {
    const sorted = Float64Array.from(this.values).sort();
    const at = (q: number) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! / 1000);
    const total = this.values.reduce((sum, v) => sum + v, 0);
    const meanUs = sorted.length === 0 ? 0 : total / sorted.length / 1000;
    return {
      count: sorted.length,
      opsPerSecond: meanUs === 0 ? 0 : 1e6 / meanUs,
      meanUs,
      p50Us: at(0.5),
      p99Us: at(0.99),
      p999Us: at(0.999),
      maxUs: sorted.length === 0 ? 0 : sorted[sorted.length - 1]! / 1000,
    };
  }
}

export interface BenchReport {
  seed: number;
  cycles: number;
  samples: Samples[];
  /** Offers decided (by any event) during the measured phase, over its wall time. */
  sustainedDecisionsPerSecond: number;
  eventsPerSecond: number;
  wallSeconds: number;
  simulatedSeconds: number;
  waitingAtStart: number;
  waitingAtEnd: number;
  heapMb: number;
  /** CPU time of this process over wall time in the measured phase (1 = one core, all the time; GC threads count too). */
  cpuShare: number;
  /** 1-minute load average of the machine at the end. */
  loadAverage: number;
  /** p99 of the two decision kinds, the figure the issue aims below 1 ms. */
  decisionP99Us: number;
}

const fmt = (n: number, digits = 1) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const int = (n: number) => Math.round(n).toLocaleString('en-US');

export function textTable(report: BenchReport): string {
  const header = ['operation', 'count', 'ops/s (1/mean)', 'mean µs', 'p50 µs', 'p99 µs', 'p99.9 µs', 'max µs'];
  const rows = report.samples.filter((s) => s.count > 0).map((s) => {
    const m = s.summary();
    return [s.label, int(m.count), int(m.opsPerSecond), fmt(m.meanUs), fmt(m.p50Us), fmt(m.p99Us), fmt(m.p999Us), fmt(m.maxUs)];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function summaryLines(report: BenchReport): string[] {
  return [
    `sustained: ${int(report.sustainedDecisionsPerSecond)} routing decisions/s and ${int(report.eventsPerSecond)} events/s ` +
      `(wall clock over the whole event mix, ${fmt(report.wallSeconds, 2)} s for ${fmt(report.simulatedSeconds, 0)} s of simulated time)`,
    `waiting contacts: ${int(report.waitingAtStart)} at the start of the measured phase, ${int(report.waitingAtEnd)} at its end; heap ${int(report.heapMb)} MB`,
    `machine: load average ${fmt(report.loadAverage, 2)} on ${cpus().length} cores; this process got ${fmt(report.cpuShare * 100, 0)}% of a core` +
      (report.cpuShare < 0.9 ? ' (other processes preempted it: that lands in p99 and above)' : ''),
    `decision p99: ${fmt(report.decisionP99Us)} µs, aim < 1,000 µs: ${report.decisionP99Us < 1000 ? 'met' : 'NOT met'}`,
  ];
}

function markdownTable(report: BenchReport): string {
  const rows = report.samples.filter((s) => s.count > 0).map((s) => {
    const m = s.summary();
    return `| ${s.label} | ${int(m.count)} | ${int(m.opsPerSecond)} | ${fmt(m.meanUs)} | ${fmt(m.p50Us)} | ${fmt(m.p99Us)} | ${fmt(m.p999Us)} | ${fmt(m.maxUs)} |`;
  });
  return ['| operation | count | ops/s (1/mean) | mean µs | p50 µs | p99 µs | p99.9 µs | max µs |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |', ...rows].join('\n');
}

export const BEGIN = '<!-- bench:acd -->';
export const END = '<!-- /bench:acd -->';
/** The end-to-end part (bench/e2e) inside the section: written by hand and by `bench:acd:e2e`, kept by this bench. */
export const E2E_BEGIN = '<!-- bench:acd:e2e -->';
export const E2E_END = '<!-- /bench:acd:e2e -->';
/** Where `bench:acd:e2e --write` puts its figures, inside the end-to-end part. */
export const E2E_RESULTS_BEGIN = '<!-- bench:acd:e2e-results -->';
export const E2E_RESULTS_END = '<!-- /bench:acd:e2e-results -->';

/** The whole "ACD routing" section of docs/benchmarks.md, between its markers. */
export function markdownSection(report: BenchReport, note: string | undefined): string {
  const cpu = cpus();
  const machine = `${cpu[0]?.model.trim() ?? 'unknown CPU'} × ${cpu.length}, ${platform()} ${release()}, Node ${process.version}`;
  return `${BEGIN}
## \`bench:acd\`: ACD routing decisions

The question: with **10,000 waiting contacts, 2,000 agents and 50 queues with mixed skills**,
how many routing decisions per second does the ACD domain make, and how long does one
decision take (p50, p99)? Aim: **p99 of a decision under 1 ms**.

### Run it

\`\`\`
npm run bench:acd                                  # default: seed 1, 100,000 measured cycles
npm run bench:acd -- --cycles 20000 --seed 7
npm run bench:acd -- --write --note "quiet machine"  # replace this section with the run
\`\`\`

The script compiles the bench and the ACD domain with \`tsc\` (\`apps/server/bench/tsconfig.json\`
→ \`apps/server/dist/bench/\`) and runs it with plain \`node\`; nothing else is needed.

### The scenario (\`apps/server/bench/acd-scenario.ts\`, seeded)

- 20 skills. 45 *busy* queues need 1–3 of skills s0…s17 (minimum levels 1–5) and hold the
  10,000 waiting contacts; 1,800 agents with 2–5 of those skills (levels 1–10) serve them.
  5 *quiet* queues (skills s18/s19, 200 agents of their own) have no backlog, so a contact
  arriving there is offered at once. Strategies rotate over longest idle, fewest calls, round
  robin and best skill; one quiet queue rings all of a team of about 8 (both quiet skills at
  level 9+).
- Every queue runs priority aging (10% VIP callers), a widen overflow after 60 s, a maximum
  wait turning callers into callbacks, and position/EWT announcements every 30 s. Agents
  heartbeat every 5 s (15 s timeout).
- One measured cycle is 10 ms of simulated time: a busy agent's call ends and, after
  after-call work, the agent **becomes available → offered the best waiting contact** (timed);
  the offer is accepted (timed); a new caller joins a busy queue (timed: queued, nobody free).
  Every 4th cycle a caller arrives in a quiet queue (**enqueued → offered**, timed), is
  accepted and hangs up. Four agents send a heartbeat (timed). Each cycle starts with
  \`tick\`, which applies the deadlines due in those 10 ms: announcements, overflows,
  max waits, wrap-up ends (timed). 5,000 warm-up cycles are not counted.

### Why a decision is cheap

Eligibility (which agent meets which queue stage's skills) is worked out when skills or
queues change, never at decision time. Each queue stage keeps its waiting contacts sorted by
a time-independent priority key (aging included) and its free, reachable agents sorted by
the queue's strategy. A new contact looks at the first agent of its stage; an agent who
becomes free looks at the first contact of each stage it serves. No decision scans the
waiting contacts. Deadlines sit in one timer heap. (\`apps/server/src/acd/domain/routing/\`)

### What the figures mean

- Each row times one call into the \`Acd\` (\`process.hrtime\` around it): the decision, its
  index updates and the decisions it returns. **ops/s** is 1 / mean of that row alone.
- *contact enqueued → offer* includes the ring-all queue, whose offer reserves about 8
  agents at once (and whose accept frees the others), hence its longer tail.
- **Sustained** divides every offer the ACD decided during the measured phase by the wall
  time of the whole event mix (including accepts, call ends, heartbeats and ticks).
- One shared machine: other work on it shows up in p99.9 and max (GC pauses too), so read
  those as noise bounds rather than properties of the code.

### Results

${note ? `*${note}* — ` : ''}${new Date().toISOString().slice(0, 10)}, seed ${report.seed}, ${int(report.cycles)} cycles; ${machine}.

${markdownTable(report)}

${summaryLines(report)
  .map((line) => `- ${line}`)
  .join('\n')}
${END}`;
}

export function findRepoRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'pnpm-workspace.yaml'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no pnpm-workspace.yaml above ${from}`);
    dir = parent;
  }
  return dir;
}

/**
 * Replaces our section between its markers (other sections are left alone), or appends it;
 * creates the file if missing. The section's end-to-end part is not this bench's: it is kept.
 */
export function writeSection(file: string, section: string): void {
  const before = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const start = before.indexOf(BEGIN);
  const end = before.indexOf(END);
  const e2eStart = before.indexOf(E2E_BEGIN);
  const e2eEnd = before.indexOf(E2E_END);
  const e2e = start >= 0 && e2eStart > start && e2eEnd > e2eStart && e2eEnd < end ? before.slice(e2eStart, e2eEnd + E2E_END.length) : null;
  const ours = e2e ? section.replace(END, `\n${e2e}\n${END}`) : section;
  const after =
    start >= 0 && end > start
      ? before.slice(0, start) + ours + before.slice(end + END.length)
      : `${before.trimEnd()}\n\n${ours}\n`;
  writeFileSync(file, after);
}
