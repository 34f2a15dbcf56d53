/** Queues and their routing settings: create, edit (live in the ACD at once), remove (refused while in use). */
import { apiRoutes, type FieldIssue, type Queue, QueueSchema, RoutingStrategySchema, type RoutingStrategy } from '@ccx/contracts';
import { type FormEvent, useState } from 'react';
import { Field, FormErrors } from '../../../components/field';
import { issueFor, issuesOfError, otherIssues } from '../../../lib/field-issues';
import { useAdminMutation, useQueues, withId } from '../api/admin-api';
import { createQueueBody, NEW_QUEUE, type QueueDraft, queueDraft, thresholdsSummary, updateQueueBody } from '../domain/queue-form';

const STRATEGY_LABELS: Record<RoutingStrategy, string> = {
  longest_idle: 'Longest idle agent',
  fewest_calls: 'Fewest calls today',
  round_robin: 'Round robin',
  best_skill: 'Best skill level',
  ring_all: 'Ring all',
};
const FIELDS = ['name', 'strategy', 'skills', 'offerTimeoutSeconds', 'wrapUpSeconds', 'serviceLevelSeconds', 'agingPerSecond', 'missedOfferSetsNotReady', 'maxWait', 'announcements', 'overflow', 'wallboardThresholds'];

function QueueForm({ queue, onDone }: { queue: Queue | null; onDone: () => void }) {
  const [draft, setDraft] = useState<QueueDraft>(() => (queue ? queueDraft(queue) : NEW_QUEUE));
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const save = useAdminMutation(['queues', 'agents'], (apiFetch, body: unknown) =>
    queue ? apiFetch(withId(apiRoutes.updateQueue.path, queue.id), { method: 'PATCH', body, schema: QueueSchema }) : apiFetch(apiRoutes.createQueue.path, { method: 'POST', body, schema: QueueSchema }),
  );
  const text = (key: keyof QueueDraft) => ({ value: String(draft[key]), onChange: (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [key]: e.target.value })) });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = queue ? updateQueueBody(draft) : createQueueBody(draft);
    if (!checked.ok) return setIssues(checked.issues);
    save.mutate(checked.body, { onSuccess: onDone, onError: (e) => setIssues(issuesOfError(e)) });
  };
  return (
    <form className="inline-form" aria-label={queue ? `Queue ${queue.name}` : 'New queue'} onSubmit={submit} noValidate>
      <Field label="Queue name" error={issueFor(issues, 'name')}>
        <input {...text('name')} />
      </Field>
      <Field label="Routing strategy" error={issueFor(issues, 'strategy')}>
        <select {...text('strategy')}>
          {RoutingStrategySchema.options.map((s) => (
            <option key={s} value={s}>
              {STRATEGY_LABELS[s]}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Required skills" hint="Skill:minimum level, e.g. Support:3" error={issueFor(issues, 'skills', true)}>
        <input {...text('skills')} />
      </Field>
      <Field label="Offer rings for (seconds)" error={issueFor(issues, 'offerTimeoutSeconds')}>
        <input {...text('offerTimeoutSeconds')} inputMode="numeric" />
      </Field>
      <Field label="Wrap-up time (seconds)" error={issueFor(issues, 'wrapUpSeconds')}>
        <input {...text('wrapUpSeconds')} inputMode="numeric" />
      </Field>
      <Field label="Service level threshold (seconds)" hint="Answered within this counts towards the service level" error={issueFor(issues, 'serviceLevelSeconds')}>
        <input {...text('serviceLevelSeconds')} inputMode="numeric" />
      </Field>
      <Field label="Priority aging (points per second)" error={issueFor(issues, 'agingPerSecond')}>
        <input {...text('agingPerSecond')} inputMode="decimal" />
      </Field>
      <Field label="Maximum wait (seconds)" hint="Empty: no limit" error={issueFor(issues, 'maxWait', true)}>
        <input {...text('maxWaitSeconds')} inputMode="numeric" />
      </Field>
      <Field label="After the maximum wait">
        <select {...text('maxWaitOutcome')}>
          <option value="voicemail">Voicemail</option>
          <option value="callback">Callback</option>
        </select>
      </Field>
      <label className="check">
        <input type="checkbox" checked={draft.missedOfferSetsNotReady} onChange={(e) => setDraft((d) => ({ ...d, missedOfferSetsNotReady: e.target.checked }))} />
        A missed offer sets the agent Not ready
      </label>
      <label className="check">
        <input type="checkbox" checked={draft.announcementsOn} onChange={(e) => setDraft((d) => ({ ...d, announcementsOn: e.target.checked }))} />
        Announce position and estimated wait
      </label>
      {draft.announcementsOn && (
        <>
          <Field label="First announcement after (seconds)" error={issueFor(issues, 'announcements.firstAfterSeconds')}>
            <input {...text('announceFirstAfterSeconds')} inputMode="numeric" />
          </Field>
          <Field label="Then every (seconds)" error={issueFor(issues, 'announcements.everySeconds')}>
            <input {...text('announceEverySeconds')} inputMode="numeric" />
          </Field>
        </>
      )}
      <fieldset className="thresholds">
        <legend>Wallboard thresholds</legend>
        <p className="hint">The wallboard colours this queue’s figures and says “Warning” or “Alert” beside them. Leave a box empty for none.</p>
        <Field label="Service level warning below (%)" error={issueFor(issues, 'wallboardThresholds.serviceLevelWarnBelowPercent')}>
          <input {...text('serviceLevelWarnBelowPercent')} inputMode="numeric" />
        </Field>
        <Field label="Service level alert below (%)" error={issueFor(issues, 'wallboardThresholds.serviceLevelAlertBelowPercent')}>
          <input {...text('serviceLevelAlertBelowPercent')} inputMode="numeric" />
        </Field>
        <Field label="Longest wait warning over (seconds)" error={issueFor(issues, 'wallboardThresholds.longestWaitWarnSeconds')}>
          <input {...text('longestWaitWarnSeconds')} inputMode="numeric" />
        </Field>
        <Field label="Longest wait alert over (seconds)" error={issueFor(issues, 'wallboardThresholds.longestWaitAlertSeconds')}>
          <input {...text('longestWaitAlertSeconds')} inputMode="numeric" />
        </Field>
        {issueFor(issues, 'wallboardThresholds') && (
          <small className="field-error" role="alert">
            {issueFor(issues, 'wallboardThresholds')}
          </small>
        )}
      </fieldset>
      {queue && queue.overflow.length > 0 && <p className="hint">Overflow rules: {queue.overflow.length} (kept as they are; edited through the API).</p>}
      <FormErrors messages={otherIssues(issues, FIELDS).map((i) => i.message).concat(issues.filter((i) => i.path === 'overflow' || i.path.startsWith('overflow.')).map((i) => `${i.path}: ${i.message}`))} />
      <div className="row-actions">
        <button type="submit" disabled={save.isPending}>
          {queue ? 'Save queue' : 'Create queue'}
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function QueuesAdmin() {
  const queues = useQueues();
  const [editing, setEditing] = useState<Queue | 'new' | null>(null);
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const remove = useAdminMutation(['queues', 'agents'], (apiFetch, id: string) => apiFetch<void>(withId(apiRoutes.deleteQueue.path, id), { method: 'DELETE' }));
  return (
    <section aria-labelledby="queues-title">
      <h3 id="queues-title">Queues</h3>
      {editing === null && (
        <button type="button" onClick={() => setEditing('new')}>
          New queue
        </button>
      )}
      {editing !== null && <QueueForm key={editing === 'new' ? 'new' : editing.id} queue={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />}
      <FormErrors messages={issues.map((i) => i.message)} />
      <table aria-labelledby="queues-title">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Strategy</th>
            <th scope="col">Skills</th>
            <th scope="col">Ring / wrap-up / SL (s)</th>
            <th scope="col">Maximum wait</th>
            <th scope="col">Wallboard thresholds</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {queues.data?.queues.map((q) => (
            <tr key={q.id}>
              <td>{q.name}</td>
              <td>{STRATEGY_LABELS[q.strategy]}</td>
              <td>{q.skills.map((s) => `${s.skill} ≥ ${s.minLevel}`).join(', ') || '–'}</td>
              <td>
                {q.offerTimeoutSeconds} / {q.wrapUpSeconds} / {q.serviceLevelSeconds}
              </td>
              <td>{q.maxWait ? `${q.maxWait.seconds} s → ${q.maxWait.outcome}` : 'none'}</td>
              <td>{thresholdsSummary(q.wallboardThresholds)}</td>
              <td className="row-actions">
                <button type="button" onClick={() => setEditing(q)} aria-label={`Edit queue ${q.name}`}>
                  Edit
                </button>
                <button type="button" onClick={() => remove.mutate(q.id, { onSuccess: () => setIssues([]), onError: (e) => setIssues(issuesOfError(e)) })} aria-label={`Remove queue ${q.name}`}>
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
