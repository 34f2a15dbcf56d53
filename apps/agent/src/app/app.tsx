/** The agent app: login until an agent is logged in, then the workspace. */
import { AppProviders, AuthGate } from '@ccx/web-session';
import { AgentHome } from '../features/workspace/components/agent-home';
import { session } from './session';

export function App() {
  return (
    <AppProviders session={session}>
      <AuthGate>
        <AgentHome />
      </AuthGate>
    </AppProviders>
  );
}
