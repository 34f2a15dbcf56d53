/**
 * `npm run bench:acd -- [options]`: routing decisions per second and decision latency of the
 * ACD domain with 10,000 waiting contacts, 2,000 agents and 50 queues (acd-scenario.ts).
 * Compiled by `tsc -p bench/tsconfig.json` into dist/bench/ and run with node.
 *
 *   --cycles N     measured cycles (default 100,000; 5,000 warm-up cycles come first)
 *   --seed N       scenario seed (default 1)
 *   --write        replace the "ACD routing" section of docs/benchmarks.md with this run
 *   --note TEXT    a label for the written results
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type AcdDecision } from '../src/acd/domain/index.js';
import { findRepoRoot, markdownSection, Samples, summaryLines, textTable, writeSection } from './acd-report.js';
import { buildScenario, enqueueBusy, enqueueQuiet, HEARTBEAT_EVERY_MS, type Scenario } from './acd-scenario.js';

const { values } = parseArgs({
  options: {
    cycles: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '1' },
    write: { type: 'boolean', default: false },
    note: { type: 'string' },
  },
  strict: true,
});
const cycles = Number(values.cycles);
const seed = Number(values.seed);
if (!Number.isInteger(cycles) || cycles < 1 || !Number.isInteger(seed)) {
  console.error('--cycles must be a positive whole number and --seed a whole number');
  process.exit(64);
}

const STEP_MS = 10;
const WARMUP = 5000;
const QUIET_EVERY = 4;

const samples = {
  tick: new Samples(`tick (${STEP_MS} ms of deadlines)`),
  available: new Samples('agent available → offer'),
  availableIdle: new Samples('agent available → listed'),
  enqueueOffer: new Samples('contact enqueued → offer'),
  enqueueQueued: new Samples('contact enqueued → queued'),
  accept: new Samples('offer accepted → connect'),
  heartbeat: new Samples('heartbeat'),
};

let recording = false;
/** The duration of the last `timed` call, so an enqueue can be filed after seeing its outcome. */
let lastDuration = 0;
let offersSeen = 0;
let eventsSeen = 0;

function timed<T extends AcdDecision[]>(bucket: Samples | null, run: () => T): T {
  const start = process.hrtime.bigint();
  const out = run();
  const ns = Number(process.hrtime.bigint() - start);
  lastDuration = ns;
  if (recording) {
    eventsSeen++;
    bucket?.add(ns);
  }
  return out;
}

/** Answers every offer at once (first agent), so nobody rings out; quiet-pool calls end at once. */
function settle(s: Scenario, decisions: AcdDecision[]): void {
  const pending = [...decisions];
  while (pending.length > 0) {
    const decision = pending.shift()!;
    if (decision.type !== 'offer') continue;
    if (recording) offersSeen++;
    const agentId = decision.agents[0]!.agentId;
    pending.push(...timed(samples.accept, () => s.acd.offerAccepted(decision.offerId, agentId, s.now)));
    if (s.quietQueues.includes(decision.queueId)) pending.push(...timed(null, () => s.acd.callEnded(agentId, s.now)));
    else s.onCall.push(agentId);
  }
}

const built = Date.now();
const s = buildScenario(seed);
console.error(`[bench] scenario built in ${Date.now() - built} ms: ${s.acd.waitingCount()} contacts waiting`);
for (const id of [...s.busyAgents, ...s.quietAgents]) s.acd.heartbeat(id, `${id}-tab`, s.now);

const agents = [...s.busyAgents, ...s.quietAgents];
const beatsPerStep = Math.ceil(agents.length / (HEARTBEAT_EVERY_MS / STEP_MS));
let beatCursor = 0;
let waitingAtStart = 0;
let wallStart = 0n;
let cpuStart = process.cpuUsage();
let simulatedStart = 0;

for (let cycle = 0; cycle < WARMUP + cycles; cycle++) {
  if (cycle === WARMUP) {
    recording = true;
    waitingAtStart = s.acd.waitingCount();
    simulatedStart = s.now;
    wallStart = process.hrtime.bigint();
    cpuStart = process.cpuUsage();
  }
  s.now += STEP_MS;
  // The deadlines of this step first (announcements, overflow, max wait, wrap-up), as the
  // server's tick does; the events after it then pay only for themselves.
  settle(s, timed(samples.tick, () => s.acd.tick(s.now)));

  for (let i = 0; i < beatsPerStep; i++) {
    const id = agents[beatCursor++ % agents.length]!;
    settle(s, timed(samples.heartbeat, () => s.acd.heartbeat(id, `${id}-tab`, s.now)));
  }

  // A busy agent's call ends; after wrap-up it becomes available and takes a waiting contact.
  if (s.onCall.length > 0) {
    const index = Math.floor(s.rnd() * s.onCall.length);
    const agentId = s.onCall[index]!;
    s.onCall[index] = s.onCall[s.onCall.length - 1]!;
    s.onCall.pop();
    settle(s, timed(null, () => s.acd.callEnded(agentId, s.now)));
    const freed = timed(null, () => s.acd.endWrapUp(agentId, s.now));
    if (recording) (freed.some((d) => d.type === 'offer') ? samples.available : samples.availableIdle).add(lastDuration);
    settle(s, freed);
  }

  // A new caller for a busy queue: normally nobody is free, so it queues.
  const arrival = timed(null, () => enqueueBusy(s));
  if (recording) (arrival.some((d) => d.type === 'offer') ? samples.enqueueOffer : samples.enqueueQueued).add(lastDuration);
  settle(s, arrival);

  if (cycle % QUIET_EVERY === 0) {
    const quiet = timed(null, () => enqueueQuiet(s));
    if (recording) (quiet.some((d) => d.type === 'offer') ? samples.enqueueOffer : samples.enqueueQueued).add(lastDuration);
    settle(s, quiet);
  }
}

const wallSeconds = Number(process.hrtime.bigint() - wallStart) / 1e9;
const cpu = process.cpuUsage(cpuStart);

const decisionSamples = [samples.available, samples.enqueueOffer];
const report = {
  seed,
  cycles,
  samples: Object.values(samples),
  sustainedDecisionsPerSecond: offersSeen / wallSeconds,
  eventsPerSecond: eventsSeen / wallSeconds,
  wallSeconds,
  simulatedSeconds: (s.now - simulatedStart) / 1000,
  waitingAtStart,
  waitingAtEnd: s.acd.waitingCount(),
  heapMb: process.memoryUsage().heapUsed / 1e6,
  cpuShare: (cpu.user + cpu.system) / 1e6 / wallSeconds,
  loadAverage: loadavg()[0]!,
  decisionP99Us: Math.max(...decisionSamples.map((d) => d.summary().p99Us)),
};

console.log(`\nACD routing: ${report.waitingAtStart.toLocaleString('en-US')} waiting contacts, ${agents.length.toLocaleString('en-US')} agents, ${s.busyQueues.length + s.quietQueues.length} queues (seed ${seed}, ${cycles.toLocaleString('en-US')} cycles)\n`);
console.log(textTable(report));
console.log(`\n${summaryLines(report).join('\n')}`);
console.log('\nThe machine is shared: p99.9 and max include other processes and GC pauses.');

if (values.write) {
  const file = join(findRepoRoot(process.cwd()), 'docs', 'benchmarks.md');
  writeSection(file, markdownSection(report, values.note));
  console.log(`\nwrote the "ACD routing" section of ${file}`);
}
