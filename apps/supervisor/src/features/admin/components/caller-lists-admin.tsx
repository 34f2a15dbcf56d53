/** The VIP list (first in the queue) and the blacklist (refused by the IVR): add a number, take it off. */
import { AddCallerListEntryRequestSchema, apiRoutes, CallerListEntrySchema, type CallerListKind, type FieldIssue } from '@ccx/contracts';
import { type FormEvent, useState } from 'react';
import { Field, FormErrors } from '../../../components/field';
import { issueFor, issuesOfError, otherIssues } from '../../../lib/field-issues';
import { useAdminMutation, useCallerLists, withId } from '../api/admin-api';
import { checkBody } from '../domain/form-check';

const KIND_LABELS: Record<CallerListKind, string> = { vip: 'VIP list', blacklist: 'Blacklist' };

export function CallerListsAdmin() {
  const lists = useCallerLists();
  const [draft, setDraft] = useState({ kind: 'vip' as CallerListKind, number: '', note: '' });
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const add = useAdminMutation(['caller-lists'], (apiFetch, body: unknown) => apiFetch(apiRoutes.addCallerListEntry.path, { method: 'POST', body, schema: CallerListEntrySchema }));
  const remove = useAdminMutation(['caller-lists'], (apiFetch, id: string) => apiFetch<void>(withId(apiRoutes.removeCallerListEntry.path, id), { method: 'DELETE' }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkBody(AddCallerListEntryRequestSchema, draft);
    if (!checked.ok) return setIssues(checked.issues);
    add.mutate(checked.body, { onSuccess: () => (setDraft((d) => ({ ...d, number: '', note: '' })), setIssues([])), onError: (e) => setIssues(issuesOfError(e)) });
  };
  return (
    <section aria-labelledby="lists-title">
      <h3 id="lists-title">VIP list and blacklist</h3>
      <form className="inline-form" aria-label="Add a number" onSubmit={submit} noValidate>
        <Field label="List" error={issueFor(issues, 'kind')}>
          <select value={draft.kind} onChange={(e) => setDraft((d) => ({ ...d, kind: e.target.value as CallerListKind }))}>
            <option value="vip">VIP list</option>
            <option value="blacklist">Blacklist</option>
          </select>
        </Field>
        <Field label="Number" hint="Exactly as calls present it, e.g. +14155550100" error={issueFor(issues, 'number')}>
          <input value={draft.number} onChange={(e) => setDraft((d) => ({ ...d, number: e.target.value }))} inputMode="tel" />
        </Field>
        <Field label="Note" error={issueFor(issues, 'note')}>
          <input value={draft.note} onChange={(e) => setDraft((d) => ({ ...d, note: e.target.value }))} />
        </Field>
        <button type="submit" disabled={add.isPending}>
          Add number
        </button>
        <FormErrors messages={otherIssues(issues, ['kind', 'number', 'note']).map((i) => i.message)} />
      </form>
      <table aria-labelledby="lists-title">
        <thead>
          <tr>
            <th scope="col">List</th>
            <th scope="col">Number</th>
            <th scope="col">Note</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {lists.data?.entries.map((entry) => (
            <tr key={entry.id}>
              <td>{KIND_LABELS[entry.kind]}</td>
              <td>{entry.number}</td>
              <td>{entry.note}</td>
              <td>
                <button type="button" onClick={() => remove.mutate(entry.id, { onError: (e) => setIssues(issuesOfError(e)) })} aria-label={`Remove ${entry.number} from the ${KIND_LABELS[entry.kind]}`}>
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
