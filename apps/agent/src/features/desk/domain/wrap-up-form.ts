/**
 * The after-call form's rules: which call it is for, what must be filled in, and the
 * after-call-work timer. The same field names as `call:wrapUp` and `POST /api/tickets`, so
 * the server's field errors land next to the same fields.
 */
import { type AgentCallView, type AgentOffer, type AgentStateView, type FieldIssue } from '@ccx/contracts';

export interface WrapUpDraft {
  disposition: string;
  notes: string;
  /** "Create ticket" is ticked: the ticket fields below apply. */
  createTicket: boolean;
  subject: string;
  /** `YYYY-MM-DD` from a date field, or empty for no follow-up. */
  followUpDate: string;
}

export const EMPTY_WRAP_UP: WrapUpDraft = { disposition: '', notes: '', createTicket: false, subject: '', followUpDate: '' };

export const NOTES_MAX = 4000;
export const SUBJECT_MAX = 200;

/**
 * The call the wrap-up form is for: the server's `agent:call` in `wrap-up`; failing that
 * (after-call work with no call view), the call of the last screen pop.
 */
export function wrapUpCallId(call: AgentCallView | null, state: AgentStateView | null, screenPop: AgentOffer | null): string | null {
  if (call?.phase === 'wrap-up') return call.callId;
  if (state?.state === 'after-call-work' && screenPop) return screenPop.callId;
  return null;
}

/** The follow-up as the API wants it: 09:00 local time on the chosen day; null for none. */
export function followUpAt(date: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return null;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 9, 0, 0).toISOString();
}

/** Problems to show next to the fields before anything is sent; empty when it may be sent. */
export function validateWrapUp(draft: WrapUpDraft, today: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!draft.disposition) issues.push({ path: 'disposition', message: 'Choose a disposition: how did the call end?' });
  if (draft.notes.length > NOTES_MAX) issues.push({ path: 'notes', message: `Shorten the notes to ${NOTES_MAX} characters (now ${draft.notes.length}).` });
  if (draft.createTicket) {
    const subject = draft.subject.trim();
    if (!subject) issues.push({ path: 'subject', message: 'Give the ticket a subject, or untick "Create ticket".' });
    else if (subject.length > SUBJECT_MAX) issues.push({ path: 'subject', message: `Shorten the subject to ${SUBJECT_MAX} characters.` });
    if (draft.followUpDate) {
      if (followUpAt(draft.followUpDate) === null) issues.push({ path: 'followUpAt', message: 'Pick a follow-up date from the calendar.' });
      else if (draft.followUpDate < today) issues.push({ path: 'followUpAt', message: 'The follow-up date is in the past: pick today or a later day.' });
    }
  }
  return issues;
}

/** Today as `YYYY-MM-DD` in local time (what a date field compares with). */
export function localDate(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The issue for `field` among `issues`, if any (server issues use the same paths). */
export function issueFor(issues: readonly FieldIssue[], field: string): string | null {
  return issues.find((issue) => issue.path === field)?.message ?? null;
}

/** Seconds of after-call work left, or null when there is no deadline. */
export function wrapUpSecondsLeft(state: AgentStateView | null, now: number): number | null {
  if (state?.state !== 'after-call-work' || !state.wrapUpUntil) return null;
  return Math.max(0, Math.ceil((Date.parse(state.wrapUpUntil) - now) / 1000));
}
