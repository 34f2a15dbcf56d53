/**
 * "Who is online": fed live by the server's `presence:snapshot` events through the session's
 * live store; it never polls and never invents entries.
 */
import { ROLE_LABELS, useLive } from '@ccx/web-session';
import { sortOnline } from '../lib/sort-online';

export function WhoIsOnline() {
  const online = useLive((state) => state.online);
  const status = useLive((state) => state.status);

  let body;
  if (online === null) {
    body = (
      <p className="empty">
        {status === 'connected'
          ? 'Waiting for the first update from the server…'
          : 'Not connected to the live channel, so presence is unknown.'}
      </p>
    );
  } else if (online.length === 0) {
    body = <p className="empty">Nobody is online right now.</p>;
  } else {
    body = (
      <table className="presence">
        <thead>
          <tr>
            <th scope="col">User</th>
            <th scope="col">Role</th>
            <th scope="col">Open tabs</th>
            <th scope="col">Last seen</th>
          </tr>
        </thead>
        <tbody>
          {sortOnline(online).map((user) => (
            <tr key={user.userId}>
              <td>{user.username}</td>
              <td>{ROLE_LABELS[user.role]}</td>
              <td>{user.tabs}</td>
              <td>{new Date(user.lastSeenAt).toLocaleTimeString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  }

  return (
    <section className="card" aria-labelledby="who-is-online-title" aria-live="polite">
      <h2 id="who-is-online-title">Who is online</h2>
      {online !== null && status !== 'connected' && (
        <p className="stale">Live channel interrupted: this list may be out of date.</p>
      )}
      {body}
    </section>
  );
}
