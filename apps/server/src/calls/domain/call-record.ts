import {
  type CallChannel,
  type CallDirection,
  type CallEndCause,
  type CallEventBody,
  type CallParty,
  type CallTransferTarget,
  type ConferenceParty,
  type OfferResult,
  type QueueVisitOutcome,
  type WaitOutcome,
} from '@ccx/contracts';
import { type Interval, seconds, sumSeconds, unionMs } from './durations.js';

/**
 * The call record (SPEC.md "Call record"), reduced from the call's ordered event timeline.
 * Pure: the same events give the same record, so the stored `calls` row can always be
 * rebuilt from `call_events`, and a record is whatever the events say so far. Times are
 * milliseconds since the epoch; durations are seconds (computed in whole ms, then ÷ 1000).
 *
 * Definitions:
 * - **queue visits**: each `queue.entered` opens one; it closes as `answered`, `abandoned`,
 *   `overflowed` (and the next queue's visit opens at the same instant), `exited`, or
 *   `ended` (the system ended the call while it waited).
 * - **first wait**: from the first `queue.entered` through any overflows, to the end of the
 *   first visit that did not overflow. `queueId` is that visit's queue: the queue the call
 *   counts in. Later visits (a transfer back to a queue) are listed but do not count again.
 * - **wait** = answer − first enqueue when the first wait was answered, else the end of the
 *   first wait (abandon, exit, end) − first enqueue. Null if never queued.
 * - **ringing** of an offer = its end − `offer.made`. It ends at its `offer.ended`, at the
 *   `call.answered` that names it, or — if neither came — it is taken as withdrawn when its
 *   queue visit closed (another agent answered, the caller hung up, the call overflowed).
 * - **agent stretches**: an agent is connected from `call.answered`, a `transfer.completed`
 *   naming them or a `conference.joined`, until `agent.hung-up`, the `transfer.completed`
 *   that moves the call away from them, or `call.ended`. A consult transfer's agent counts
 *   as connected until the transfer completes; a blind transfer's agent leaves when it
 *   starts (`transfer.initiated`: their leg is hung up at once, the caller hears music while
 *   the target rings).
 * - **talk** = the time at least one agent was connected (overlapping stretches of a
 *   conference count once) − hold. Null if no agent was ever connected.
 * - **hold** = Σ (`call.resumed` − `call.held`); a hold also ends when a conference or a
 *   transfer takes the caller off it, when the last agent leaves, or when the call ends.
 * - **wrap-up** = Σ over agents of (`wrap-up.ended` − `wrap-up.started`).
 * - **handle** = talk + hold + wrap-up: what AHT averages.
 * - **endedBy** is who ended the conversation: `agent` when the last agent hung up before the
 *   call ended (the caller then took the survey, say), else the `by` of `call.ended`, or
 *   `customer` for `queue.abandoned`. `endCause` and `endDetail` come from the end event.
 * - **disposition** and **notes** are the last `disposition.set`; **surveyScore** is the
 *   score of the first survey answer.
 *
 * A timeline with no end (the call goes on, or the server died and nobody has recorded the
 * end yet) reduces to an `in-progress` record: whatever is still open (a hold, an agent
 * connection, a wrap-up, a wait) is measured up to `now` when the caller passes it (the live
 * view), and is null otherwise, so no figure is ever a guess. Events that name something the
 * call does not have are skipped: the state machine kept them out when they were written.
 */

/** A stored event: its place in the call's order and its time (ms since the epoch). */
export type TimedCallEvent = CallEventBody & { readonly seq: number; readonly at: number };

export interface QueueVisit {
  queueId: string;
  enteredAt: number;
  leftAt: number | null;
  outcome: QueueVisitOutcome | null;
}

export interface OfferRecord {
  offerId: string;
  agentId: string;
  queueId: string;
  offeredAt: number;
  ringUntil: number;
  endedAt: number | null;
  ringingSeconds: number | null;
  /** Null while it still rings. */
  result: OfferResult | null;
}

