import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { CallRecorder } from './call-recorder.service.js';
import { CallsRepository } from './calls.repository.js';
import { type CallRecord, reduceCallRecord, type TimedCallEvent } from './domain/call-record.js';
import { recentAverageHandleSeconds } from './domain/metrics.js';

/** Local midnight of the day `at` falls in: the wallboard's "today". */
export function startOfDay(at: number): number {
  const day = new Date(at);
  day.setHours(0, 0, 0, 0);
  return day.getTime();
}

interface Kept {
  events: TimedCallEvent[];
  /** The record reduced when the call had this many events and had ended (null: reduce again). */
  ended: { length: number; record: CallRecord } | null;
}

/**
 * Today's call timelines, kept in memory and followed as the recorder appends, so the live
 * figures (wallboard, EWT) are always derived from the same events as the call log without
 * reading the database on every refresh. Loaded from the database at start.
 */
@Injectable()
export class CallFiguresService implements OnApplicationBootstrap {
  private day = startOfDay(Date.now());
  private readonly calls = new Map<string, Kept>();
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly repository: CallsRepository,
    recorder: CallRecorder,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext(CallFiguresService.name);
    recorder.onAppended((callId, events) => this.add(callId, events));
  }

  async onApplicationBootstrap(): Promise<void> {
    const stored = await this.repository.timelinesSince(new Date(this.day));
    for (const [callId, events] of stored) this.add(callId, events, false);
    this.logger.info({ calls: stored.size }, "today's calls loaded for the live figures");
  }

  /** Start of the period the figures cover. */
  since(now: number): number {
    this.roll(now);
    return this.day;
  }

  /** Today's records, with what is still open (a wait, a talk) measured up to `now`. */
  records(now: number): CallRecord[] {
    this.roll(now);
    const records: CallRecord[] = [];
    for (const [callId, kept] of this.calls) {
      if (kept.ended && kept.ended.length === kept.events.length) {
        records.push(kept.ended.record);
        continue;
      }
      const record = reduceCallRecord(callId, kept.events, { now });
      kept.ended = record.status === 'ended' && record.wrapUps.every((w) => w.endedAt !== null) ? { length: kept.events.length, record } : null;
      records.push(record);
    }
    return records;
  }

  /** AHT_recent of a queue (SPEC's EWT), null without recent handled calls. */
  recentHandleSeconds(queueId: string, now: number): number | null {
    return recentAverageHandleSeconds(this.records(now), { queueId, now });
  }

  /** Hears that a call's timeline grew. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private add(callId: string, events: readonly TimedCallEvent[], notify = true): void {
    const kept = this.calls.get(callId) ?? { events: [], ended: null };
    const known = new Set(kept.events.map((e) => e.seq));
    for (const event of events) if (!known.has(event.seq)) kept.events.push(event);
    kept.events.sort((a, b) => a.seq - b.seq);
    if (kept.events[0]?.type !== 'call.started') return; // its start is still on its way
    this.calls.set(callId, kept);
    if (notify) for (const listener of this.listeners) listener();
  }

  /** A new day: yesterday's finished calls leave the figures. */
  private roll(now: number): void {
    const day = startOfDay(now);
    if (day === this.day) return;
    this.day = day;
    for (const [callId, kept] of this.calls) {
      const startedAt = kept.events[0]?.at ?? 0;
      if (startedAt < day && kept.ended) this.calls.delete(callId);
    }
  }
}
