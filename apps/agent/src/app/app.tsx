/** The agent app: login until an agent is logged in, then the desk. */
import { AppProviders, AuthGate } from '@ccx/web-session';
import { DeskPage } from '../features/desk/components/desk-page';
import { session } from './session';

export function App() {
  return (
    <AppProviders session={session}>
      <AuthGate>
        <DeskPage />
      </AuthGate>
    </AppProviders>
  );
}
