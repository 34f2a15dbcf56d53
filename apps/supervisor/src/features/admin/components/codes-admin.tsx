/** Not-ready reasons and dispositions: add (code + label), relabel, retire or reactivate, remove. */
import { apiRoutes, type CodedEntry, CodedEntrySchema, CreateCodedEntryRequestSchema, type FieldIssue, UpdateCodedEntryRequestSchema } from '@ccx/contracts';
import { type FormEvent, useState } from 'react';
import { Field, FormErrors } from '../../../components/field';
import { issueFor, issuesOfError, otherIssues } from '../../../lib/field-issues';
import { useAdminMutation, useDispositions, useNotReadyReasons, withId } from '../api/admin-api';
import { checkBody } from '../domain/form-check';

interface Kind {
  key: 'not-ready-reasons' | 'dispositions';
  title: string;
  singular: string;
  routes: { create: string; update: string; remove: string };
}

const KINDS: Kind[] = [
  { key: 'not-ready-reasons', title: 'Not-ready reasons', singular: 'reason', routes: { create: apiRoutes.createNotReadyReason.path, update: apiRoutes.updateNotReadyReason.path, remove: apiRoutes.deleteNotReadyReason.path } },
  { key: 'dispositions', title: 'Dispositions', singular: 'disposition', routes: { create: apiRoutes.createDisposition.path, update: apiRoutes.updateDisposition.path, remove: apiRoutes.deleteDisposition.path } },
];

function CreateCode({ kind }: { kind: Kind }) {
  const [draft, setDraft] = useState({ code: '', label: '' });
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const create = useAdminMutation([kind.key], (apiFetch, body: unknown) => apiFetch(kind.routes.create, { method: 'POST', body, schema: CodedEntrySchema }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkBody(CreateCodedEntryRequestSchema, draft);
    if (!checked.ok) return setIssues(checked.issues);
    create.mutate(checked.body, { onSuccess: () => (setDraft({ code: '', label: '' }), setIssues([])), onError: (e) => setIssues(issuesOfError(e)) });
  };
  return (
    <form className="inline-form" aria-label={`New ${kind.singular}`} onSubmit={submit} noValidate>
      <Field label={`Code of the new ${kind.singular}`} hint="Stored on records; cannot change later" error={issueFor(issues, 'code')}>
        <input value={draft.code} onChange={(e) => setDraft((d) => ({ ...d, code: e.target.value }))} />
      </Field>
      <Field label={`Label of the new ${kind.singular}`} error={issueFor(issues, 'label')}>
        <input value={draft.label} onChange={(e) => setDraft((d) => ({ ...d, label: e.target.value }))} />
      </Field>
      <button type="submit" disabled={create.isPending}>
        Add {kind.singular}
      </button>
      <FormErrors messages={otherIssues(issues, ['code', 'label']).map((i) => i.message)} />
    </form>
  );
}

function CodeRow({ kind, entry }: { kind: Kind; entry: CodedEntry }) {
  const [label, setLabel] = useState(entry.label);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const update = useAdminMutation([kind.key], (apiFetch, body: unknown) => apiFetch(withId(kind.routes.update, entry.id), { method: 'PATCH', body, schema: CodedEntrySchema }));
  const remove = useAdminMutation([kind.key], (apiFetch, _: null) => apiFetch<void>(withId(kind.routes.remove, entry.id), { method: 'DELETE' }));
  const send = (changes: object) => {
    const checked = checkBody(UpdateCodedEntryRequestSchema, changes);
    if (!checked.ok) return setIssues(checked.issues);
    update.mutate(checked.body, { onSuccess: () => setIssues([]), onError: (e) => setIssues(issuesOfError(e)) });
  };
  return (
    <tr>
      <td>{entry.code}</td>
      <td>
        <form
          className="row-actions"
          onSubmit={(e) => {
            e.preventDefault();
            send({ label });
          }}
          aria-label={`Label of ${entry.code}`}
        >
          <Field label={`Label of ${entry.code}`} error={issueFor(issues, 'label')}>
            <input value={label} onChange={(e) => setLabel(e.target.value)} />
          </Field>
          <button type="submit">Save label</button>
        </form>
      </td>
      <td>{entry.active ? 'active' : 'retired'}</td>
      <td className="row-actions">
        <button type="button" onClick={() => send({ active: !entry.active })} aria-label={`${entry.active ? 'Retire' : 'Reactivate'} ${entry.code}`}>
          {entry.active ? 'Retire' : 'Reactivate'}
        </button>
        <button type="button" onClick={() => remove.mutate(null, { onError: (e) => setIssues(issuesOfError(e)) })} aria-label={`Remove ${entry.code}`}>
          Remove
        </button>
        <FormErrors messages={otherIssues(issues, ['label']).map((i) => i.message)} />
      </td>
    </tr>
  );
}

function CodeList({ kind, entries }: { kind: Kind; entries: readonly CodedEntry[] | undefined }) {
  const titleId = `${kind.key}-title`;
  return (
    <section aria-labelledby={titleId}>
      <h3 id={titleId}>{kind.title}</h3>
      <CreateCode kind={kind} />
      <table aria-labelledby={titleId}>
        <thead>
          <tr>
            <th scope="col">Code</th>
            <th scope="col">Label</th>
            <th scope="col">Status</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {entries?.map((entry) => (
            <CodeRow key={`${entry.id}-${entry.updatedAt}`} kind={kind} entry={entry} />
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function CodesAdmin() {
  const reasons = useNotReadyReasons();
  const dispositions = useDispositions();
  return (
    <>
      <CodeList kind={KINDS[0]!} entries={reasons.data?.reasons} />
      <CodeList kind={KINDS[1]!} entries={dispositions.data?.dispositions} />
    </>
  );
}