export interface AgentStretch {
  agentId: string;
  joinedAt: number;
  leftAt: number | null;
  joinedBy: 'answer' | 'transfer' | 'conference';
  leftBy: 'hung-up' | 'transfer' | 'call-ended' | null;
}

export interface TransferRecord {
  transferId: string;
  kind: 'blind' | 'consult';
  fromAgentId: string | null;
  target: CallTransferTarget;
  toAgentId: string | null;
  initiatedAt: number;
  endedAt: number | null;
  result: 'pending' | 'completed' | 'failed';
  failureReason: string | null;
}

export interface CallRecord {
  id: string;
  direction: CallDirection;
  channel: CallChannel;
  callerNumber: string;
  dialedNumber: string;
  entryPoint: string | null;
  customerId: string | null;
  status: 'in-progress' | 'ended';
  startedAt: number;
  ivrPath: { flowId: string; nodeId: string; nodeType: string | null; at: number }[];
  ivrInputs: { nodeId: string; name: string; value: string | null; masked: boolean; status: 'ok' | 'no-input' | 'no-match'; at: number }[];
  queues: QueueVisit[];
  queueId: string | null;
  enqueuedAt: number | null;
  waitOutcome: WaitOutcome | null;
  announcements: { queueId: string; at: number; position: number; ewtSeconds: number | null }[];
  offers: OfferRecord[];
  answeredAt: number | null;
  agents: AgentStretch[];
  holdCount: number;
  transfers: TransferRecord[];
  conferences: { byAgentId: string; party: ConferenceParty; joinedAt: number; leftAt: number | null }[];
  endedAt: number | null;
  endedBy: CallParty | null;
  endCause: CallEndCause | null;
  endDetail: string | null;
  waitSeconds: number | null;
  talkSeconds: number | null;
  holdSeconds: number | null;
  wrapUpSeconds: number | null;
  handleSeconds: number | null;
  /** Each agent's after-call work; `endedAt` null while it lasts. */
  wrapUps: { agentId: string; startedAt: number; endedAt: number | null }[];
  disposition: string | null;
  notes: string | null;
  ticketIds: string[];
  surveyScore: number | null;
  surveyAnswers: { survey: string; question: string; score: number; maxScore: number }[];
  recordings: { recordingId: string; startedAt: number; stoppedAt: number | null; path: string | null; durationSeconds: number | null }[];
  voicemail: { recordingId: string; path: string | null; durationSeconds: number; at: number } | null;
  callback: { number: string; queueId: string | null; scheduledFor: number | null; requestedAt: number; callbackCallId: string | null } | null;
}

export interface ReduceOptions {
  /** Measure what is still open up to this time (live views); without it, open figures are null. */
  now?: number;
}

/**
 * Reduces a call's events (any order: they are sorted by `seq`) to its record. The first
 * event must be `call.started`: the writer stores it with the call row, in one transaction.
 */
export function reduceCallRecord(callId: string, events: readonly TimedCallEvent[], options: ReduceOptions = {}): CallRecord {
  const ordered = [...events].sort((a, b) => a.seq - b.seq);
  const first = ordered[0];
  if (first?.type !== 'call.started') throw new Error(`call ${callId}: the timeline does not begin with call.started`);
  const builder = new RecordBuilder(callId, first);
  for (const event of ordered.slice(1)) builder.apply(event);
  return builder.finish(options.now ?? null);
}

/** Mutable while one timeline is read; only `reduceCallRecord` sees it. */
class RecordBuilder {
  private readonly record: CallRecord;
  private readonly holds: Interval[] = [];
  /** When an open offer's queue visit closed: its implied withdrawal, unless it ends itself. */
  private readonly offerVisitClosedAt = new Map<string, number>();
  /** How the agents last all left: the last agent hanging up makes the agent the one who ended it. */
  private lastAgentLeft: 'hung-up' | 'other' | null = null;

