/**
 * The audit log (supervisors and admins): who did what to whom and when, in plain words,
 * newest first, filtered by action, person and time, a page at a time.
 */
import { type FieldIssue } from '@ccx/contracts';
import { useState } from 'react';
import { issuesOfError } from '../../../lib/field-issues';
import { useAuditActors, useAuditLog } from '../api/audit';
import { type AuditFilter, toAuditFilter } from '../domain/audit-filter';
import { AuditFilterForm } from './audit-filter-form';
import { actionWords, actorWords, detailWords, targetWords } from '../domain/audit-words';
import './audit.css';

export function AuditPage() {
  const [filter, setFilter] = useState<AuditFilter>({});
  const [formIssues, setFormIssues] = useState<FieldIssue[]>([]);
  const log = useAuditLog(filter);
  const actors = useAuditActors();

  const entries = log.data?.pages.flatMap((p) => p.entries) ?? [];
  // A filter the server refuses (it checks the same schema) lands beside the same field.
  const issues = formIssues.length > 0 ? formIssues : log.isError ? issuesOfError(log.error) : [];

  return (
    <>
      <section className="card" aria-labelledby="audit-title">
        <h2 id="audit-title">Audit log</h2>
        <p className="hint">Every administrator’s change, every supervisor’s control of agents and every login, newest first.</p>
        <AuditFilterForm
          issues={issues}
          actors={actors.data?.actors}
          onSearch={(draft) => {
            const checked = toAuditFilter(draft);
            if (!checked.ok) {
              setFormIssues(checked.issues);
              return;
            }
            setFormIssues([]);
            if (JSON.stringify(checked.filter) === JSON.stringify(filter)) void log.refetch();
            else setFilter(checked.filter);
          }}
        />
      </section>

      <section className="card" aria-labelledby="audit-results-title" aria-busy={log.isFetching}>
        <h2 id="audit-results-title">Entries</h2>
        {log.isError && (
          <p className="field-error" role="alert">
            The audit log could not be loaded: {log.error.message}
          </p>
        )}
        {log.isSuccess && entries.length === 0 && <p className="empty">No entry matches these filters.</p>}
        {entries.length > 0 && (
          <table className="audit">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Whom</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td>
                    <time dateTime={entry.at}>{new Date(entry.at).toLocaleString()}</time>
                  </td>
                  <td>{actorWords(entry.actor)}</td>
                  <td title={entry.action}>{actionWords(entry.action)}</td>
                  <td>{targetWords(entry.target)}</td>
                  <td className="details">{detailWords(entry) || '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {log.hasNextPage && (
          <button type="button" onClick={() => void log.fetchNextPage()} disabled={log.isFetchingNextPage}>
            {log.isFetchingNextPage ? 'Loading…' : 'Load more'}
          </button>
        )}
      </section>
    </>
  );
}
