/** The supervisor app's session: supervisors and administrators may use it. */
import { createWebSession } from '@ccx/web-session';

export const session = createWebSession({
  appName: 'Supervisor',
  storageKey: 'ccx.supervisor.session',
  allowedRoles: ['supervisor', 'admin'],
  wrongRoleMessage: () =>
    'The supervisor app is only for supervisors and administrators. This account is an agent account, so you have been logged out. Use the agent workspace instead.',
});
