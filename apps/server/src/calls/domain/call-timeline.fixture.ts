import { CallEventBodySchema, type CallEventData, type CallEventType } from '@ccx/contracts';
import { type CallRecord, reduceCallRecord, type TimedCallEvent } from './call-record.js';
import { applyCallEvent, type CallState, initialCallState } from './call-state.js';

/**
 * Test support: writes a call's timeline against a fake clock, in seconds from the call's
 * start, the way the hand-worked examples in the specs read. Each event is parsed with the
 * contract schema and passed through the call state machine, so every timeline a spec
 * reduces is one the writer could really have stored (pass `strict: false` to store one
 * that it could not).
 */

export const T0 = Date.parse('2025-03-03T09:00:00.000Z');

export const ids = {
  agentA: '00000000-0000-4000-8000-00000000000a',
  agentB: '00000000-0000-4000-8000-00000000000b',
  agentC: '00000000-0000-4000-8000-00000000000c',
  sales: '00000000-0000-4000-8000-0000000000f1',
  support: '00000000-0000-4000-8000-0000000000f2',
  customer: '00000000-0000-4000-8000-0000000000c1',
  supervisor: '00000000-0000-4000-8000-0000000000d1',
  call: '00000000-0000-4000-8000-000000000001',
} as const;

export const iso = (secondsFromT0: number) => new Date(T0 + secondsFromT0 * 1000).toISOString();

export class TimelineBuilder {
  readonly events: TimedCallEvent[] = [];
  state: CallState = initialCallState;
  private now: number;

  constructor(
    /** When the call starts, in seconds after `T0`. */
    private readonly startSeconds = 0,
    private readonly options: { strict?: boolean } = {},
  ) {
    this.now = T0 + startSeconds * 1000;
  }

  /** Moves the fake clock to `seconds` after the call's start. */
  at(seconds: number): this {
    this.now = T0 + (this.startSeconds + seconds) * 1000;
    return this;
  }

  add<T extends CallEventType>(type: T, data: CallEventData<T>): this {
    const body = CallEventBodySchema.parse({ type, data });
    if (this.options.strict !== false) this.state = applyCallEvent(this.state, body);
    this.events.push({ ...body, seq: this.events.length + 1, at: this.now } as TimedCallEvent);
    return this;
  }

  started(overrides: Partial<CallEventData<'call.started'>> = {}): this {
    return this.add('call.started', {
      direction: 'inbound',
      channel: 'trunk',
      ani: '+15555550100',
      dnis: '1000',
      entryPoint: null,
      agentId: null,
      callbackOfCallId: null,
      ...overrides,
    });
  }

  enqueued(queueId: string = ids.sales, priority = 0): this {
    return this.add('queue.entered', { queueId, priority, skills: [], position: null });
  }

  offered(offerId: string, agentId: string, queueId: string = ids.sales): this {
    return this.add('offer.made', { offerId, agentId, queueId, ringUntil: new Date(this.now + 15_000).toISOString() });
  }

  answered(agentId: string, offerId: string | null = null): this {
    return this.add('call.answered', { agentId, offerId });
  }

  ended(by: 'customer' | 'agent' | 'system', cause: CallEventData<'call.ended'>['cause'] = 'hangup', agentId: string | null = null): this {
    return this.add('call.ended', { by, agentId, cause, detail: null });
  }

  abandoned(queueId: string = ids.sales): this {
    return this.add('queue.abandoned', { queueId, position: null });
  }

  wrapUp(agentId: string, fromSeconds: number, toSeconds: number): this {
    return this.at(fromSeconds).add('wrap-up.started', { agentId }).at(toSeconds).add('wrap-up.ended', { agentId });
  }

  record(now?: number): CallRecord {
    return reduceCallRecord(ids.call, this.events, now === undefined ? {} : { now });
  }
}

export const timeline = (startSeconds = 0, options: { strict?: boolean } = {}) => new TimelineBuilder(startSeconds, options);

/**
 * One inbound call through a queue, for the metrics examples: enqueued `enqueueAt` s after
 * T0, then answered or abandoned after `wait` s; an answered call talks `talk` s (with
 * `hold` s on hold in the middle) and wraps up for `wrapUp` s.
 */
export function queuedCall(spec: {
  enqueueAt?: number;
  wait: number;
  outcome: 'answered' | 'abandoned' | 'waiting';
  queueId?: string;
  talk?: number;
  hold?: number;
  wrapUp?: number;
  agentId?: string;
  now?: number;
}): CallRecord {
  const { enqueueAt = 0, wait, outcome, queueId = ids.sales, talk = 60, hold = 0, wrapUp = 0, agentId = ids.agentA } = spec;
  const b = timeline(enqueueAt).started().enqueued(queueId);
  if (outcome === 'abandoned') return b.at(wait).abandoned(queueId).record();
  if (outcome === 'waiting') return b.record(spec.now);
  b.at(wait).answered(agentId);
  if (hold > 0) b.at(wait + 1).add('call.held', { agentId }).at(wait + 1 + hold).add('call.resumed', { agentId });
  const end = wait + talk + hold;
  b.at(end).ended('customer');
  if (wrapUp > 0) b.wrapUp(agentId, end, end + wrapUp);
  return b.record();
}
