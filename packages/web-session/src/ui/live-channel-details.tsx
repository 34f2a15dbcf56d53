/** What the live channel knows, stated plainly: status, the server's clock, the reason for trouble. */
import { useLive } from '../react/session-context';
import { TAB_ID } from '../realtime/tab-id';
import { LiveStatus } from './live-status';
import './session.css';

function formatTime(epochMs: number | null): string {
  return epochMs === null ? 'not yet' : new Date(epochMs).toLocaleTimeString();
}

export function LiveChannelDetails() {
  const serverTime = useLive((state) => state.serverTime);
  const problem = useLive((state) => state.problem);
  const rooms = useLive((state) => state.rooms);
  return (
    <dl className="ccx-details">
      <dt>Live channel</dt>
      <dd>
        <LiveStatus />
      </dd>
      <dt>Server clock at last heartbeat</dt>
      <dd>{formatTime(serverTime)}</dd>
      {problem && (
        <>
          <dt>Problem</dt>
          <dd>{problem}</dd>
        </>
      )}
      <dt>Channels joined</dt>
      <dd>{rooms.length ? rooms.join(', ') : 'none yet'}</dd>
      <dt>This tab</dt>
      <dd>
        <code>{TAB_ID}</code>
      </dd>
    </dl>
  );
}
