/**
 * eSpeak NG (the npm `espeak-ng` build: the C program compiled to WASM with its voice data
 * embedded in the .wasm file) run in a worker thread. A render takes 60–100 ms of solid CPU,
 * mostly loading the dictionaries, which must not happen on the thread that ticks the media
 * engine every 20 ms. Nothing is fetched: the worker reads the .wasm from node_modules.
 *
 * The worker's code is a string (eval worker) rather than a file: it is plain JavaScript
 * either way, and a string needs no build step to run from the sources under vitest and
 * from dist/ alike. It compiles the WASM once and instantiates it per render (the program
 * is a CLI whose `main` initialises and exits; a fresh instance per text is the supported
 * use), one render at a time.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { decodePcm16Wav } from './pcm-wav.js';
import { type RenderedSpeech, type SpeechEngine, type SpeechLanguage } from './speech-engine.js';

const WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
let loading = null;
let queue = Promise.resolve();

function load() {
  loading ??= (async () => {
    const { default: createEspeak } = await import(workerData.moduleUrl);
    const wasm = await WebAssembly.compile(readFileSync(new URL('espeak-ng.wasm', workerData.moduleUrl)));
    // eSpeak quietly falls back to English for a voice it does not know; a Mandarin prompt
    // spoken as English letters is worse than a failure, so voices are checked against its list.
    const lines = [];
    await run(createEspeak, wasm, ['--voices'], null, (line) => lines.push(line), () => {});
    const voices = new Set();
    for (const line of lines.slice(1)) {
      const [, language, , name, file] = line.trim().split(/\s+/);
      for (const known of [language, name, file]) if (known) voices.add(known.toLowerCase());
    }
    return { createEspeak, wasm, voices };
  })();
  return loading;
}

async function run(createEspeak, wasm, args, text, print, printErr) {
  let fail;
  const failed = new Promise((_, reject) => (fail = reject));
  return Promise.race([
    createEspeak({
      arguments: args,
      preRun: [(module) => { if (text !== null) module.FS.writeFile('/tmp/in.txt', text); }],
      instantiateWasm: (imports, done) => {
        WebAssembly.instantiate(wasm, imports).then((instance) => done(instance, wasm), fail);
        return {};
      },
      onAbort: (what) => fail(new Error('espeak-ng aborted: ' + what)),
      print,
      printErr,
    }),
    failed,
  ]);
}

async function render({ id, text, voice, wordsPerMinute }) {
  const { createEspeak, wasm, voices } = await load();
  if (!voices.has(voice.split('+')[0].toLowerCase())) throw new Error('espeak-ng has no voice ' + voice);
  const errors = [];
  // Text from a file, never argv: a text starting with '-' would be read as an option.
  const args = ['-b', '1', '-v', voice, '-s', String(wordsPerMinute), '-w', '/tmp/out.wav', '-f', '/tmp/in.txt'];
  const espeak = await run(createEspeak, wasm, args, text, () => {}, (line) => { if (!line.includes('keepRuntimeAlive')) errors.push(line); });
  let wav;
  try {
    wav = espeak.FS.readFile('/tmp/out.wav');
  } catch {
    throw new Error(errors.join('; ') || 'espeak-ng wrote no audio');
  }
  const bytes = new Uint8Array(wav);
  parentPort.postMessage({ id, wav: bytes }, [bytes.buffer]);
}

parentPort.on('message', (job) => {
  queue = queue
    .then(() => render(job))
    .catch((error) => parentPort.postMessage({ id: job.id, error: String(error && error.message ? error.message : error) }));
});
`;

export interface EspeakEngineOptions {
  /** Speaking rate; eSpeak's own default is 175, a little fast for a phone line. */
  wordsPerMinute?: number;
  /**
   * A render that takes longer fails, and the worker is replaced. Counted from when the
   * worker starts that render, not from when it was asked for: renders queue in the worker,
   * and a batch of prompts prepared together must not time out the ones at its end.
   */
  timeoutMs?: number;
  /** The worker (about 60 MB with the compiled WASM) ends after this long without work. */
  idleMs?: number;
  voices?: Partial<Record<SpeechLanguage, string>>;
}

interface PendingRender {
  resolve(speech: RenderedSpeech): void;
  reject(error: Error): void;
  text: string;
  voice: string;
}

type WorkerReply = { id: number; wav: Uint8Array } | { id: number; error: string };

