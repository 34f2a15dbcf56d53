/** The agent app: login until an agent is logged in, then the workspace. */
import { AuthGate } from '@ccx/web-session';
import { AgentHome } from '../features/workspace/components/agent-home';
import { AppProviders } from './providers';

export function App() {
  return (
    <AppProviders>
      <AuthGate>
        <AgentHome />
      </AuthGate>
    </AppProviders>
  );
}
