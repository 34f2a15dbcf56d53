/** The supervisor app: login until a supervisor or admin is logged in, then the overview. */
import { AppProviders, AuthGate } from '@ccx/web-session';
import { SupervisorHome } from './supervisor-home';
import { session } from './session';

export function App() {
  return (
    <AppProviders session={session}>
      <AuthGate>
        <SupervisorHome />
      </AuthGate>
    </AppProviders>
  );
}
