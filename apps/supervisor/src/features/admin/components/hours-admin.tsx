/** Business hours calendars (time zone, opening times per weekday, holidays) that flows' businessHours nodes name. */
import {
  apiRoutes,
  type BusinessHoursCalendar,
  BusinessHoursCalendarSchema,
  CreateBusinessHoursCalendarRequestSchema,
  type FieldIssue,
  UpdateBusinessHoursCalendarRequestSchema,
  WEEKDAYS,
} from '@ccx/contracts';
import { type FormEvent, useState } from 'react';
import { Field, FormErrors } from '../../../components/field';
import { issueFor, issuesOfError, otherIssues } from '../../../lib/field-issues';
import { useAdminMutation, useCalendars, withId } from '../api/admin-api';
import { checkBody } from '../domain/form-check';
import { hoursBody, hoursDraft, newHoursDraft, WEEKDAY_LABELS } from '../domain/hours-form';

function CalendarForm({ calendar, onDone }: { calendar: BusinessHoursCalendar | null; onDone: () => void }) {
  const [draft, setDraft] = useState(() => (calendar ? hoursDraft(calendar) : newHoursDraft()));
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const save = useAdminMutation(['business-hours'], (apiFetch, body: unknown) =>
    calendar
      ? apiFetch(withId(apiRoutes.updateBusinessHoursCalendar.path, calendar.id), { method: 'PATCH', body, schema: BusinessHoursCalendarSchema })
      : apiFetch(apiRoutes.createBusinessHoursCalendar.path, { method: 'POST', body, schema: BusinessHoursCalendarSchema }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = hoursBody(draft);
    const checked = calendar ? checkBody(UpdateBusinessHoursCalendarRequestSchema, body) : checkBody(CreateBusinessHoursCalendarRequestSchema, body);
    if (!checked.ok) return setIssues(checked.issues);
    save.mutate(checked.body, { onSuccess: onDone, onError: (e) => setIssues(issuesOfError(e)) });
  };
  return (
    <form className="inline-form" aria-label={calendar ? `Calendar ${calendar.name}` : 'New calendar'} onSubmit={submit} noValidate>
      <Field label="Calendar name" error={issueFor(issues, 'name')}>
        <input value={draft.name} onChange={(e) => setDraft((d) => ({ ...d, name: e.target.value }))} />
      </Field>
      <Field label="Time zone" hint="e.g. Asia/Shanghai, Europe/Berlin" error={issueFor(issues, 'timeZone')}>
        <input value={draft.timeZone} onChange={(e) => setDraft((d) => ({ ...d, timeZone: e.target.value }))} />
      </Field>
      {WEEKDAYS.map((day) => (
        <Field key={day} label={`${WEEKDAY_LABELS[day]} hours`} hint="e.g. 09:00-12:00, 13:00-17:30; empty: closed" error={issueFor(issues, `weekly.${day}`, true)}>
          <input value={draft.days[day]} onChange={(e) => setDraft((d) => ({ ...d, days: { ...d.days, [day]: e.target.value } }))} />
        </Field>
      ))}
      <Field label="Holidays" hint="One a line: 2025-12-25 Christmas, or 01-01 New Year (every year)" error={issueFor(issues, 'holidays', true)}>
        <textarea rows={4} value={draft.holidays} onChange={(e) => setDraft((d) => ({ ...d, holidays: e.target.value }))} />
      </Field>
      <FormErrors messages={otherIssues(issues, ['name', 'timeZone', 'weekly', 'holidays']).map((i) => i.message)} />
      <div className="row-actions">
        <button type="submit" disabled={save.isPending}>
          {calendar ? 'Save calendar' : 'Create calendar'}
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function HoursAdmin() {
  const calendars = useCalendars();
  const [editing, setEditing] = useState<BusinessHoursCalendar | 'new' | null>(null);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const remove = useAdminMutation(['business-hours'], (apiFetch, id: string) => apiFetch<void>(withId(apiRoutes.deleteBusinessHoursCalendar.path, id), { method: 'DELETE' }));
  return (
    <section aria-labelledby="hours-title">
      <h3 id="hours-title">Business hours and holidays</h3>
      {editing === null && (
        <button type="button" onClick={() => setEditing('new')}>
          New calendar
        </button>
      )}
      {editing !== null && <CalendarForm key={editing === 'new' ? 'new' : editing.id} calendar={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />}
      <FormErrors messages={issues.map((i) => i.message)} />
      <table aria-labelledby="hours-title">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Time zone</th>
            <th scope="col">Weekly hours</th>
            <th scope="col">Holidays</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {calendars.data?.calendars.map((c) => (
            <tr key={c.id}>
              <td>{c.name}</td>
              <td>{c.timeZone}</td>
              <td>
                {WEEKDAYS.map((d) => `${d} ${(c.weekly[d] ?? []).map((r) => `${r.from}-${r.to}`).join(', ') || 'closed'}`).join('; ')}
              </td>
              <td>{c.holidays.map((h) => h.date).join(', ') || '–'}</td>
              <td className="row-actions">
                <button type="button" onClick={() => setEditing(c)} aria-label={`Edit calendar ${c.name}`}>
                  Edit
                </button>
                <button type="button" onClick={() => remove.mutate(c.id, { onSuccess: () => setIssues([]), onError: (e) => setIssues(issuesOfError(e)) })} aria-label={`Remove calendar ${c.name}`}>
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
