/**
 * `npm run bench:acd:e2e -- [options]`: the end-to-end time from "an agent becomes available"
 * or "a call enters the queue" to the `agent:offer` arriving on that agent's socket, with the
 * real server in this process (embedded database, Nest, ContactCenterService → CallSession →
 * AcdService → Socket.IO) and only the media gateway replaced by a scripted stand-in
 * (gateway-stand-in.ts). Calls arrive at a steady rate, one phase per rate.
 *
 * Runs the server built by `pnpm -r build` (apps/server/dist): this file and its helpers are
 * compiled by `tsc -p bench/e2e/tsconfig.json` into dist/bench-e2e/ and import the server
 * from dist/ at run time, so what is measured is the production build.
 *
 *   --agents N        agents online (default 200)
 *   --rates LIST      calls per second, one phase each, in order (default 10,50,100)
 *   --seconds LIST    measured seconds of each phase (default 6,6,15)
 *   --warmup S        seconds of each phase before measuring (default 3)
 *   --talk MIN-MAX    talk time in ms, drawn per call (default 1000-2600)
 *   --database D      embedded (default: PGlite in this process, as the single-machine install)
 *                     or postgresql (a fresh database on BENCH_POSTGRES_URL, default
 *                     postgresql://postgres@127.0.0.1:5432/postgres; dropped at the end)
 *   --write           write the "end to end" part of the bench:acd section of docs/benchmarks.md
 *   --note TEXT       a label for the written results
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { E2E_RESULTS_BEGIN, E2E_RESULTS_END, findRepoRoot } from '../acd-report.js';
import { GatewayStandIn } from './gateway-stand-in.js';
import { type AgentsIn, type AgentsOut, type AgentsSetup, epochMs } from './messages.js';

type ServerModule = typeof import('../../src/server.js');
type ConfigModule = typeof import('../../src/config/config.js');
type AcdModule = typeof import('../../src/acd/acd.service.js');
type TelephonyModule = typeof import('../../src/telephony/telephony.service.js');
type HasherModule = typeof import('../../src/auth/password-hasher.js');
type LiveModule = typeof import('../../src/realtime/live-events.js');
type RecorderModule = typeof import('../../src/calls/call-recorder.service.js');

const { values } = parseArgs({
  options: {
    agents: { type: 'string', default: '200' },
    rates: { type: 'string', default: '10,50,100' },
    seconds: { type: 'string', default: '6,6,15' },
    warmup: { type: 'string', default: '3' },
    talk: { type: 'string', default: '1000-2600' },
    database: { type: 'string', default: 'embedded' },
    write: { type: 'boolean', default: false },
    note: { type: 'string' },
  },
  strict: true,
});
const agentCount = Number(values.agents);
const rates = values.rates.split(',').map(Number);
const seconds = values.seconds.split(',').map(Number);
const warmupSeconds = Number(values.warmup);
const [talkMin, talkMax] = values.talk.split('-').map(Number) as [number, number];
const backend = values.database;
if (backend !== 'embedded' && backend !== 'postgresql') {
  console.error('--database embedded or postgresql');
  process.exit(64);
}
if (!Number.isInteger(agentCount) || agentCount < 1 || rates.some((r) => !(r > 0)) || seconds.length !== rates.length || seconds.some((s) => !(s > 0)) || !(talkMax >= talkMin)) {
  console.error('--agents N, --rates and --seconds lists of the same length, --talk MIN-MAX');
  process.exit(64);
}

/** The agents' password; stored with cheap scrypt parameters so 200 logins take seconds, not minutes (the hash says its parameters). */
const PASSWORD = 'bench123!';
const ENTRY_SUPPORT = '1001';
const HEARTBEAT_MS = 5000;

const here = dirname(fileURLToPath(import.meta.url));
const serverRoot = findRepoRoot(here) + '/apps/server';
const dist = (path: string) => pathToFileURL(join(serverRoot, 'dist', path)).href;

// ---- the server ------------------------------------------------------------------------

const { startServer } = (await import(dist('server.js'))) as ServerModule;
const { loadConfig } = (await import(dist('config/config.js'))) as ConfigModule;
const { AcdService } = (await import(dist('acd/acd.service.js'))) as AcdModule;
const { TelephonyService } = (await import(dist('telephony/telephony.service.js'))) as TelephonyModule;
const { hashSecret } = (await import(dist('auth/password-hasher.js'))) as HasherModule;
const { LiveEvents } = (await import(dist('realtime/live-events.js'))) as LiveModule;
const { CallRecorder } = (await import(dist('calls/call-recorder.service.js'))) as RecorderModule;

