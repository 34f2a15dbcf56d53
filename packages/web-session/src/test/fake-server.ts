/** A scripted fetch for specs: each call takes the next answer queued for its path. */
import type { TokenPair } from '@ccx/contracts';

export interface RecordedCall {
  path: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

type Answer = { status: number; body?: unknown; headers?: Record<string, string> } | 'network-error';

export function tokenPair(n: number, overrides: Partial<TokenPair> = {}): TokenPair {
  return {
    accessToken: `access-${n}`,
    refreshToken: `refresh-${n}`,
    expiresIn: 900,
    user: { id: 'u1', username: 'agent1', displayName: 'Alice Agent', role: 'agent', agentId: 'a1' },
    ...overrides,
  };
}

export function createFakeServer() {
  const queues = new Map<string, Answer[]>();
  const calls: RecordedCall[] = [];
  const gates: Array<() => void> = [];
  let holdNext = false;

  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const path = String(input);
    calls.push({
      path,
      method: init?.method ?? 'GET',
      headers: (init?.headers ?? {}) as Record<string, string>,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    });
    if (holdNext) {
      holdNext = false;
      await new Promise<void>((resolve) => gates.push(resolve));
    }
    const answer = queues.get(path)?.shift();
    if (!answer) throw new Error(`fake server: nothing queued for ${path}`);
    if (answer === 'network-error') throw new TypeError('Failed to fetch');
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
      status: answer.status,
      headers: { 'content-type': 'application/json', ...answer.headers },
    });
  }) as typeof fetch;

  return {
    fetchImpl,
    calls,
    answer(path: string, ...answers: Answer[]) {
      queues.set(path, [...(queues.get(path) ?? []), ...answers]);
    },
    /** The next request waits until `release()` is called. */
    holdNextRequest() {
      holdNext = true;
    },
    release() {
      gates.splice(0).forEach((open) => open());
    },
    callsTo(path: string) {
      return calls.filter((call) => call.path === path);
    },
  };
}

export function memoryStorage() {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
    removeItem: (key: string) => void data.delete(key),
  };
}
