/** The call log's search form: every filter of `GET /api/calls`, each problem beside its field. */
import { CallChannelSchema, CallDirectionSchema, type AgentDirectory, type CodedEntry, type FieldIssue } from '@ccx/contracts';
import { type FormEvent, useState } from 'react';
import { Field } from '../../../components/field';
import { issueFor } from '../../../lib/field-issues';
import { type CallFilterDraft, EMPTY_FILTER } from '../domain/call-filter';

interface Props {
  initial: CallFilterDraft;
  issues: readonly FieldIssue[];
  directory: AgentDirectory | undefined;
  dispositions: readonly CodedEntry[] | undefined;
  onSearch: (draft: CallFilterDraft) => void;
}

export function CallFilterForm({ initial, issues, directory, dispositions, onSearch }: Props) {
  const [draft, setDraft] = useState(initial);
  const set = (key: keyof CallFilterDraft) => (event: { target: { value: string } }) => setDraft((d) => ({ ...d, [key]: event.target.value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(draft);
  };
  return (
    <form className="filters" aria-label="Search calls" onSubmit={submit} noValidate>
      <Field label="From" error={issueFor(issues, 'from')}>
        <input type="datetime-local" value={draft.from} onChange={set('from')} />
      </Field>
      <Field label="To" error={issueFor(issues, 'to')}>
        <input type="datetime-local" value={draft.to} onChange={set('to')} />
      </Field>
      <Field label="Queue" error={issueFor(issues, 'queueId')}>
        <select value={draft.queueId} onChange={set('queueId')}>
          <option value="">Any queue</option>
          {directory?.queues.map((q) => (
            <option key={q.queueId} value={q.queueId}>
              {q.name}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Agent" error={issueFor(issues, 'agentId')}>
        <select value={draft.agentId} onChange={set('agentId')}>
          <option value="">Any agent</option>
          {directory?.agents.map((a) => (
            <option key={a.agentId} value={a.agentId}>
              {a.displayName} ({a.extension})
            </option>
          ))}
        </select>
      </Field>
      <Field label="Direction" error={issueFor(issues, 'direction')}>
        <select value={draft.direction} onChange={set('direction')}>
          <option value="">Any direction</option>
          {CallDirectionSchema.options.map((d) => (
            <option key={d} value={d}>
              {d}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Channel" error={issueFor(issues, 'channel')}>
        <select value={draft.channel} onChange={set('channel')}>
          <option value="">Any channel</option>
          {CallChannelSchema.options.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Disposition" error={issueFor(issues, 'disposition')}>
        <select value={draft.disposition} onChange={set('disposition')}>
          <option value="">Any disposition</option>
          {dispositions?.map((d) => (
            <option key={d.id} value={d.code}>
              {d.label} ({d.code})
            </option>
          ))}
        </select>
      </Field>
      <Field label="Caller number" hint="Any part of the number, e.g. 5550" error={issueFor(issues, 'callerNumber')}>
        <input type="search" value={draft.callerNumber} onChange={set('callerNumber')} autoComplete="off" />
      </Field>
      <Field label="Minimum wait (seconds)" hint="Calls that waited in a queue at least this long" error={issueFor(issues, 'minWaitSeconds')}>
        <input type="text" inputMode="decimal" value={draft.minWaitSeconds} onChange={set('minWaitSeconds')} />
      </Field>
      <div className="actions">
        <button type="submit">Search</button>
        <button
          type="button"
          onClick={() => {
            setDraft(EMPTY_FILTER);
            onSearch(EMPTY_FILTER);
          }}
        >
          Clear filters
        </button>
      </div>
    </form>
  );
}
