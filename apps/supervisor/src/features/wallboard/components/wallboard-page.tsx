/** The live wallboard: who is online for now; the queue and agent figures come with issue 6. */
import { LiveChannelDetails } from '@ccx/web-session';
import { WhoIsOnline } from '../../presence/components/who-is-online';

export function WallboardPage() {
  return (
    <>
      <WhoIsOnline />
      <section className="card" aria-labelledby="supervisor-live-title">
        <h2 id="supervisor-live-title">Connection</h2>
        <LiveChannelDetails />
      </section>
    </>
  );
}