export class EspeakEngine implements SpeechEngine {
  readonly id: string;
  readonly voices: Readonly<Record<SpeechLanguage, string>>;
  private readonly wordsPerMinute: number;
  private readonly timeoutMs: number;
  private readonly idleMs: number;
  private readonly moduleUrl: string;
  private worker: Worker | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  /** In the order the worker renders them: the first is the one it is working on. */
  private readonly pending = new Map<number, PendingRender>();
  /** Times the render the worker is working on. */
  private watchdog: NodeJS.Timeout | null = null;
  private nextId = 1;

  constructor(options: EspeakEngineOptions = {}) {
    this.wordsPerMinute = options.wordsPerMinute ?? 160;
    this.timeoutMs = options.timeoutMs ?? 20_000;
    this.idleMs = options.idleMs ?? 60_000;
    // Mandarin is eSpeak's 'cmn' (Hanzi in, pinyin tones out); 'en-us' for English.
    this.voices = { en: 'en-us', zh: 'cmn', ...options.voices };
    const require = createRequire(import.meta.url);
    const entry = require.resolve('espeak-ng');
    this.moduleUrl = pathToFileURL(entry).href;
    const { version } = JSON.parse(readFileSync(require.resolve('espeak-ng/package.json'), 'utf8')) as { version: string };
    this.id = `espeak-ng@${version};wpm=${this.wordsPerMinute}`;
  }

  render(text: string, voice: string): Promise<RenderedSpeech> {
    this.clearIdleTimer();
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<RenderedSpeech>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, text, voice });
      worker.postMessage({ id, text, voice, wordsPerMinute: this.wordsPerMinute });
      if (this.pending.size === 1) this.armWatchdog();
    });
  }

  async close(): Promise<void> {
    this.stopWorker(new Error('the speech engine was closed'));
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { moduleUrl: this.moduleUrl } });
    // Idle, it must not keep the process alive; pending renders hold their own timers.
    worker.unref();
    worker.on('message', (reply: WorkerReply) => this.settle(reply));
    worker.on('error', (error) => {
      if (this.worker === worker) this.stopWorker(error);
    });
    worker.on('exit', (code) => {
      if (this.worker === worker) this.stopWorker(new Error(`the espeak-ng worker exited with code ${code}`));
    });
    this.worker = worker;
    return worker;
  }

  /** Starts timing the render at the head of the queue, which the worker is now working on. */
  private armWatchdog(): void {
    this.clearWatchdog();
    const head = this.pending.keys().next();
    if (head.done) return;
    const id = head.value;
    this.watchdog = setTimeout(() => this.overrun(id), this.timeoutMs);
  }

  private clearWatchdog(): void {
    if (this.watchdog) clearTimeout(this.watchdog);
    this.watchdog = null;
  }

  /** A stuck render would hold every later one: it fails, and the rest go to a new worker. */
  private overrun(id: number): void {
    const stuck = this.pending.get(id);
    if (!stuck) return;
    this.pending.delete(id);
    const waiting = [...this.pending.entries()];
    this.pending.clear();
    const worker = this.worker;
    this.worker = null;
    void worker?.terminate();
    stuck.reject(new Error(`espeak-ng took longer than ${this.timeoutMs} ms`));
    if (waiting.length === 0) return;
    const fresh = this.ensureWorker();
    for (const [waitingId, render] of waiting) {
      this.pending.set(waitingId, render);
      fresh.postMessage({ id: waitingId, text: render.text, voice: render.voice, wordsPerMinute: this.wordsPerMinute });
    }
    this.armWatchdog();
  }

  private settle(reply: WorkerReply): void {
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    this.pending.delete(reply.id);
    this.armWatchdog(); // the next render starts now (or nothing is left)
    if (this.pending.size === 0) this.armIdleTimer();
    if ('error' in reply) {
      pending.reject(new Error(reply.error));
      return;
    }
    try {
      pending.resolve(decodePcm16Wav(reply.wav)); // eSpeak writes mono 16-bit PCM at 22 050 Hz
    } catch (error) {
      pending.reject(error as Error);
    }
  }

  private armIdleTimer(): void {
    this.clearIdleTimer();
    this.idleTimer = setTimeout(() => this.stopWorker(new Error('idle')), this.idleMs);
    this.idleTimer.unref();
  }

  private clearIdleTimer(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  private stopWorker(reason: Error): void {
    this.clearIdleTimer();
    this.clearWatchdog();
    const worker = this.worker;
    this.worker = null;
    void worker?.terminate();
    for (const [id, pending] of this.pending) {
      this.pending.delete(id);
      pending.reject(reason);
    }
  }
}
