/** The call log: search, timeline, recordings and CSV export (issue 6). */
export function CallLogPage() {
  return (
    <section className="card" aria-labelledby="call-log-title">
      <h2 id="call-log-title">Call log</h2>
      <p className="empty">The call log screen is not built yet; the REST API is: GET /api/calls and /api/calls/export.</p>
    </section>
  );
}
