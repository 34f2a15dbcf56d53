/**
 * IVR flows as JSON: pick a flow, edit its latest version in the textarea, save it as a new
 * version, publish it. Publishing runs the server's full check; every problem is listed
 * beside the editor with its node id and field path (and the textarea is marked invalid).
 */
import { apiRoutes, CreateIvrFlowRequestSchema, type FieldIssue, IvrFlowDetailSchema, IvrFlowVersionSchema, type IvrFlowSummary } from '@ccx/contracts';
import { type FormEvent, useId, useState } from 'react';
import { Field, FormErrors } from '../../../components/field';
import { issueFor, issuesOfError, otherIssues } from '../../../lib/field-issues';
import { useAdminMutation, useFlows, useFlowVersion, withId } from '../api/admin-api';
import { checkBody } from '../domain/form-check';
import { flowIssueView, parseFlowJson } from '../domain/flow-editor';

function FlowEditor({ flow }: { flow: IvrFlowSummary }) {
  const version = useFlowVersion(flow.id, flow.latestVersion);
  // What the admin typed; until then, the latest version as stored.
  const [edited, setText] = useState<string | null>(null);
  const text = edited ?? (version.data ? JSON.stringify(version.data.definition, null, 2) : null);
  const [jsonError, setJsonError] = useState<string | null>(null);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const [notice, setNotice] = useState('');
  const issuesId = useId();

  const saveAndMaybePublish = useAdminMutation(['ivr-flows'], async (apiFetch, input: { definition: Record<string, unknown>; publish: boolean }) => {
    const saved = await apiFetch(withId(apiRoutes.saveIvrFlowVersion.path, flow.id), { method: 'POST', body: { definition: input.definition }, schema: IvrFlowVersionSchema });
    if (!input.publish) return `Saved as version ${saved.version} (not published).`;
    await apiFetch(withId(apiRoutes.publishIvrFlowVersion.path, flow.id).replace(':version', String(saved.version)), { method: 'POST', schema: IvrFlowDetailSchema });
    return `Version ${saved.version} is published: new calls run it.`;
  });

  const run = (publish: boolean) => {
    setNotice('');
    const parsed = parseFlowJson(text ?? '');
    if (!parsed.ok) {
      setJsonError(parsed.message);
      setIssues([]);
      return;
    }
    setJsonError(null);
    saveAndMaybePublish.mutate(
      { definition: parsed.definition, publish },
      {
        onSuccess: (message) => {
          setIssues([]);
          setNotice(message);
        },
        onError: (e) => setIssues(issuesOfError(e)),
      },
    );
  };

  const views = issues.filter((i) => i.path !== '(form)').map(flowIssueView);
  const invalid = jsonError !== null || views.length > 0;
  return (
    <div className="flow-editor">
      <div>
        <label htmlFor={`${issuesId}-json`}>
          Definition of {flow.name} (version {flow.latestVersion}
          {flow.publishedVersion === flow.latestVersion ? ', published' : ''})
        </label>
        <textarea
          id={`${issuesId}-json`}
          spellCheck={false}
          value={text ?? ''}
          onChange={(e) => setText(e.target.value)}
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? issuesId : undefined}
        />
        <div className="row-actions">
          <button type="button" onClick={() => run(false)} disabled={saveAndMaybePublish.isPending || text === null}>
            Save version
          </button>
          <button type="button" onClick={() => run(true)} disabled={saveAndMaybePublish.isPending || text === null}>
            Save and publish
          </button>
          <span role="status">{notice}</span>
        </div>
      </div>
      <div id={issuesId} aria-live="polite">
        {jsonError && (
          <p className="field-error" role="alert">
            {jsonError}
          </p>
        )}
        {views.length > 0 && (
          <>
            <h4>Problems found</h4>
            <ul className="flow-issues" aria-label="Flow problems">
              {views.map((v, i) => (
                <li key={i} className="field-error">
                  {v.nodeId ? (
                    <>
                      Node <code>{v.nodeId}</code>, field <code>{v.field}</code>: {v.message}
                    </>
                  ) : (
                    <>
                      Flow field <code>{v.field}</code>: {v.message}
                    </>
                  )}
                </li>
              ))}
            </ul>
          </>
        )}
        <FormErrors messages={issues.filter((i) => i.path === '(form)').map((i) => i.message)} />
      </div>
    </div>
  );
}

function CreateFlow({ onCreated }: { onCreated: (id: string) => void }) {
  const [draft, setDraft] = useState({ name: '', entryNumbers: '' });
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const create = useAdminMutation(['ivr-flows'], (apiFetch, body: unknown) => apiFetch(apiRoutes.createIvrFlow.path, { method: 'POST', body, schema: IvrFlowDetailSchema }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkBody(CreateIvrFlowRequestSchema, {
      name: draft.name,
      entryNumbers: draft.entryNumbers.split(',').map((n) => n.trim()).filter(Boolean),
      definition: { schemaVersion: 1, name: draft.name, start: 'start', nodes: {} },
    });
    if (!checked.ok) return setIssues(checked.issues);
    create.mutate(checked.body, { onSuccess: (flow) => (setIssues([]), onCreated(flow.id)), onError: (e) => setIssues(issuesOfError(e)) });
  };
  return (
    <form className="inline-form" aria-label="New flow" onSubmit={submit} noValidate>
      <Field label="New flow name" error={issueFor(issues, 'name')}>
        <input value={draft.name} onChange={(e) => setDraft((d) => ({ ...d, name: e.target.value }))} />
      </Field>
      <Field label="Entry numbers" hint="Comma-separated, e.g. 1002, +4930123456" error={issueFor(issues, 'entryNumbers', true)}>
        <input value={draft.entryNumbers} onChange={(e) => setDraft((d) => ({ ...d, entryNumbers: e.target.value }))} />
      </Field>
      <button type="submit" disabled={create.isPending}>
        Create flow
      </button>
      <FormErrors messages={otherIssues(issues, ['name', 'entryNumbers']).map((i) => i.message)} />
    </form>
  );
}

export function FlowsAdmin() {
  const flows = useFlows();
  const [openId, setOpenId] = useState<string | null>(null);
  const open = flows.data?.flows.find((f) => f.id === openId) ?? null;
  return (
    <section aria-labelledby="flows-title">
      <h3 id="flows-title">IVR flows</h3>
      <CreateFlow onCreated={setOpenId} />
      <table aria-labelledby="flows-title">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Entry numbers</th>
            <th scope="col">Published / latest version</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {flows.data?.flows.map((f) => (
            <tr key={f.id} aria-selected={f.id === openId}>
              <td>{f.name}</td>
              <td>{f.entryNumbers.join(', ') || '–'}</td>
              <td>
                {f.publishedVersion ?? 'none'} / {f.latestVersion}
              </td>
              <td>
                <button type="button" onClick={() => setOpenId(f.id)} aria-label={`Edit flow ${f.name}`}>
                  Edit JSON
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {open && <FlowEditor key={open.id} flow={open} />}
    </section>
  );
}
