/** The administrator's screens (issue 6). */
export function AdminPage() {
  return (
    <section className="card" aria-labelledby="admin-title">
      <h2 id="admin-title">Administration</h2>
      <p className="empty">The administration screens are not built yet; the REST API is.</p>
    </section>
  );
}
