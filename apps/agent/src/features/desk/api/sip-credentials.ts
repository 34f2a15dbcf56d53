/** `POST /api/sip/credentials`: short-lived credentials for the agent's softphone. */
import { apiRoutes, type SipCredentials, SipCredentialsSchema } from '@ccx/contracts';
import type { ApiFetch } from '@ccx/web-session';

export function issueSipCredentials(apiFetch: ApiFetch): Promise<SipCredentials> {
  return apiFetch(apiRoutes.issueSipCredentials.path, { method: 'POST', schema: SipCredentialsSchema });
}
