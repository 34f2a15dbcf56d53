/** Top bar of a logged-in app: product name, who is logged in, live status, "Log out". */
import type { Role } from '@ccx/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useMe } from '../api/me';
import { useAuth, useWebSession } from '../react/session-context';
import { LiveStatus } from './live-status';
import './session.css';

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administrator',
  supervisor: 'Supervisor',
  agent: 'Agent',
};

export function SessionHeader() {
  const { auth, appName } = useWebSession();
  const tokenUser = useAuth((state) => state.session?.pair.user ?? null);
  const me = useMe();
  const queryClient = useQueryClient();
  const user = me.data ?? tokenUser;

  async function logOut() {
    await auth.getState().logout();
    queryClient.clear();
  }

  return (
    <header className="ccx-header">
      <span className="ccx-header__app">{appName}</span>
      <LiveStatus />
      {user && (
        <span className="ccx-header__user">
          <span className="ccx-visually-hidden">Logged in as</span>
          <span className="ccx-header__name" data-testid="session-display-name">
            {user.displayName}
          </span>
          <span className="ccx-header__role">{ROLE_LABELS[user.role]}</span>
        </span>
      )}
      <button type="button" className="ccx-button" onClick={() => void logOut()}>
        Log out
      </button>
    </header>
  );
}
