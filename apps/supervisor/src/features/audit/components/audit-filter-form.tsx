/** The audit log's search form: action (one, or a family), who did it, and a time range; each problem beside its field. */
import { type AuditActorList, type FieldIssue } from '@ccx/contracts';
import { type FormEvent, useState } from 'react';
import { Field } from '../../../components/field';
import { issueFor } from '../../../lib/field-issues';
import { type AuditFilterDraft, EMPTY_AUDIT_FILTER } from '../domain/audit-filter';
import { ACTION_GROUPS, KNOWN_ACTIONS } from '../domain/audit-words';

interface Props {
  issues: readonly FieldIssue[];
  actors: AuditActorList['actors'] | undefined;
  onSearch: (draft: AuditFilterDraft) => void;
}

export function AuditFilterForm({ issues, actors, onSearch }: Props) {
  const [draft, setDraft] = useState(EMPTY_AUDIT_FILTER);
  const set = (key: keyof AuditFilterDraft) => (event: { target: { value: string } }) => setDraft((d) => ({ ...d, [key]: event.target.value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(draft);
  };
  return (
    <form className="filters" aria-label="Search the audit log" onSubmit={submit} noValidate>
      <Field label="Action" error={issueFor(issues, 'action')}>
        <select value={draft.action} onChange={set('action')}>
          <option value="">Any action</option>
          <optgroup label="All actions on">
            {ACTION_GROUPS.map((g) => (
              <option key={g.prefix} value={g.prefix}>
                {g.label} (all)
              </option>
            ))}
          </optgroup>
          <optgroup label="One action">
            {KNOWN_ACTIONS.map((a) => (
              <option key={a.action} value={a.action}>
                {a.label}
              </option>
            ))}
          </optgroup>
        </select>
      </Field>
      <Field label="Who" hint="The person who did it" error={issueFor(issues, 'actorId')}>
        <select value={draft.actorId} onChange={set('actorId')}>
          <option value="">Anyone</option>
          {actors?.map((a) => (
            <option key={a.id} value={a.id}>
              {a.displayName} ({a.username}, {a.role})
            </option>
          ))}
        </select>
      </Field>
      <Field label="From" error={issueFor(issues, 'from')}>
        <input type="datetime-local" value={draft.from} onChange={set('from')} />
      </Field>
      <Field label="To" error={issueFor(issues, 'to')}>
        <input type="datetime-local" value={draft.to} onChange={set('to')} />
      </Field>
      <div className="actions">
        <button type="submit">Search</button>
        <button
          type="button"
          onClick={() => {
            setDraft(EMPTY_AUDIT_FILTER);
            onSearch(EMPTY_AUDIT_FILTER);
          }}
        >
          Clear filters
        </button>
      </div>
    </form>
  );
}
