/**
 * The agent's page after login. It shows only what is real today: who is logged in and
 * whether the live channel is up. Agent states and the softphone arrive in later issues.
 */
import { LiveChannelDetails, ROLE_LABELS, SessionHeader, useAuth, useLiveChannel, useMe } from '@ccx/web-session';

export function AgentHome() {
  useLiveChannel();
  const tokenUser = useAuth((state) => state.session?.pair.user ?? null);
  const me = useMe();
  const user = me.data ?? tokenUser;

  return (
    <>
      <SessionHeader />
      <main className="page">
        <h1>Welcome, {user?.displayName}</h1>
        <section className="card" aria-labelledby="agent-account-title">
          <h2 id="agent-account-title">Your account</h2>
          <dl className="ccx-details">
            <dt>Name</dt>
            <dd>{user?.displayName}</dd>
            <dt>Username</dt>
            <dd>{user?.username}</dd>
            <dt>Role</dt>
            <dd>{user ? ROLE_LABELS[user.role] : ''}</dd>
          </dl>
          {me.isError && <p role="alert">Could not confirm your account with the server: {me.error.message}</p>}
        </section>
        <section className="card" aria-labelledby="agent-live-title">
          <h2 id="agent-live-title">Connection</h2>
          <LiveChannelDetails />
        </section>
        <p className="page__note">
          Setting your status and taking calls are not available in this version yet.
        </p>
      </main>
    </>
  );
}
