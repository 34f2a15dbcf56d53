/**
 * The benchmark's report: one table row per level, printed as text and written as a
 * Markdown section between two markers in docs/benchmarks.md (the section is replaced on
 * each `--write`, the rest of the page is left alone).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { release } from 'node:os';
import { type BenchReport, type LevelResult, LIMITS } from './bench-runner.js';

export const SECTION_START = '<!-- bench:media results: written by `npm run bench:media -- --write` -->';
export const SECTION_END = '<!-- end of bench:media results -->';

const fixed = (value: number | null, digits: number) => (value === null ? '–' : value.toFixed(digits));
/** Deviations are binned up to 500 ms (media-stats.ts); beyond that only the maximum is exact. */
const ms = (value: number | null) => (value !== null && value >= 500 ? '≥500' : fixed(value, 1));
const meanOf = (a: number | null, b: number | null) => (a === null || b === null ? null : (a + b) / 2);
const maxOf = (a: number | null, b: number | null) => (a === null || b === null ? null : Math.max(a, b));

/** The table's columns; the smoke test checks these headers. */
export const COLUMNS: { header: string; cell(level: LevelResult): string }[] = [
  { header: 'calls', cell: (l) => String(l.calls) },
  { header: 'setups/s', cell: (l) => fixed(l.setupRatePerSecond, 1) },
  { header: 'setup p50 ms', cell: (l) => fixed(l.setupP50Ms, 0) },
  { header: 'loss web→rtp %', cell: (l) => fixed(l.directions['web-to-rtp'].lossPercent, 2) },
  { header: 'loss rtp→web %', cell: (l) => fixed(l.directions['rtp-to-web'].lossPercent, 2) },
  { header: 'offered %', cell: (l) => fixed(l.offeredPercent, 1) },
  { header: 'gaps %', cell: (l) => fixed(maxOf(l.directions['web-to-rtp'].gapPercent, l.directions['rtp-to-web'].gapPercent), 2) },
  { header: 'gateway added p99 jitter ms', cell: (l) => ms(l.gatewayAddedJitterP99Ms) },
  { header: 'send p99 jitter ms', cell: (l) => ms(l.gatewaySendJitterP99Ms) },
  { header: 'worker loop delay p99 ms', cell: (l) => ms(l.gatewayWorkerLoopDelayP99Ms) },
  { header: 'decode→send p99 variation ms', cell: (l) => ms(l.decodeToSendVariationP99Ms) },
  { header: 'decode→send delay p50 ms', cell: (l) => ms(l.decodeToSendDelayP50Ms) },
  { header: 'p99 jitter web→rtp ms', cell: (l) => ms(l.directions['web-to-rtp'].p99DeviationMs) },
  { header: 'p99 jitter rtp→web ms', cell: (l) => ms(l.directions['rtp-to-web'].p99DeviationMs) },
  { header: 'p99 Δtransit ms', cell: (l) => ms(maxOf(l.directions['web-to-rtp'].p99TransitDeltaMs, l.directions['rtp-to-web'].p99TransitDeltaMs)) },
  { header: 'RFC 3550 jitter ms', cell: (l) => fixed(meanOf(l.directions['web-to-rtp'].meanRfc3550JitterMs, l.directions['rtp-to-web'].meanRfc3550JitterMs), 2) },
  { header: 'transit p50 ms', cell: (l) => fixed(meanOf(l.directions['web-to-rtp'].medianTransitMs, l.directions['rtp-to-web'].medianTransitMs), 1) },
  { header: 'gateway CPU %', cell: (l) => fixed(l.gatewayCpuPercent, 0) },
  { header: 'CPU/call %', cell: (l) => fixed(l.cpuPerCallPercent, 2) },
  { header: 'load CPU %', cell: (l) => fixed(l.loadCpuPercent, 0) },
  { header: 'machine CPU %', cell: (l) => fixed(l.machineCpuPercent, 0) },
  { header: 'result', cell: (l) => (l.pass ? 'pass' : `FAIL: ${l.failures.join('; ')}`) },
];

export function verdict(report: BenchReport): string {
  const limits = `loss < ${LIMITS.lossPercent}% and gaps < ${LIMITS.gapPercent}% both ways, gateway added p99 jitter < ${LIMITS.p99JitterMs} ms, the load offering at least ${LIMITS.offeredPercent}% of the frames`;
  if (report.best === null) return `No level passed (${limits}).`;
  const topped = report.levels.every((l) => l.pass);
  return `${report.best} concurrent bridged calls with ${limits}${topped ? ' (every level measured passed; the limit is higher)' : ''}.`;
}

/** CPU of processes other than the gateway and the bench during a level's window. */
export function othersCpuPercent(level: LevelResult): number | null {
  return level.gatewayCpuPercent === null || level.loadCpuPercent === null ? null : Math.max(0, level.machineCpuPercent - level.gatewayCpuPercent - level.loadCpuPercent);
}

