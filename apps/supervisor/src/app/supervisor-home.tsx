/** The page after login: header, live channel, and who is online. Composes features. */
import { LiveChannelDetails, SessionHeader, useLiveChannel } from '@ccx/web-session';
import { WhoIsOnline } from '../features/presence/components/who-is-online';

export function SupervisorHome() {
  useLiveChannel();
  return (
    <>
      <SessionHeader />
      <main className="page">
        <WhoIsOnline />
        <section className="card" aria-labelledby="supervisor-live-title">
          <h2 id="supervisor-live-title">Connection</h2>
          <LiveChannelDetails />
        </section>
      </main>
    </>
  );
}
