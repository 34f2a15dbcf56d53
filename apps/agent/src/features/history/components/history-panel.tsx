/** The agent's own calls, newest first: when, which way, who, how long, how it ended. */
import { useMyCalls } from '../api/my-calls';

const DIRECTION_LABELS = { inbound: 'In', outbound: 'Out', internal: 'Internal' } as const;

export function HistoryPanel() {
  const calls = useMyCalls();
  const rows = calls.data?.pages.flatMap((page) => page.calls) ?? [];
  return (
    <section className="card" aria-labelledby="desk-history-title">
      <h2 id="desk-history-title">My calls</h2>
      <div className="desk-row">
        <button type="button" onClick={() => void calls.refetch()} disabled={calls.isFetching}>
          Refresh
        </button>
      </div>
      {calls.isError && <p role="alert">Could not load your calls: {calls.error.message}. Press Refresh to try again.</p>}
      {calls.isSuccess && rows.length === 0 && <p>No calls yet.</p>}
      {rows.length > 0 && (
        <table className="desk-table">
          <caption className="visually-hidden">Your calls, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Direction</th>
              <th scope="col">Number</th>
              <th scope="col">Customer</th>
              <th scope="col">Talk</th>
              <th scope="col">Disposition</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((call) => (
              <tr key={call.callId}>
                <td>{new Date(call.startedAt).toLocaleString()}</td>
                <td>{DIRECTION_LABELS[call.direction]}</td>
                <td>{call.number}</td>
                <td>{call.customer?.displayName ?? ''}</td>
                <td>{call.talkSeconds === null ? (call.status === 'in-progress' ? 'in progress' : '') : `${Math.round(call.talkSeconds)} s`}</td>
                <td>{call.disposition ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {calls.hasNextPage && (
        <button type="button" onClick={() => void calls.fetchNextPage()} disabled={calls.isFetchingNextPage}>
          Older calls
        </button>
      )}
    </section>
  );
}