  constructor(callId: string, started: Extract<TimedCallEvent, { type: 'call.started' }>) {
    const d = started.data;
    this.record = {
      id: callId,
      direction: d.direction,
      channel: d.channel,
      callerNumber: d.ani,
      dialedNumber: d.dnis,
      entryPoint: d.entryPoint,
      customerId: null,
      status: 'in-progress',
      startedAt: started.at,
      ivrPath: [],
      ivrInputs: [],
      queues: [],
      queueId: null,
      enqueuedAt: null,
      waitOutcome: null,
      announcements: [],
      offers: [],
      answeredAt: null,
      agents: [],
      holdCount: 0,
      transfers: [],
      conferences: [],
      endedAt: null,
      endedBy: null,
      endCause: null,
      endDetail: null,
      waitSeconds: null,
      talkSeconds: null,
      holdSeconds: null,
      wrapUpSeconds: null,
      handleSeconds: null,
      wrapUps: [],
      disposition: null,
      notes: null,
      ticketIds: [],
      surveyScore: null,
      surveyAnswers: [],
      recordings: [],
      voicemail: null,
      callback: null,
    };
  }

  apply(event: TimedCallEvent): void {
    const r = this.record;
    const at = event.at;
    switch (event.type) {
      case 'call.started':
      case 'digit.pressed':
      case 'supervisor.joined':
      case 'supervisor.left':
        return;
      case 'ivr.node-entered':
        r.ivrPath.push({ ...event.data, at });
        return;
      case 'ivr.input-collected':
        r.ivrInputs.push({ ...event.data, at });
        return;
      case 'crm.matched':
        r.customerId = event.data.customerId;
        return;

      case 'queue.entered':
        r.enqueuedAt ??= at;
        r.queues.push({ queueId: event.data.queueId, enteredAt: at, leftAt: null, outcome: null });
        return;
      case 'queue.announcement':
        r.announcements.push({ ...event.data, at });
        return;
      case 'queue.overflowed':
        if (this.closeQueueVisit(at, 'overflowed')) r.queues.push({ queueId: event.data.toQueueId, enteredAt: at, leftAt: null, outcome: null });
        return;
      case 'queue.exited':
        this.closeQueueVisit(at, 'exited');
        return;
      case 'queue.abandoned':
        this.closeQueueVisit(at, 'abandoned');
        this.end(at, 'customer', 'abandoned', null);
        return;

      case 'offer.made':
        r.offers.push({
          ...event.data,
          offeredAt: at,
          ringUntil: Date.parse(event.data.ringUntil),
          endedAt: null,
          ringingSeconds: null,
          result: null,
        });
        return;
      case 'offer.ended':
        this.endOffer(event.data.offerId, at, event.data.result);
        return;
      case 'call.answered':
        if (event.data.offerId !== null) this.endOffer(event.data.offerId, at, 'answered');
        this.closeQueueVisit(at, 'answered');
        r.answeredAt ??= at;
        this.join(event.data.agentId, at, 'answer');
        return;

      case 'call.held':
        if (this.connected().length > 0 && !this.openHold()) {
          this.holds.push({ start: at, end: null });
          r.holdCount += 1;
        }
        return;
      case 'call.resumed':
        this.closeHold(at);
        return;

      case 'transfer.initiated':
        r.transfers.push({ ...event.data, toAgentId: null, initiatedAt: at, endedAt: null, result: 'pending', failureReason: null });
        if (event.data.kind === 'blind' && event.data.fromAgentId !== null) this.leave(event.data.fromAgentId, at, 'transfer');
        return;
      case 'transfer.completed': {
        const transfer = r.transfers.find((t) => t.transferId === event.data.transferId && t.result === 'pending');
        if (!transfer) return;
        transfer.endedAt = at;
        transfer.result = 'completed';
        transfer.toAgentId = event.data.toAgentId;
        this.closeHold(at);
        if (transfer.fromAgentId) this.leave(transfer.fromAgentId, at, 'transfer');
        if (event.data.toAgentId) this.join(event.data.toAgentId, at, 'transfer');
        return;
      }
      case 'transfer.failed': {
        const transfer = r.transfers.find((t) => t.transferId === event.data.transferId && t.result === 'pending');
        if (!transfer) return;
        transfer.endedAt = at;
        transfer.result = 'failed';
        transfer.failureReason = event.data.reason;
        return;
      }
      case 'conference.joined':
        this.closeHold(at);
        r.conferences.push({ byAgentId: event.data.byAgentId, party: event.data.party, joinedAt: at, leftAt: null });
        if (event.data.party.kind === 'agent') this.join(event.data.party.agentId, at, 'conference');
        return;
      case 'conference.left': {
        const number = event.data.party.number;
        const party = r.conferences.find((c) => c.party.kind === 'number' && c.party.number === number && c.leftAt === null);
        if (party) party.leftAt = at;
        return;
      }
      case 'agent.hung-up':
        this.leave(event.data.agentId, at, 'hung-up');
        return;

      case 'recording.started':
        r.recordings.push({ recordingId: event.data.recordingId, startedAt: at, stoppedAt: null, path: null, durationSeconds: null });
        return;
      case 'recording.stopped': {
        const recording = r.recordings.find((x) => x.recordingId === event.data.recordingId && x.stoppedAt === null);
        if (!recording) return;
        recording.stoppedAt = at;
        recording.path = event.data.path;
        recording.durationSeconds = event.data.durationSeconds;
        return;
      }

      case 'call.ended': {
        if (r.endedAt !== null) return;
        this.closeQueueVisit(at, 'ended');
        const conversationEndedByAgent = this.connected().length === 0 && this.lastAgentLeft === 'hung-up';
        for (const stretch of this.connected()) {
          stretch.leftAt = at;
          stretch.leftBy = 'call-ended';
        }
        for (const party of r.conferences) party.leftAt ??= at;
        this.closeHold(at);
        this.end(at, conversationEndedByAgent ? 'agent' : event.data.by, event.data.cause, event.data.detail);
        return;
      }
      case 'voicemail.left':
        r.voicemail = { recordingId: event.data.recordingId, path: event.data.path, durationSeconds: event.data.durationSeconds, at };
        return;
      case 'callback.requested':
        r.callback = {
          number: event.data.number,
          queueId: event.data.queueId,
          scheduledFor: event.data.scheduledFor === null ? null : Date.parse(event.data.scheduledFor),
          requestedAt: at,
          callbackCallId: null,
        };
        return;
      case 'callback.placed':
        if (r.callback) r.callback.callbackCallId = event.data.callbackCallId;
        return;

      case 'wrap-up.started':
        if (!r.wrapUps.some((w) => w.agentId === event.data.agentId && w.endedAt === null)) r.wrapUps.push({ agentId: event.data.agentId, startedAt: at, endedAt: null });
        return;
      case 'wrap-up.ended': {
        const wrapUp = r.wrapUps.find((w) => w.agentId === event.data.agentId && w.endedAt === null);
        if (wrapUp) wrapUp.endedAt = at;
        return;
      }
      case 'disposition.set':
        r.disposition = event.data.code;
        r.notes = event.data.notes;
        return;
      case 'ticket.linked':
        if (!r.ticketIds.includes(event.data.ticketId)) r.ticketIds.push(event.data.ticketId);
        return;
      case 'survey.scored':
        r.surveyAnswers.push({ ...event.data });
        r.surveyScore ??= event.data.score;
        return;
    }
  }

