import { type CallEvent, type CallRecord as CallRecordDto } from '@ccx/contracts';
import { type CallRecord, type TimedCallEvent } from './call-record.js';

/**
 * The call record and timeline as the API sends them (contracts `rest/calls.ts`): the same
 * fields, times as ISO 8601 strings instead of epoch milliseconds.
 */
export function toCallRecordDto(r: CallRecord): CallRecordDto {
  return {
    ...r,
    startedAt: iso(r.startedAt),
    ivrPath: r.ivrPath.map((step) => ({ ...step, at: iso(step.at) })),
    ivrInputs: r.ivrInputs.map((input) => ({ ...input, at: iso(input.at) })),
    queues: r.queues.map((visit) => ({ ...visit, enteredAt: iso(visit.enteredAt), leftAt: isoOrNull(visit.leftAt) })),
    enqueuedAt: isoOrNull(r.enqueuedAt),
    announcements: r.announcements.map((a) => ({ ...a, at: iso(a.at) })),
    offers: r.offers.map((o) => ({ ...o, offeredAt: iso(o.offeredAt), ringUntil: iso(o.ringUntil), endedAt: isoOrNull(o.endedAt) })),
    answeredAt: isoOrNull(r.answeredAt),
    agents: r.agents.map((a) => ({ ...a, joinedAt: iso(a.joinedAt), leftAt: isoOrNull(a.leftAt) })),
    transfers: r.transfers.map((t) => ({ ...t, initiatedAt: iso(t.initiatedAt), endedAt: isoOrNull(t.endedAt) })),
    conferences: r.conferences.map((c) => ({ ...c, joinedAt: iso(c.joinedAt), leftAt: isoOrNull(c.leftAt) })),
    endedAt: isoOrNull(r.endedAt),
    wrapUps: r.wrapUps.map((w) => ({ ...w, startedAt: iso(w.startedAt), endedAt: isoOrNull(w.endedAt) })),
    ticketIds: [...r.ticketIds],
    surveyAnswers: r.surveyAnswers.map((a) => ({ ...a })),
    recordings: r.recordings.map((x) => ({ ...x, startedAt: iso(x.startedAt), stoppedAt: isoOrNull(x.stoppedAt) })),
    voicemail: r.voicemail && { ...r.voicemail, at: iso(r.voicemail.at) },
    callback: r.callback && {
      ...r.callback,
      scheduledFor: isoOrNull(r.callback.scheduledFor),
      requestedAt: iso(r.callback.requestedAt),
    },
  };
}

/** One stored event as `GET /api/calls/:id/events` lists it. */
export function toCallEventDto(event: TimedCallEvent): CallEvent {
  return { ...event, at: iso(event.at) } as CallEvent;
}

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));
