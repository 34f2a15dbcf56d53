import type { IntervalFigures, QueueFigures, WallboardSnapshot } from '@ccx/contracts';
import { DEFAULT_WALLBOARD_THRESHOLDS } from '@ccx/contracts';
import type { LiveSocket } from '@ccx/web-session';
import { beforeEach, describe, expect, it } from 'vitest';
import { useWallboardStore } from './wallboard.store';

/** Just enough of a socket: listeners by event, and a way to push as the server would. */
function fakeSocket() {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const socket = {
    on: (event: string, fn: (payload: unknown) => void) => listeners.set(event, (listeners.get(event) ?? new Set()).add(fn)),
    off: (event: string, fn: (payload: unknown) => void) => listeners.get(event)?.delete(fn),
  };
  const push = (event: string, payload: unknown) => listeners.get(event)?.forEach((fn) => fn(payload));
  return { socket: socket as unknown as LiveSocket, push };
}

const figures: QueueFigures = {
  waiting: 1,
  longestWaitSeconds: 12,
  offered: 3,
  answered: 2,
  abandoned: 0,
  serviceLevel: 1,
  asaSeconds: 4,
  ahtSeconds: 60,
  abandonRate: 0,
  agentsByState: { available: 1, ringing: 0, 'on-call': 1, 'wrap-up': 0, 'not-ready': 0 },
  ewtSeconds: 30,
  ewtError: { samples: 0, meanAbsoluteErrorSeconds: null, meanSignedErrorSeconds: null },
};
const interval: IntervalFigures = { start: '2025-03-03T00:00:00.000Z', offered: 3, answered: 2, answeredWithinThreshold: 2, serviceLevel: 1 };

const snapshot = (waiting: number): WallboardSnapshot => ({
  figures: {
    at: '2025-03-03T09:00:00.000Z',
    since: '2025-03-03T00:00:00.000Z',
    queues: [{ ...figures, waiting, queueId: 'q1', serviceLevelSeconds: 20 }],
    totals: { ...figures, waiting },
    agents: [],
    agentTotals: { handled: 0, ahtSeconds: null, occupancy: null },
    intraday: { intervalMinutes: 15, queues: [{ queueId: 'q1', intervals: [interval] }], totals: [interval] },
  },
  queues: [{ queueId: 'q1', name: 'Sales', thresholds: DEFAULT_WALLBOARD_THRESHOLDS }],
  agents: [],
});

describe('wallboard store', () => {
  beforeEach(() => useWallboardStore.setState({ snapshot: null, problem: null }));

  it('shows the snapshot on connect and each update after it', () => {
    const { socket, push } = fakeSocket();
    useWallboardStore.getState().attach(socket);
    push('wallboard:snapshot', snapshot(1));
    expect(useWallboardStore.getState().snapshot?.figures.totals.waiting).toBe(1);
    push('wallboard:update', snapshot(2));
    expect(useWallboardStore.getState().snapshot?.figures.totals.waiting).toBe(2);
  });

  it('keeps the last good board and says so when a push does not parse', () => {
    const { socket, push } = fakeSocket();
    useWallboardStore.getState().attach(socket);
    push('wallboard:snapshot', snapshot(1));
    push('wallboard:update', { figures: { waiting: 'lots' } });
    expect(useWallboardStore.getState()).toMatchObject({ problem: expect.stringContaining('cannot read') });
    expect(useWallboardStore.getState().snapshot?.figures.totals.waiting).toBe(1);
  });

  it('stops following a socket it was detached from', () => {
    const { socket, push } = fakeSocket();
    const detach = useWallboardStore.getState().attach(socket);
    detach();
    push('wallboard:snapshot', snapshot(5));
    expect(useWallboardStore.getState().snapshot).toBeNull();
  });
});
