/** The live channel's state in words (colour is never the only signal). */
import type { LiveStatus as Status } from '../realtime/live.store';
import { useLive } from '../react/session-context';

const LABELS: Record<Status, string> = {
  connected: 'Live: connected',
  connecting: 'Live: connecting…',
  disconnected: 'Live: disconnected',
};

export function LiveStatus() {
  const status = useLive((state) => state.status);
  const problem = useLive((state) => state.problem);
  return (
    <span className={`ccx-live ccx-live--${status}`} role="status" data-status={status} title={problem ?? undefined}>
      <span className="ccx-live__dot" aria-hidden="true" />
      {LABELS[status]}
    </span>
  );
}
