/**
 * After the call: the wrap-up form (disposition required, notes, optionally a ticket with a
 * follow-up date) and the after-call-work timer. Problems show next to their field, the
 * browser's and the server's alike (same field names as `call:wrapUp` and `POST /api/tickets`).
 */
import { type FieldIssue } from '@ccx/contracts';
import { ApiRequestError, useWebSession } from '@ccx/web-session';
import { type FormEvent, type ReactNode, useEffect, useId, useState } from 'react';
import { useDispositions } from '../api/dispositions';
import { createTicket } from '../api/create-ticket';
import { useDesk } from '../desk-runtime';
import { EMPTY_WRAP_UP, followUpAt, issueFor, localDate, validateWrapUp, type WrapUpDraft, wrapUpCallId, wrapUpSecondsLeft } from '../domain/wrap-up-form';

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

export function WrapUpPanel() {
  const call = useDesk((state) => state.call);
  const agentState = useDesk((state) => state.agentState);
  const screenPop = useDesk((state) => state.screenPop);
  const callId = wrapUpCallId(call, agentState, screenPop);
  if (!callId) return null;
  const customerId = (call?.callId === callId ? call.customerId : null) ?? (screenPop?.callId === callId ? (screenPop.customer?.id ?? null) : null);
  // A new call gets a fresh form.
  return <WrapUpForm key={callId} callId={callId} customerId={customerId} />;
}

function WrapUpForm({ callId, customerId }: { callId: string; customerId: string | null }) {
  const { apiFetch } = useWebSession();
  const wrapUp = useDesk((state) => state.wrapUp);
  const agentState = useDesk((state) => state.agentState);
  const dispositions = useDispositions();
  const now = useNow(1000);
  const [draft, setDraft] = useState<WrapUpDraft>(EMPTY_WRAP_UP);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [ticketId, setTicketId] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const secondsLeft = wrapUpSecondsLeft(agentState, now);
  const edit = (changes: Partial<WrapUpDraft>) => setDraft((d) => ({ ...d, ...changes }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = validateWrapUp(draft, localDate(new Date()));
    setIssues(found);
    setProblem(null);
    if (found.length > 0) return focusFirstInvalid();
    setSending(true);
    try {
      let ticket = ticketId;
      // Created once: a retry after a refused wrap-up does not open a second ticket.
      if (draft.createTicket && !ticket) {
        try {
          ticket = (await createTicket(apiFetch, { customerId, callId, subject: draft.subject.trim(), body: draft.notes, followUpAt: followUpAt(draft.followUpDate) })).id;
          setTicketId(ticket);
        } catch (error) {
          const refused = error instanceof ApiRequestError ? error.error.issues ?? [] : [];
          setIssues(refused);
          setProblem(`The ticket was not created: ${error instanceof Error ? error.message : String(error)}. Fix it, or untick "Create ticket".`);
          return;
        }
      }
      const outcome = await wrapUp({ callId, disposition: draft.disposition, notes: draft.notes, ticketId: draft.createTicket ? ticket : null });
      if (!outcome.ok) {
        setIssues(outcome.error.issues ?? []);
        setProblem(`Wrap-up not saved: ${outcome.error.message}`);
      }
    } finally {
      setSending(false);
    }
  };

  return (
    <section className="card" aria-labelledby="desk-wrap-up-title">
      <h2 id="desk-wrap-up-title">Wrap-up</h2>
      {secondsLeft !== null && (
        <p>
          After-call work left: <span role="timer" aria-label="After-call work left">{formatSeconds(secondsLeft)}</span>
        </p>
      )}
      <form onSubmit={(e) => void submit(e)} noValidate className="desk-form">
        <Field label="Disposition" error={issueFor(issues, 'disposition')}>
          {(props) => (
            <select {...props} required value={draft.disposition} onChange={(e) => edit({ disposition: e.target.value })}>
              <option value="">{dispositions.isPending ? 'Loading…' : 'Choose how the call ended'}</option>
              {dispositions.data?.map((d) => (
                <option key={d.code} value={d.code}>
                  {d.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        {dispositions.isError && <p role="alert">Could not load the dispositions: {dispositions.error.message}. Reload the page to try again.</p>}
        <Field label="Notes" error={issueFor(issues, 'notes')}>
          {(props) => <textarea {...props} rows={3} value={draft.notes} onChange={(e) => edit({ notes: e.target.value })} />}
        </Field>
        <p>
          <label>
            <input type="checkbox" checked={draft.createTicket} disabled={ticketId !== null} onChange={(e) => edit({ createTicket: e.target.checked })} /> Create ticket
          </label>
          {ticketId && <span role="status"> Ticket created.</span>}
        </p>
        {draft.createTicket && (
          <>
            <Field label="Ticket subject" error={issueFor(issues, 'subject')}>
              {(props) => <input {...props} type="text" value={draft.subject} disabled={ticketId !== null} onChange={(e) => edit({ subject: e.target.value })} />}
            </Field>
            <Field label="Follow-up date (optional)" error={issueFor(issues, 'followUpAt')}>
              {(props) => <input {...props} type="date" min={localDate(new Date(now))} value={draft.followUpDate} disabled={ticketId !== null} onChange={(e) => edit({ followUpDate: e.target.value })} />}
            </Field>
          </>
        )}
        {problem && <p role="alert">{problem}</p>}
        <div className="desk-row">
          <button type="submit" disabled={sending}>
            Finish wrap-up
          </button>
        </div>
      </form>
    </section>
  );
}

interface FieldProps {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
}

/** A labelled field with its error right after it, tied together for screen readers. */
function Field({ label, error, children }: { label: string; error: string | null; children: (props: FieldProps) => ReactNode }) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <p className="desk-field">
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': error !== null, 'aria-describedby': error ? errorId : undefined })}
      {error && (
        <span id={errorId} className="field-error">
          {error}
        </span>
      )}
    </p>
  );
}

/** The first field with a problem gets the focus, so keyboard users land on it. */
function focusFirstInvalid() {
  requestAnimationFrame(() => document.querySelector<HTMLElement>('.desk-form [aria-invalid="true"]')?.focus());
}

function formatSeconds(total: number): string {
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}
