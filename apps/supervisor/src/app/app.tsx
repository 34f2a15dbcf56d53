/** The supervisor app: login until a supervisor or admin is logged in, then the overview. */
import { AuthGate } from '@ccx/web-session';
import { SupervisorHome } from './supervisor-home';
import { AppProviders } from './providers';

export function App() {
  return (
    <AppProviders>
      <AuthGate>
        <SupervisorHome />
      </AuthGate>
    </AppProviders>
  );
}
