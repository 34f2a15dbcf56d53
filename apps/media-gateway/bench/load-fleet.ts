/**
 * The load processes, seen from the controller: forks them, hands out calls round-robin,
 * and turns their IPC messages back into promises.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { setPriority } from 'node:os';
import { type CallCredential, type FromLoad, type GatewayAddress, type LoadWindowResult, type ToLoad } from './ipc.js';

interface LoadProcess {
  child: ChildProcess;
  pid: number;
}

export class LoadFleet {
  private readonly setups = new Map<number, (outcome: { ok: true; webMs: number; rtpMs: number } | { ok: false; reason: string }) => void>();
  private readonly replies = new Map<ChildProcess, { type: FromLoad['type']; resolve: (message: FromLoad) => void; reject: (error: Error) => void }[]>();
  private stderr = '';
  private stopping = false;

  private constructor(
    private readonly processes: LoadProcess[],
    private readonly onDrop: (call: number, reason: string) => void,
  ) {}

  static async start(
    entry: string,
    count: number,
    init: { gateway: GatewayAddress; setupTimeoutMs: number; traceDir: string | null },
    onDrop: (call: number, reason: string) => void,
    processes: { nice: number; cpuProfileDir?: string },
  ): Promise<LoadFleet> {
    const execArgv = processes.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${processes.cpuProfileDir}`] : [];
    const children = Array.from({ length: count }, () => fork(entry, [], { stdio: ['ignore', 'inherit', 'pipe', 'ipc'], execArgv }));
    // The far ends of real calls run on other machines; here they share the gateway's cores, and
    // at the same priority they would delay its sends (run-queue waits of a few ms each): the
    // gateway's figures would then measure the load tools. Niced, they take what is left.
    for (const child of children) if (processes.nice !== 0) setPriority(child.pid!, processes.nice);
    const fleet = new LoadFleet(
      children.map((child) => ({ child, pid: child.pid! })),
      onDrop,
    );
    for (const child of children) {
      child.stderr!.on('data', (chunk: Buffer) => (fleet.stderr = (fleet.stderr + chunk.toString()).slice(-8000)));
      child.on('message', (message: FromLoad) => fleet.receive(child, message));
      child.once('exit', (code, signal) => {
        if (fleet.stopping && code === 0) return;
        if (code !== 0) fleet.stderr += `\nload process ${child.pid} exited (${code ?? signal})`;
        const error = new Error(`load process ${child.pid} exited (${code ?? signal}):\n${fleet.stderr}`);
        for (const waiter of fleet.replies.get(child) ?? []) waiter.reject(error);
        fleet.replies.delete(child);
        for (const [call, resolve] of fleet.setups) {
          if (fleet.processOf(call).child === child) resolve({ ok: false, reason: error.message });
        }
      });
    }
    await Promise.all(children.map((child) => fleet.request(child, { type: 'init', ...init }, 'ready')));
    return fleet;
  }

  get pids(): number[] {
    return this.processes.map((p) => p.pid);
  }

  /** Recent stderr of the load processes, for a failure message. */
  get errorOutput(): string {
    return this.stderr;
  }

  setup(call: number, credential: CallCredential): Promise<{ ok: true; webMs: number; rtpMs: number } | { ok: false; reason: string }> {
    const { child } = this.processOf(call);
    if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ ok: false, reason: `load process ${child.pid} is gone` });
    return new Promise((resolve) => {
      this.setups.set(call, resolve);
      child.send({ type: 'setup', call, credential } satisfies ToLoad);
    });
  }

  async hangup(calls: readonly number[]): Promise<void> {
    await Promise.all(
      this.processes.map((p, index) => {
        const mine = calls.filter((call) => call % this.processes.length === index);
        return mine.length === 0 ? undefined : this.request(p.child, { type: 'hangup', calls: mine }, 'hungUp');
      }),
    );
  }

  async measure(windowMs: number, graceMs: number): Promise<LoadWindowResult[]> {
    const replies = await Promise.all(this.processes.map((p) => this.request(p.child, { type: 'measure', windowMs, graceMs }, 'measured')));
    return replies.flatMap((reply) => (reply.type === 'measured' ? [reply.result] : []));
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(
      this.processes.map(async ({ child }) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.send({ type: 'exit' } satisfies ToLoad);
        const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(killer);
      }),
    );
  }

  private processOf(call: number): LoadProcess {
    return this.processes[call % this.processes.length]!;
  }

  private request(child: ChildProcess, message: ToLoad, reply: FromLoad['type']): Promise<FromLoad> {
    return new Promise((resolve, reject) => {
      if (child.exitCode !== null || child.signalCode !== null) {
        reject(new Error(`load process ${child.pid} is gone:\n${this.stderr}`));
        return;
      }
      this.replies.set(child, [...(this.replies.get(child) ?? []), { type: reply, resolve, reject }]);
      child.send(message);
    });
  }

  private receive(child: ChildProcess, message: FromLoad): void {
    switch (message.type) {
      case 'setupDone':
        this.setups.get(message.call)?.({ ok: true, webMs: message.webMs, rtpMs: message.rtpMs });
        this.setups.delete(message.call);
        return;
      case 'setupFailed':
        this.setups.get(message.call)?.({ ok: false, reason: message.reason });
        this.setups.delete(message.call);
        return;
      case 'dropped':
        this.onDrop(message.call, `${message.leg} leg: ${message.reason}`);
        return;
      default: {
        // Replies come in the order of the requests of their type.
        const waiters = this.replies.get(child) ?? [];
        const index = waiters.findIndex((w) => w.type === message.type);
        if (index < 0) return;
        const [waiter] = waiters.splice(index, 1);
        waiter!.resolve(message);
      }
    }
  }
}
