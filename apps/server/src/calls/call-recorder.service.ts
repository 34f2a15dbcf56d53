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
@Injectable()
export class CallRecorder {
  /** Appends to one call run one after another in this process, in the order they were asked for. */
  private readonly tails = new Map<string, Promise<unknown>>();
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
    return this.serially(id.data, () => this.write(id.data, bodies));
  }

  /**
   * Closes whatever the call left open (call-closing.ts) in one append, at `at` or, when the
   * moment is unknown (a crash), at the call's last stored event. Nothing open: nothing written.
   */
  async close(callId: string, end: Parameters<typeof closingEvents>[1], at?: number): Promise<CallEvent[]> {
    return this.serially(callId, async () => {
      const { events } = await this.calls.append(callId, (stored) => {
        const when = at ?? stored.at(-1)?.at ?? Date.now();
        return plan(callId, stored, closingEvents(replayCallEvents(stored), end).map((body) => ({ body, at: when })));
      });
      if (events.length > 0) for (const listener of this.listeners) listener(callId, events);
      return events.map(toCallEventDto);
    });
  }

  private async write(callId: string, bodies: { body: CallEventBody; at: number }[]): Promise<AppendResult> {
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

  private serially<T>(callId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(callId) ?? Promise.resolve();
    const run = previous.then(work, work);
    const tail = run.catch(() => undefined);
    this.tails.set(callId, tail);
    void tail.then(() => {
      if (this.tails.get(callId) === tail) this.tails.delete(callId);
    });
    return run;
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
