import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { type WallboardSnapshot } from '@ccx/contracts';
import { CallFiguresService } from '../calls/call-figures.service.js';
import { agentStretches, type LoggedTransition } from '../calls/domain/agent-figures.js';
import { recentAverageHandleSeconds } from '../calls/domain/metrics.js';
import { buildWallboard } from '../calls/domain/wallboard.js';
import { LiveEvents } from '../realtime/live-events.js';
import { AcdRepository } from './acd.repository.js';
import { AcdService } from './acd.service.js';

const REFRESH_MS = 1000;
/** A change is pushed this soon (a burst of changes makes one update), well within the second. */
const CHANGE_PUSH_MS = 100;

/**
 * The supervisors' wallboard: today's queue figures (calls/domain/wallboard.ts over the live
 * call records) with the queues' names and every agent's state. A snapshot goes to each
 * supervisor or admin tab when it connects; 100 ms after something changed (a call event,
 * an ACD decision), and every second while a call waits (its wait grows), the figures are
 * worked out again and an update goes out if they differ from the last one sent. It keeps today's agent state
 * changes (read from `agent_state_events` at start, then followed as the ACD decides) for
 * the agents' occupancy, and each queue's recent AHT for its EWT.
 */
@Injectable()
export class WallboardService implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private soon: NodeJS.Timeout | null = null;
  private dirty = true;
  private lastSent = '';
  /** Today's agent state changes, oldest first. */
  private transitions: LoggedTransition[] = [];

  constructor(
    private readonly acd: AcdService,
    private readonly figures: CallFiguresService,
    private readonly live: LiveEvents,
    private readonly repository: AcdRepository,
  ) {
    figures.onChange(() => this.changed());
    acd.onDecisions((decisions) => {
      this.changed();
      for (const d of decisions) if (d.type === 'agentState') this.transitions.push({ agentId: d.transition.agentId, from: d.transition.from, to: d.transition.to, at: d.transition.at });
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    const stored = await this.repository.stateEventsSince(new Date(this.figures.since(Date.now())));
    // Changes the ACD made while they were read are already here: keep them after the stored ones.
    const seen = new Set(stored.map((t) => `${t.agentId}|${t.at}|${t.to}`));
    this.transitions = [...stored, ...this.transitions.filter((t) => !seen.has(`${t.agentId}|${t.at}|${t.to}`))];
    this.timer = setInterval(() => this.refresh(), REFRESH_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.soon) clearTimeout(this.soon);
    this.timer = null;
    this.soon = null;
  }

  private changed(): void {
    this.dirty = true;
    if (this.soon || !this.timer) return;
    this.soon = setTimeout(() => {
      this.soon = null;
      this.refresh();
    }, CHANGE_PUSH_MS);
    this.soon.unref();
  }

  snapshot(now = Date.now()): WallboardSnapshot {
    const queues = this.acd.queueInfos();
    const agents = this.acd.agentRows();
    const since = this.figures.since(now);
    if (this.transitions[0] && this.transitions[0].at < since) this.transitions = this.transitions.filter((t) => t.at >= since);
    const records = this.figures.records(now);
    const figures = buildWallboard({
      now,
      since,
      queues: queues.map((q) => ({ queueId: q.queueId, serviceLevelSeconds: q.serviceLevelSeconds })),
      waiting: this.acd.waiting(),
      agents: agents.flatMap((a) => (a.activity ? [{ agentId: a.agentId, state: a.activity, queueIds: a.queueIds, reachable: a.reachable }] : [])),
      records,
      agentIds: agents.map((a) => a.agentId),
      stretches: agentStretches(this.transitions, { since, now, current: agents.map((a) => ({ agentId: a.agentId, state: a.state.name, since: a.state.since })) }),
      recentHandleSeconds: Object.fromEntries(queues.map((q) => [q.queueId, recentAverageHandleSeconds(records, { queueId: q.queueId, now })])),
    });
    return {
      figures,
      queues: queues.map((q) => ({ queueId: q.queueId, name: q.name, thresholds: q.wallboardThresholds })),
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