  finish(now: number | null): CallRecord {
    const r = this.record;
    const until = (end: number | null) => end ?? now;

    for (const offer of r.offers) {
      if (offer.result === null) {
        const implied = this.offerVisitClosedAt.get(offer.offerId) ?? r.endedAt;
        if (implied !== null) {
          offer.endedAt = implied;
          offer.result = 'withdrawn';
        }
      }
      offer.ringingSeconds = seconds(offer.offeredAt, until(offer.endedAt));
    }
    if (r.endedAt !== null) {
      for (const t of r.transfers.filter((x) => x.result === 'pending')) {
        t.endedAt = r.endedAt;
        t.result = 'failed';
        t.failureReason = 'call-ended';
      }
    }

    this.firstWait(now);

    r.holdSeconds = sumSeconds(this.holds, now);
    r.wrapUpSeconds = sumSeconds(r.wrapUps.map((w) => ({ start: w.startedAt, end: w.endedAt })), now);
    if (r.agents.length > 0) {
      const connected = unionMs(r.agents.map((a) => ({ start: a.joinedAt, end: a.leftAt })), now);
      const holdMs = r.holdSeconds === null ? null : Math.round(r.holdSeconds * 1000);
      r.talkSeconds = connected === null || holdMs === null ? null : Math.max(0, connected - holdMs) / 1000;
    }
    r.handleSeconds =
      r.talkSeconds === null || r.holdSeconds === null || r.wrapUpSeconds === null
        ? null
        : (Math.round(r.talkSeconds * 1000) + Math.round(r.holdSeconds * 1000) + Math.round(r.wrapUpSeconds * 1000)) / 1000;
    r.status = r.endedAt === null ? 'in-progress' : 'ended';
    return r;
  }

