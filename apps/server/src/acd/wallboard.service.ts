import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { type WallboardSnapshot } from '@ccx/contracts';
import { CallFiguresService } from '../calls/call-figures.service.js';
import { buildWallboard } from '../calls/domain/wallboard.js';
import { LiveEvents } from '../realtime/live-events.js';
import { AcdService } from './acd.service.js';

const REFRESH_MS = 1000;

/**
 * The supervisors' wallboard: today's queue figures (calls/domain/wallboard.ts over the live
 * call records) with the queues' names and every agent's state. A snapshot goes to each
 * supervisor or admin tab when it connects; every second the figures are worked out again
 * when something changed (a call event, an ACD decision) or a call waits (its wait grows),
 * and an update goes out if they differ from the last one sent.
 */
@Injectable()
export class WallboardService implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private dirty = true;
  private lastSent = '';

  constructor(
    private readonly acd: AcdService,
    private readonly figures: CallFiguresService,
    private readonly live: LiveEvents,
  ) {
    figures.onChange(() => (this.dirty = true));
    acd.onDecisions(() => (this.dirty = true));
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.refresh(), REFRESH_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  snapshot(now = Date.now()): WallboardSnapshot {
    const queues = this.acd.queueInfos();
    const agents = this.acd.agentRows();
    const figures = buildWallboard({
      now,
      since: this.figures.since(now),
      queues: queues.map((q) => ({ queueId: q.queueId, serviceLevelSeconds: q.serviceLevelSeconds })),
      waiting: this.acd.waiting(),
      agents: agents.flatMap((a) => (a.activity ? [{ agentId: a.agentId, state: a.activity, queueIds: a.queueIds }] : [])),
      records: this.figures.records(now),
    });
    return {
      figures,
      queues: queues.map((q) => ({ queueId: q.queueId, name: q.name })),
      agents: agents.map((a) => ({
        agentId: a.agentId,
        displayName: a.displayName,
        extension: a.extension,
        state: a.state.name,
        activity: a.activity,
        reasonId: a.state.name === 'not-ready' ? a.state.reasonId : null,
        since: new Date(a.state.since).toISOString(),
        reachable: a.reachable,
      })),
    };
  }

  private refresh(): void {
    if (!this.dirty && this.acd.waiting().length === 0) return;
    this.dirty = false;
    const snapshot = this.snapshot();
    // `at` changes every time; only a change of what the board shows is news.
    const shown = JSON.stringify({ ...snapshot, figures: { ...snapshot.figures, at: null } });
    if (shown === this.lastSent) return;
    this.lastSent = shown;
    this.live.toRoles(['supervisor', 'admin'], 'wallboard:update', snapshot);
  }
}