/** A warning when someone else took a noticeable share of the machine while levels were measured. */
export function contentionWarning(report: BenchReport): string | null {
  const busy = report.levels.filter((l) => (othersCpuPercent(l) ?? 0) > 25);
  if (busy.length === 0) return null;
  const worst = Math.max(...busy.map((l) => othersCpuPercent(l)!));
  return `Other processes used up to ${worst.toFixed(0)}% (of ${report.machine.cores * 100}%) of the machine while ${busy.map((l) => l.calls).join(', ')} calls were measured: those figures show the machine's contention as much as the gateway.`;
}

export function textTable(report: BenchReport): string {
  const rows = [COLUMNS.map((c) => c.header), ...report.levels.map((l) => COLUMNS.map((c) => c.cell(l)))];
  const widths = COLUMNS.map((_, i) => Math.max(...rows.map((r) => (i === COLUMNS.length - 1 ? 0 : r[i]!.length))));
  return rows.map((r) => r.map((cell, i) => (i === COLUMNS.length - 1 ? cell : cell.padStart(widths[i]!))).join('  ')).join('\n');
}

export function markdownTable(report: BenchReport): string {
  const lines = [`| ${COLUMNS.map((c) => c.header).join(' | ')} |`, `| ${COLUMNS.map(() => '---').join(' | ')} |`];
  for (const level of report.levels) lines.push(`| ${COLUMNS.map((c) => c.cell(level).replace(/\|/g, '\\|')).join(' | ')} |`);
  return lines.join('\n');
}

/** One line per level with what the table leaves out: probes, setups, the gateway's drops and ticks. */
export function levelDetails(report: BenchReport): string[] {
  return report.levels.map((l) => {
    const d = (name: 'web-to-rtp' | 'rtp-to-web') => {
      const x = l.directions[name];
      return `${name} ${x.received}/${x.expected} probes, ${x.silentFrames} silent frames, max deviation ${x.maxDeviationMs.toFixed(1)} ms, p99 Δtransit ${fixed(x.p99TransitDeltaMs, 1)} ms, RFC 3550 max ${fixed(x.maxRfc3550JitterMs, 2)} ms`;
    };
    const setups = `${l.setups} set up (${l.setupFailures} failed; leg p50 browser ${fixed(l.setupWebP50Ms, 0)} ms, trunk ${fixed(l.setupRtpP50Ms, 0)} ms; slowest call ${fixed(l.setupMaxMs, 0)} ms)`;
    return `- ${l.calls} calls (${l.measuredCalls} measured, ${setups}, ${l.drops} dropped): ${d('web-to-rtp')}; ${d('rtp-to-web')}; gateway send jitter p99 ${fixed(l.gatewaySendJitterP99Ms, 1)} ms (max ${fixed(l.gatewaySendJitterMaxMs, 1)} ms), media workers' event-loop delay p99 ${fixed(l.gatewayWorkerLoopDelayP99Ms, 1)} ms, gateway dropped ${l.gatewayLateFramesDropped} received frames as late, ${l.gatewayBacklogFramesDropped} as backlog and ${l.gatewayStaleFramesDropped} outgoing as stale, skipped ${l.gatewayTicksSkipped} ticks, tick lateness p99 ${fixed(l.gatewayTickLatenessP99Ms, 1)} ms; load event-loop p99 ${l.loadEventLoopP99Ms.toFixed(1)} ms, sender skips ${l.senderSkips}.`;
  });
}

export function markdownSection(report: BenchReport, command: string, note: string | null): string {
  const o = report.options;
  const details = levelDetails(report);
  return [
    SECTION_START,
    `### ${report.startedAt.toISOString().slice(0, 10)}${note ? ` — ${note}` : ''}`,
    '',
    `- Machine: ${report.machine.cores} × ${report.machine.cpuModel}, Linux ${release()}, Node ${process.version}.`,
    `- Command: \`${command}\``,
    `- Settings: ${o.holdSeconds} s measured per level after ${o.settleSeconds} s settling; ${o.loadProcesses} load processes at nice ${o.loadNice}; at most ${o.setupConcurrency} setups in flight; MEDIA_WORKERS ${o.workers ?? "not set (the gateway's default)"}${o.record ? '; every bridge recorded in stereo (--record)' : ''}.`,
    '',
    `**Verdict: ${verdict(report)}**`,
    ...(contentionWarning(report) ? ['', contentionWarning(report)!] : []),
    '',
    markdownTable(report),
    '',
    ...details,
    ...(report.notes.length > 0 ? ['', 'Notes from the run:', ...report.notes.map((n) => `- ${n.replace(/\n/g, ' ')}`)] : []),
    SECTION_END,
  ].join('\n');
}

/** Replaces the results section of the page (or appends one); creates the page if needed. */
export function writeResults(path: string, section: string): void {
  const page = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n';
  const start = page.indexOf(SECTION_START);
  const end = page.indexOf(SECTION_END);
  const updated = start >= 0 && end > start ? page.slice(0, start) + section + page.slice(end + SECTION_END.length) : `${page.trimEnd()}\n\n${section}\n`;
  writeFileSync(path, updated);
}
