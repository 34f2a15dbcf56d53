/** The agent app's session: only agents may use it. */
import { createWebSession, ROLE_LABELS } from '@ccx/web-session';

export const session = createWebSession({
  appName: 'Agent workspace',
  storageKey: 'ccx.agent.session',
  allowedRoles: ['agent'],
  wrongRoleMessage: (role) =>
    `The agent workspace is only for agents. This account is a${role === 'admin' ? 'n' : ''} ${ROLE_LABELS[role].toLowerCase()} account, so you have been logged out. Use the supervisor app instead.`,
});
