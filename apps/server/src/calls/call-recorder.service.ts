import { Injectable } from '@nestjs/common';
import {
  type CallEvent,
  type CallEventBody,
  CallEventBodySchema,
  type CallRecord,
  ErrorCode,
  type FieldIssue,
  IdSchema,
  toFieldIssues,
} from '@ccx/contracts';
import { AppError } from '../common/app-error.js';
import { Prisma } from '../generated/prisma/client.js';
import { CallsRepository } from './calls.repository.js';
import { reduceCallRecord, type TimedCallEvent } from './domain/call-record.js';
import { toCallEventDto, toCallRecordDto } from './domain/call-record-dto.js';
import { closingEvents } from './domain/call-closing.js';
import { applyCallEvent, CallStateError, replayCallEvents } from './domain/call-state.js';

/** An event to append: its type and data, and when it happened (default: now). */
export type NewCallEvent = CallEventBody & { at?: Date | number };

export interface AppendResult {
  /** The events as stored, with their `seq`. */
  events: CallEvent[];
  /** The call's record after them. */
  record: CallRecord;
}

/**
 * Writes call timelines: the one way events reach `call_events`. Each append is checked
 * against the call state machine with the call's stored timeline, then stored with the
 * record derived from the whole timeline, in one transaction. So the database holds every
 * event the moment it happened: a server that restarts mid-call loses nothing, and the
 * call's end, appended when it comes (by this process or the next), completes the record.
 *
 * Refusals are `AppError`s and write nothing: a malformed event (`request/invalid`, naming
 * the field), an event that may not come next (a `CallErrorCode`, HTTP 409).
 */
type TimedBody = { body: CallEventBody; at: number };

/** Work waiting its turn on one call: an append (batched with its neighbours) or a closing. */
type QueuedWork =
  | { kind: 'append'; bodies: TimedBody[]; resolve: (result: AppendResult) => void; reject: (error: unknown) => void }
  | { kind: 'task'; run: () => Promise<void> };

@Injectable()
export class CallRecorder {
  /**
   * Appends to one call run one after another in this process, in the order they were asked
   * for. Appends that queued up behind a write go into the next one together, one
   * transaction for the lot: a call's events come in bursts (a key, the input it completes,
   * the next node), and a write reads the call's whole timeline under a row lock, so each
   * transaction saved is worth most when the database is busiest.
   */
  private readonly queues = new Map<string, QueuedWork[]>();
  private readonly listeners = new Set<(callId: string, events: readonly TimedCallEvent[]) => void>();

  constructor(private readonly calls: CallsRepository) {}

