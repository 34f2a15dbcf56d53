/**
 * The call log (supervisors and admins): search with every filter, the matching calls a
 * page at a time, one call's details (timeline, recordings), and the CSV export of exactly
 * the filtered set. The search lives in the URL hash, so it can be bookmarked and reloaded.
 */
import { type CallExportQuery, type CallRecord, type FieldIssue } from '@ccx/contracts';
import { useWebSession } from '@ccx/web-session';
import { useEffect, useMemo, useState } from 'react';
import { fetchBlob, saveBlob } from '../../../lib/authorized-blob';
import { exportPath, useCallList, useDirectory, useDispositionCodes } from '../api/calls';
import { type CallFilterDraft, fromSearchParams, hashFor, paramsFromHash, toCallQuery } from '../domain/call-filter';
import { formatDuration, type TimelineNames } from '../domain/call-timeline';
import { CallDetails } from './call-details';
import { CallFilterForm } from './call-filter-form';
import './call-log.css';

function useHashQuery(): { draft: CallFilterDraft; query: CallExportQuery | null; issues: FieldIssue[] } {
  const [hash, setHash] = useState(() => window.location.hash);
  useEffect(() => {
    const onChange = () => setHash(window.location.hash);
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return useMemo(() => {
    const draft = fromSearchParams(paramsFromHash(hash));
    const checked = toCallQuery(draft);
    return checked.ok ? { draft, query: checked.query, issues: [] } : { draft, query: null, issues: checked.issues };
  }, [hash]);
}

const seconds = (value: number | null) => (value === null ? '–' : formatDuration(value));

export function CallLogPage() {
  const session = useWebSession();
  const fromHash = useHashQuery();
  const [formIssues, setFormIssues] = useState<FieldIssue[]>([]);
  const [formKey, setFormKey] = useState(0);
  const [open, setOpen] = useState<CallRecord | null>(null);
  const [exporting, setExporting] = useState<'idle' | 'running' | { error: string } | { done: string }>('idle');
  const list = useCallList(fromHash.query);
  const directory = useDirectory();
  const dispositions = useDispositionCodes();

  const names: TimelineNames = useMemo(() => {
    const agents = new Map(directory.data?.agents.map((a) => [a.agentId, a.displayName]));
    const queues = new Map(directory.data?.queues.map((q) => [q.queueId, q.name]));
    return { agent: (id) => agents.get(id) ?? `agent ${id.slice(0, 8)}`, queue: (id) => queues.get(id) ?? `queue ${id.slice(0, 8)}` };
  }, [directory.data]);

  const search = (draft: CallFilterDraft) => {
    const checked = toCallQuery(draft);
    if (!checked.ok) {
      setFormIssues(checked.issues);
      return;
    }
    setFormIssues([]);
    setOpen(null);
    const next = hashFor(checked.query);
    if (window.location.hash !== next) window.location.hash = next;
    else void list.refetch();
  };

  const exportCsv = async () => {
    if (!fromHash.query) return;
    setExporting('running');
    try {
      const { blob, filename } = await fetchBlob(session, exportPath(fromHash.query));
      const name = filename ?? 'calls.csv';
      saveBlob(blob, name);
      setExporting({ done: `Exported ${name}.` });
    } catch (error) {
      setExporting({ error: `The export failed: ${error instanceof Error ? error.message : String(error)}` });
    }
  };

  const calls = list.data?.pages.flatMap((p) => p.calls) ?? [];
  const issues = formIssues.length > 0 ? formIssues : fromHash.issues;
  // A refused search (e.g. a bad parameter in a bookmark) reaches the server's field issues too.
  const serverIssues = list.error && 'error' in list.error ? ((list.error as { error: { issues?: FieldIssue[] } }).error.issues ?? []) : [];

  return (
    <>
      <section className="card" aria-labelledby="call-log-title">
        <h2 id="call-log-title">Call log</h2>
        <CallFilterForm
          key={formKey}
          initial={fromHash.draft}
          issues={issues.length > 0 ? issues : serverIssues}
          directory={directory.data}
          dispositions={dispositions.data?.dispositions}
          onSearch={(draft) => {
            search(draft);
            if (Object.values(draft).every((v) => v === '')) setFormKey((k) => k + 1);
          }}
        />
        <div className="export">
          <button type="button" onClick={() => void exportCsv()} disabled={!fromHash.query || exporting === 'running'}>
            {exporting === 'running' ? 'Exporting…' : 'Export CSV'}
          </button>
          <span className="hint">Every call matching the filters above, all pages, newest first.</span>
          <span role="status" aria-live="polite">
            {typeof exporting === 'object' && 'done' in exporting ? exporting.done : ''}
          </span>
          {typeof exporting === 'object' && 'error' in exporting && (
            <span className="field-error" role="alert">
              {exporting.error}
            </span>
          )}
        </div>
      </section>

      <section className="card" aria-labelledby="call-results-title" aria-busy={list.isFetching}>
        <h2 id="call-results-title">Calls</h2>
        {list.isError && (
          <p className="field-error" role="alert">
            The calls could not be loaded: {list.error.message}
          </p>
        )}
        {list.isSuccess && calls.length === 0 && <p className="empty">No call matches these filters.</p>}
        {calls.length > 0 && (
          <table className="calls">
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">Caller</th>
                <th scope="col">Direction</th>
                <th scope="col">Channel</th>
                <th scope="col">Queue</th>
                <th scope="col">Agents</th>
                <th scope="col">Wait</th>
                <th scope="col">Talk</th>
                <th scope="col">Disposition</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Details</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {calls.map((call) => {
                const started = new Date(call.startedAt).toLocaleString();
                return (
                  <tr key={call.id} aria-selected={open?.id === call.id}>
                    <td>{started}</td>
                    <td>{call.callerNumber || '(withheld)'}</td>
                    <td>{call.direction}</td>
                    <td>{call.channel}</td>
                    <td>{call.queueId ? names.queue(call.queueId) : '–'}</td>
                    <td>{[...new Set(call.agents.map((a) => a.agentId))].map(names.agent).join(', ') || '–'}</td>
                    <td>{seconds(call.waitSeconds)}</td>
                    <td>{seconds(call.talkSeconds)}</td>
                    <td>{call.disposition ?? '–'}</td>
                    <td>{call.status === 'ended' ? 'ended' : 'in progress'}</td>
                    <td>
                      <button type="button" onClick={() => setOpen(call)} aria-label={`Open call from ${call.callerNumber || '(withheld)'} at ${started}`}>
                        Open
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        {list.hasNextPage && (
          <button type="button" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
            {list.isFetchingNextPage ? 'Loading…' : 'Load more calls'}
          </button>
        )}
      </section>

      {open && <CallDetails call={open} names={names} onClose={() => setOpen(null)} />}
    </>
  );
}