  private firstWait(now: number | null): void {
    const r = this.record;
    let i = 0;
    while (r.queues[i]?.outcome === 'overflowed' && r.queues[i + 1]) i += 1;
    const visit = r.queues[i];
    if (!visit || r.enqueuedAt === null) return;
    r.queueId = visit.queueId;
    r.waitOutcome = visit.outcome === null || visit.outcome === 'overflowed' ? 'waiting' : visit.outcome;
    r.waitSeconds = seconds(r.enqueuedAt, visit.leftAt ?? now);
  }

  private closeQueueVisit(at: number, outcome: QueueVisitOutcome): boolean {
    const visit = this.record.queues.at(-1);
    if (!visit || visit.leftAt !== null) return false;
    visit.leftAt = at;
    visit.outcome = outcome;
    for (const offer of this.record.offers) {
      if (offer.result === null && !this.offerVisitClosedAt.has(offer.offerId)) this.offerVisitClosedAt.set(offer.offerId, at);
    }
    return true;
  }

  private endOffer(offerId: string, at: number, result: OfferResult): void {
    const offer = this.record.offers.find((o) => o.offerId === offerId && o.result === null);
    if (!offer) return;
    offer.endedAt = at;
    offer.result = result;
  }

  private connected(): AgentStretch[] {
    return this.record.agents.filter((a) => a.leftAt === null);
  }

  private join(agentId: string, at: number, joinedBy: AgentStretch['joinedBy']): void {
    if (this.connected().some((a) => a.agentId === agentId)) return;
    this.record.agents.push({ agentId, joinedAt: at, leftAt: null, joinedBy, leftBy: null });
    this.lastAgentLeft = null;
  }

  private leave(agentId: string, at: number, leftBy: 'hung-up' | 'transfer'): void {
    const stretch = this.connected().find((a) => a.agentId === agentId);
    if (!stretch) return;
    stretch.leftAt = at;
    stretch.leftBy = leftBy;
    if (this.connected().length === 0) {
      this.closeHold(at);
      this.lastAgentLeft = leftBy === 'hung-up' ? 'hung-up' : 'other';
    }
  }

  private openHold(): Interval | undefined {
    return this.holds.find((h) => h.end === null);
  }

  private closeHold(at: number): void {
    const hold = this.openHold();
    if (hold) hold.end = at;
  }

  private end(at: number, by: CallParty, cause: CallEndCause, detail: string | null): void {
    const r = this.record;
    if (r.endedAt !== null) return;
    r.endedAt = at;
    r.endedBy = by;
    r.endCause = cause;
    r.endDetail = detail;
  }
}
