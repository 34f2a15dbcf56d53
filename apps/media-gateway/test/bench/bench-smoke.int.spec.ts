/**
 * The benchmark's machinery, small enough for CI: three bridged calls (a werift browser
 * over SIP/WebSocket and a plain RTP trunk caller each) against the real standalone gateway
 * process, three seconds of probes each way. It fails when audio does not cross the bridges,
 * when calls hear each other, or when the report loses a column; it says nothing about
 * capacity (that is `npm run bench:media`).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { type BenchReport, runBench } from '../../bench/bench-runner.js';
import { COLUMNS, markdownSection, textTable } from '../../bench/report.js';

const app = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const tsc = join(app, 'node_modules', '.bin', 'tsc');

describe('bench:media machinery', () => {
  let report: BenchReport;
  const log: string[] = [];

  beforeAll(() => {
    // The load processes run compiled: build them from the sources under test. The gateway
    // is the package's build (npm test builds first); built here only when missing.
    if (!existsSync(join(app, 'dist', 'main.js'))) execFileSync(tsc, ['-p', join(app, 'tsconfig.build.json')], { stdio: 'inherit' });
    execFileSync(tsc, ['-p', join(app, 'bench', 'tsconfig.build.json')], { stdio: 'inherit' });
  }, 60_000);

  it('carries probes both ways through three bridged calls and reports them', async () => {
    report = await runBench({
      levels: [3],
      search: false,
      holdSeconds: 3,
      settleSeconds: 1,
      loadProcesses: 2,
      loadNice: 19,
      setupConcurrency: 3,
      setupTimeoutMs: 15_000,
      // Recorded, as the contact center's bridges are: relays that also feed the engine.
      record: true,
      rtpPorts: { min: 28000, max: 28999 },
      gatewayEntry: join(app, 'dist', 'main.js'),
      loadEntry: join(app, 'dist', 'bench', 'load-process.js'),
      log: (line) => log.push(line),
    });
    const context = `${textTable(report)}\n${report.notes.join('\n')}\n${log.join('\n')}`;
    expect(report.notes.filter((n) => n.startsWith('the run stopped')), context).toEqual([]);
    const [level] = report.levels;
    expect(level, context).toMatchObject({ calls: 3, measuredCalls: 3, setupFailures: 0, drops: 0 });
    for (const direction of ['web-to-rtp', 'rtp-to-web'] as const) {
      const d = level!.directions[direction];
      // 3 calls × 3 s × 50 packets/s, less what a stalled load process skipped.
      expect(d.expected, `${direction}\n${context}`).toBeGreaterThan(0.8 * 450);
      expect(d.received / d.expected, `${direction}\n${context}`).toBeGreaterThan(0.95);
      expect(d.foreign, `${direction}: frames of another call or garbled\n${context}`).toBe(0);
      expect(d.medianTransitMs, `${direction}\n${context}`).toBeLessThan(200);
    }
    // What the load offered, against what 3 calls × 50 frames/s each way ask of it over the
    // window as it really lasted: about the 3 s asked for (a timer may fire a fraction of a
    // millisecond early by the high-resolution clock, or late), so within a few percent of
    // the figure against 3 s.
    const sent = Math.min(level!.directions['web-to-rtp'].expected, level!.directions['rtp-to-web'].expected);
    expect(level!.offeredPercent, context).toBeLessThanOrEqual((1.01 * 100 * sent) / 450);
    expect(level!.offeredPercent, context).toBeGreaterThan((0.9 * 100 * sent) / 450);
    // The gateway measured itself too: a delay for the frames it passed through the bridges.
    expect(level!.decodeToSendDelayP50Ms, context).toBeGreaterThan(0);
    expect(level!.decodeToSendVariationP99Ms, context).not.toBeNull();
    expect(level!.gatewaySendJitterP99Ms, context).not.toBeNull();
    expect(level!.gatewayWorkerLoopDelayP99Ms, context).not.toBeNull();
    expect(level!.gatewayAddedJitterP99Ms, context).toBeCloseTo(level!.gatewaySendJitterP99Ms! + level!.gatewayWorkerLoopDelayP99Ms!, 6);
    expect(level!.gatewayCpuPercent).toBeGreaterThan(0);
    expect(level!.loadCpuPercent).toBeGreaterThan(0);
  }, 45_000);

  it('reports a table with the expected columns, as text and as Markdown', () => {
    expect(COLUMNS.map((c) => c.header)).toEqual([
      'calls',
      'setups/s',
      'setup p50 ms',
      'loss web→rtp %',
      'loss rtp→web %',
      'offered %',
      'gaps %',
      'gateway added p99 jitter ms',
      'send p99 jitter ms',
      'worker loop delay p99 ms',
      'decode→send p99 variation ms',
      'decode→send delay p50 ms',
      'p99 jitter web→rtp ms',
      'p99 jitter rtp→web ms',
      'p99 Δtransit ms',
      'RFC 3550 jitter ms',
      'transit p50 ms',
      'gateway CPU %',
      'CPU/call %',
      'load CPU %',
      'machine CPU %',
      'result',
    ]);
    const [header, row] = textTable(report).split('\n');
    for (const column of COLUMNS) expect(header).toContain(column.header);
    expect(row).toMatch(/^\s*3\s/);
    const section = markdownSection(report, 'npm run bench:media -- --calls 3', 'smoke test');
    expect(section).toContain(`| ${COLUMNS.map((c) => c.header).join(' | ')} |`);
    expect(section).toMatch(/Verdict: /);
  });
});