  /** Hears every stored event right after its append committed (the live figures follow the log). */
  onAppended(listener: (callId: string, events: readonly TimedCallEvent[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Appends `events` to call `callId`, all or none; `call.started` first creates the call. */
  async append(callId: string, events: readonly NewCallEvent[]): Promise<AppendResult> {
    const id = IdSchema.safeParse(callId);
    if (!id.success) throw invalid([{ path: 'callId', message: 'must be a UUID' }]);
    if (events.length === 0) throw invalid([{ path: 'events', message: 'at least one event' }]);
    const now = Date.now();
    const bodies = events.map((event, index) => {
      const parsed = CallEventBodySchema.safeParse({ type: event.type, data: event.data });
      if (!parsed.success) throw invalid(toFieldIssues(parsed.error).map((i) => ({ ...i, path: `events.${index}.${i.path}` })));
      const at = event.at === undefined ? now : typeof event.at === 'number' ? event.at : event.at.getTime();
      if (!Number.isFinite(at)) throw invalid([{ path: `events.${index}.at`, message: 'not a valid time' }]);
      return { body: parsed.data, at };
    });
    // Queued before the first await: appends keep the order they were asked in.
    return new Promise((resolve, reject) => this.enqueue(id.data, { kind: 'append', bodies, resolve, reject }));
  }

  /**
   * Closes whatever the call left open (call-closing.ts) in one append, at `at` or, when the
   * moment is unknown (a crash), at the call's last stored event. Nothing open: nothing written.
   */
  async close(callId: string, end: Parameters<typeof closingEvents>[1], at?: number): Promise<CallEvent[]> {
    const work = async () => {
      const { events } = await this.calls.append(callId, (stored) => {
        const when = at ?? stored.at(-1)?.at ?? Date.now();
        return plan(callId, stored, closingEvents(replayCallEvents(stored), end).map((body) => ({ body, at: when })));
      });
      if (events.length > 0) for (const listener of this.listeners) listener(callId, events);
      return events.map(toCallEventDto);
    };
    return new Promise((resolve, reject) => this.enqueue(callId, { kind: 'task', run: () => work().then(resolve, reject) }));
  }

  private enqueue(callId: string, work: QueuedWork): void {
    const queue = this.queues.get(callId);
    if (queue) {
      queue.push(work);
      return;
    }
    const fresh = [work];
    this.queues.set(callId, fresh);
    void this.drain(callId, fresh);
  }

  private async drain(callId: string, queue: QueuedWork[]): Promise<void> {
    while (queue.length > 0) {
      const first = queue[0]!;
      if (first.kind === 'task') {
        queue.shift();
        await first.run();
        continue;
      }
      let appends = 1;
      while (appends < queue.length && queue[appends]!.kind === 'append') appends++;
      await this.writeBatch(callId, queue.splice(0, appends) as Extract<QueuedWork, { kind: 'append' }>[]);
    }
    // Checked and deleted in the same turn: anything queued later starts a fresh drain.
    this.queues.delete(callId);
  }

  private async writeBatch(callId: string, batch: Extract<QueuedWork, { kind: 'append' }>[]): Promise<void> {
    if (batch.length > 1) {
      try {
        const { events, record } = await this.write(callId, batch.flatMap((item) => item.bodies));
        let offset = 0;
        for (const item of batch) {
          item.resolve({ events: events.slice(offset, offset + item.bodies.length), record });
          offset += item.bodies.length;
        }
        return;
      } catch {
        // One of them was refused (or the write failed): one by one, so each answers for itself.
      }
    }
    for (const item of batch) {
      try {
        item.resolve(await this.write(callId, item.bodies));
      } catch (error) {
        item.reject(error);
      }
    }
  }

  private async write(callId: string, bodies: TimedBody[]): Promise<AppendResult> {
    for (let attempt = 1; ; attempt++) {
      try {
        const { events, record } = await this.calls.append(callId, (stored) => plan(callId, stored, bodies));
        for (const listener of this.listeners) listener(callId, events);
        return { events: events.map(toCallEventDto), record };
      } catch (error) {
        // Two server processes started the same call at once: the loser's retry sees the
        // winner's events and is refused (or accepted) by the state machine like any other.
        if (attempt < 3 && error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') continue;
        throw error;
      }
    }
  }
}

/** The pure decision of one append: refused with an AppError, or the events to store and the record. */
function plan(callId: string, stored: TimedCallEvent[], bodies: { body: CallEventBody; at: number }[]) {
  let state = replayCallEvents(stored);
  let seq = stored.at(-1)?.seq ?? 0;
  const events: TimedCallEvent[] = [];
  for (const [index, { body, at }] of bodies.entries()) {
    try {
      state = applyCallEvent(state, body);
    } catch (error) {
      if (!(error instanceof CallStateError)) throw error;
      const which = bodies.length > 1 ? ` (event ${index + 1} of ${bodies.length})` : '';
      throw new AppError(error.code, `call ${callId}: ${error.message}${which}; nothing was recorded`);
    }
    events.push({ ...body, seq: ++seq, at } as TimedCallEvent);
  }
  return { events, record: toCallRecordDto(reduceCallRecord(callId, [...stored, ...events])) };
}

function invalid(issues: FieldIssue[]): AppError {
  return new AppError(ErrorCode.Validation, `invalid call event: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, { issues });
}
