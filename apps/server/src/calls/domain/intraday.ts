import { type IntervalFigures, type Intraday } from '@ccx/contracts';
import { type CallRecord } from './call-record.js';
import { computeQueueMetrics } from './metrics.js';

/**
 * Today's intraday figures: calls offered and service level per interval (15 minutes by
 * default), per queue and for all queues, from midnight (`since`) to the interval holding
 * `now`. Each interval is `computeQueueMetrics` over the calls that first entered a queue in
 * it, so a call counts in the interval it was offered in, with SPEC's service level (a call
 * still waiting counts only once it has missed T). Pure; times in ms since the epoch.
 */

export const INTRADAY_INTERVAL_MINUTES = 15;

export interface IntradayInput {
  now: number;
  since: number;
  queueIds: readonly string[];
  /** T per queue id, in seconds; queues not listed use 20 s. */
  serviceLevelSeconds: Readonly<Record<string, number>>;
  records: readonly CallRecord[];
  intervalMinutes?: number;
}

export function buildIntraday(input: IntradayInput): Intraday {
  const { now, since, intervalMinutes = INTRADAY_INTERVAL_MINUTES } = input;
  const step = intervalMinutes * 60_000;
  const count = now < since ? 0 : Math.floor((now - since) / step) + 1;
  const starts = Array.from({ length: count }, (_, i) => since + i * step);
  // Each offered call into its interval's bucket once, so a day of many calls costs one pass.
  const buckets: CallRecord[][] = starts.map(() => []);
  for (const r of input.records) {
    if (r.enqueuedAt === null || r.enqueuedAt < since || r.enqueuedAt > now) continue;
    buckets[Math.floor((r.enqueuedAt - since) / step)]?.push(r);
  }
  const series = (queueId?: string): IntervalFigures[] =>
    starts.map((start, i) => {
      const m = computeQueueMetrics(buckets[i] ?? [], { interval: { from: start, to: start + step }, queueId, serviceLevelSeconds: input.serviceLevelSeconds });
      return {
        start: new Date(start).toISOString(),
        offered: m.offered,
        answered: m.answered,
        answeredWithinThreshold: m.answeredWithinThreshold,
        serviceLevel: m.serviceLevel,
      };
    });
  return {
    intervalMinutes,
    queues: input.queueIds.map((queueId) => ({ queueId, intervals: series(queueId) })),
    totals: series(),
  };
}