const dataDir = mkdtempSync(join(tmpdir(), 'ccx-bench-acd-'));

/** A database of its own on the PostgreSQL server, as the integration tests do; dropped at the end. */
async function freshPostgres(): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  const name = `ccx_bench_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(sql);
    await client.end();
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
const postgres = backend === 'postgresql' ? await freshPostgres() : null;

const config = {
  ...loadConfig({
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent',
    SIP_UDP_PORT: '0',
    // The stand-in takes the gateway's place (attached below); no SIP or RTP sockets are opened.
    EMBEDDED_GATEWAY: 'false',
    IVR_HOURS_OVERRIDE: 'open',
    CALL_DRAIN_SECONDS: '0',
    ...(postgres ? { DATABASE_URL: postgres.url } : {}),
  }),
  // The demo tenant: the Support line (1001), its queue and the `support` / `english` skills.
  demoMode: true,
};
const booted = Date.now();
const server = await startServer(config);
const talkMs = () => talkMin + Math.random() * (talkMax - talkMin);
const standIn = new GatewayStandIn({ promptMs: 20, talkMs });
server.app.get(TelephonyService).useGateway(standIn);
const acd = server.app.get(AcdService);

// 200 agents who serve Support (skill levels spread 1–10), extensions 3000 up.
const prisma = server.database.prisma;
const skillIds = new Map((await prisma.skill.findMany()).map((s) => [s.name, s.id]));
const passwordHash = await hashSecret(PASSWORD, { N: 2 ** 10, r: 8, p: 1 });
const roster = Array.from({ length: agentCount }, (_, i) => ({
  userId: randomUUID(),
  agentId: randomUUID(),
  username: `bench${String(i + 1).padStart(3, '0')}`,
  extension: String(3000 + i),
  level: 1 + (i % 10),
}));
await prisma.user.createMany({ data: roster.map((a) => ({ id: a.userId, username: a.username, displayName: `Bench Agent ${a.extension}`, role: 'agent', passwordHash })) });
await prisma.agent.createMany({ data: roster.map((a) => ({ id: a.agentId, userId: a.userId, extension: a.extension })) });
await prisma.agentSkill.createMany({
  data: roster.flatMap((a) => [
    { agentId: a.agentId, skillId: skillIds.get('support')!, level: a.level },
    { agentId: a.agentId, skillId: skillIds.get('english')!, level: 11 - a.level },
  ]),
});
console.error(`[bench] server up and ${agentCount} agents seeded in ${Date.now() - booted} ms`);

// Timestamps only, no behaviour: when each call entered the queue (AcdService.enqueue is
// where CallSession hands it over) and when the server sent each offer to the agent's tab.
const enqueuedAt = new Map<string, number>();
const enqueue = acd.enqueue.bind(acd);
acd.enqueue = (input) => {
  enqueuedAt.set(input.contactId, epochMs());
  return enqueue(input);
};
// And how many call-record appends (one database transaction each) the calls make.
const recorder = server.app.get(CallRecorder);
const append = recorder.append.bind(recorder);
let appends = 0;
recorder.append = (callId, events) => {
  appends++;
  return append(callId, events);
};
const live = server.app.get(LiveEvents);
const offerSentAt = new Map<string, number>();
const toSocket = live.toSocket.bind(live);
live.toSocket = (socketId, event, payload) => {
  if (event === 'agent:offer') offerSentAt.set(`${(payload as { offerId: string }).offerId}`, epochMs());
  toSocket(socketId, event, payload);
};

// ---- the agents ------------------------------------------------------------------------

interface OfferSample {
  cause: number;
  latencyMs: number;
  /** From the cause to the server handing the offer to Socket.IO (the rest is the socket). */
  serverMs: number;
  direction: 'available' | 'enqueued';
}
const offers: OfferSample[] = [];
let problems = 0;
const setup: AgentsSetup = {
  url: server.url,
  password: PASSWORD,
  agents: roster.map((a) => ({ username: a.username, extension: a.extension })),
  heartbeatMs: HEARTBEAT_MS,
  answerMs: [20, 120],
  wrapUpMs: [0, 100],
};
const worker = new Worker(new URL('./agents.worker.js', import.meta.url), { workerData: setup });
const online = new Promise<number>((resolve, reject) => {
  worker.on('error', reject);
  worker.on('message', (message: AgentsOut) => {
    switch (message.type) {
      case 'registerPhone':
        return standIn.register(message.extension, true);
      case 'answer':
        standIn.answerPhone(message.extension);
        return;
      case 'online':
        return resolve(message.count);
      case 'offer': {
        const queued = enqueuedAt.get(message.callId);
        if (queued === undefined) return;
        // The offer follows whichever came last: the agent's "available" or the call's arrival.
        const agentLast = message.availableSentAt > queued;
        const cause = agentLast ? message.availableSentAt : queued;
        const sent = offerSentAt.get(message.offerId) ?? message.at;
        offers.push({ cause, latencyMs: message.at - cause, serverMs: sent - cause, direction: agentLast ? 'available' : 'enqueued' });
        return;
      }
      case 'problem':
        if (++problems <= 5) console.error(`[bench] agent: ${message.text}`);
        return;
      default:
        return;
    }
  });
});
const post = (message: AgentsIn) => worker.postMessage(message);
const count = await online;
post({ type: 'work' });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
await sleep(1000);
console.error(`[bench] ${count} agents online, registered and available after ${Date.now() - booted} ms`);

// ---- the calls -------------------------------------------------------------------------

interface Summary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}
interface DirectionResult {
  total: Summary;
  /** Cause → the server hands the offer to Socket.IO. */
  server: Summary;
}
interface PhaseResult {
  rate: number;
  achieved: number;
  enteredQueue: number;
  available: DirectionResult;
  enqueued: DirectionResult;
  waitingAtEnd: number;
  appendsPerSecond: number;
  dbWait: Summary;
  eventLoopP99Ms: number;
  cpuShare: number;
  load: number;
}

function summarize(latencies: number[]): Summary {
  const sorted = Float64Array.from(latencies).sort();
  const at = (q: number) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!);
  return { count: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted.length === 0 ? 0 : sorted[sorted.length - 1]! };
}

const ms = (n: number) => n.toFixed(1);
let callerSeq = 0;
const placeCall = () => standIn.placeCall(`+1415${String(5_000_000 + (callerSeq++ % 5_000_000)).padStart(7, '0')}`, ENTRY_SUPPORT);

/** Places calls at `rate` a second for `ms`, evenly: each pass places what is due by now. */
async function arrivals(rate: number, durationMs: number): Promise<number> {
  const start = epochMs();
  const total = Math.floor((rate * durationMs) / 1000);
  let placed = 0;
  for (;;) {
    const elapsed = epochMs() - start;
    const due = Math.min(Math.floor((rate * elapsed) / 1000), total);
    while (placed < due) {
      placeCall();
      placed++;
    }
    if (elapsed >= durationMs) return placed;
    await sleep(2);
  }
}

// How long a trivial query waits for the database: the embedded one runs one statement at a
// time, so this is the queue of call-record writes and CRM reads in front of a screen pop.
const dbWaits: number[] = [];
const dbProbe = setInterval(() => {
  const start = epochMs();
  void prisma.$queryRaw`SELECT 1`.then(() => dbWaits.push(epochMs() - start));
}, 250);

const results: PhaseResult[] = [];
for (const [index, rate] of rates.entries()) {
  const measureMs = seconds[index]! * 1000;
  await arrivals(rate, warmupSeconds * 1000);
  dbWaits.length = 0;
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const cpuStart = process.cpuUsage();
  const appendsBefore = appends;
  const from = epochMs();
  const placed = await arrivals(rate, measureMs);
  const to = epochMs();
  loop.disable();
  const cpu = process.cpuUsage(cpuStart);
  const appendsPerSecond = (appends - appendsBefore) / ((to - from) / 1000);
  const waitingAtEnd = acd.waiting().length;
  const dbWait = summarize(dbWaits);
  // Offers caused inside the window may still be on their way.
  await sleep(1000);
  const inWindow = offers.filter((o) => o.cause >= from && o.cause < to);
  const direction = (which: OfferSample['direction']): DirectionResult => {
    const mine = inWindow.filter((o) => o.direction === which);
    return { total: summarize(mine.map((o) => o.latencyMs)), server: summarize(mine.map((o) => o.serverMs)) };
  };
  const result: PhaseResult = {
    rate,
    achieved: placed / ((to - from) / 1000),
    enteredQueue: [...enqueuedAt.values()].filter((t) => t >= from && t < to).length / ((to - from) / 1000),
    available: direction('available'),
    enqueued: direction('enqueued'),
    waitingAtEnd,
    appendsPerSecond,
    dbWait,
    eventLoopP99Ms: loop.percentile(99) / 1e6,
    cpuShare: (cpu.user + cpu.system) / 1000 / (to - from),
    load: loadavg()[0]!,
  };
  results.push(result);
  const states = new Map<string, number>();
  for (const row of acd.agentRows()) if (Number(row.extension) >= 3000) states.set(row.state.name, (states.get(row.state.name) ?? 0) + 1);
  console.error(`[bench] ${rate}/s done: ${inWindow.length} offers, ${waitingAtEnd} calls waiting; agents ${[...states].map(([k, v]) => `${v} ${k}`).join(', ')}`);
}

clearInterval(dbProbe);
post({ type: 'stop' });
await new Promise<void>((resolve) => worker.on('message', (m: AgentsOut) => m.type === 'stopped' && resolve()));
await worker.terminate();
await server.close();
await postgres?.drop();
rmSync(dataDir, { recursive: true, force: true });

// ---- the report ------------------------------------------------------------------------

const AIM_MS = 50;
const header = ['calls/s', 'placed/s', 'queued/s', 'offer after', 'count', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'server p50 / p99', 'waiting at end', 'record writes/s', 'db wait p50 / p99', 'loop p99', 'CPU', 'load'];
const rows = results.flatMap((r) =>
  (
    [
      ['agent available', r.available],
      ['call enqueued', r.enqueued],
    ] as const
  ).map(([label, d]) => [
    String(r.rate),
    r.achieved.toFixed(1),
    r.enteredQueue.toFixed(1),
    label,
    String(d.total.count),
    // No offer of this kind in the window (no call waited for an agent, or none the other way).
    ...(d.total.count === 0 ? ['–', '–', '–', '–', '–'] : [ms(d.total.p50), ms(d.total.p95), ms(d.total.p99), ms(d.total.max), `${ms(d.server.p50)} / ${ms(d.server.p99)}`]),
    String(r.waitingAtEnd),
    String(Math.round(r.appendsPerSecond)),
    `${ms(r.dbWait.p50)} / ${ms(r.dbWait.p99)}`,
    ms(r.eventLoopP99Ms),
    `${Math.round(r.cpuShare * 100)}%`,
    r.load.toFixed(2),
  ]),
);
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
const line = (cells: readonly string[]) => cells.map((c, i) => (i === 3 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
const top = results.find((r) => r.rate === Math.max(...rates))!;
const topP99 = [top.available, top.enqueued].filter((d) => d.total.count > 0).map((d) => d.total.p99);
const worstP99 = topP99.length === 0 ? Infinity : Math.max(...topP99);
const verdict =
  topP99.length === 0
    ? `at ${top.rate} calls/s no offer reached an agent in the measured window: aim < ${AIM_MS} ms NOT met`
    : `at ${top.rate} calls/s the p99 of the worse direction is ${ms(worstP99)} ms, aim < ${AIM_MS} ms: ${worstP99 < AIM_MS ? 'met' : 'NOT met'}`;
const machine = `${cpus()[0]?.model.trim() ?? 'unknown CPU'} × ${cpus().length}, Node ${process.version}`;

console.log(`\nACD end to end (${backend} database): ${agentCount} agents, calls to the Support line (${ENTRY_SUPPORT}), talk ${talkMin}–${talkMax} ms, gateway stand-in\n`);
console.log(line(header));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const row of rows) console.log(line(row));
console.log(`\n${verdict}`);
console.log(`machine: ${machine}; load = 1-minute load average at the end of each phase; CPU = this process (server + agents' thread) over wall time, 100% = one core`);
if (problems > 0) console.log(`${problems} agent problems (first five above)`);

if (values.write) {
  const file = join(findRepoRoot(here), 'docs', 'benchmarks.md');
  const table = [
    `| ${header.join(' | ')} |`,
    `| ${header.map((_, i) => (i === 3 ? '---' : '---:')).join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
  const phases = rates.map((r, i) => `${r}/s for ${seconds[i]} s`).join(', ');
  const stamp = `${values.note ? `*${values.note}* — ` : ''}${new Date().toISOString().slice(0, 10)}, ${backend} database, ${agentCount} agents, phases ${phases} (each after ${warmupSeconds} s of warm-up), talk ${talkMin}–${talkMax} ms; ${machine}.`;
  writeE2eResults(file, `${stamp}\n\n${table}\n\n- ${verdict}`);
  console.log(`\nwrote the end-to-end results into ${file}`);
}

/** Replaces what stands between the end-to-end results markers (inside the bench:acd section). */
function writeE2eResults(file: string, body: string): void {
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf(E2E_RESULTS_BEGIN);
  const end = text.indexOf(E2E_RESULTS_END);
  if (start < 0 || end < start) throw new Error(`${file} has no ${E2E_RESULTS_BEGIN} … ${E2E_RESULTS_END} block (the bench:acd section's end-to-end part)`);
  writeFileSync(file, `${text.slice(0, start + E2E_RESULTS_BEGIN.length)}\n${body}\n${text.slice(end)}`);
}
