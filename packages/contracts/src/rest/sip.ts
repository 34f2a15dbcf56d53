import { z } from 'zod';

/**
 * Short-lived SIP credentials the server issues to a logged-in user, for their softphone
 * (SIP.js) to register at the gateway. Renew before `expiresAt`.
 */
export const SipCredentialsSchema = z.object({
  /** The address of record, e.g. `sip:2001@ccx.invalid` (agents register their extension). */
  sipUri: z.string(),
  authorizationUsername: z.string(),
  password: z.string(),
  realm: z.string(),
  /** Same origin as the API: `ws(s)://<host><webSocketPath>`, subprotocol `sip`. */
  webSocketPath: z.string(),
  expiresAt: z.string(),
});
export type SipCredentials = z.infer<typeof SipCredentialsSchema>;

export const RegistrationSchema = z.object({
  sipUser: z.string(),
  contact: z.string(),
  transport: z.string(),
  remoteAddress: z.string(),
  registeredAt: z.string(),
});
export type Registration = z.infer<typeof RegistrationSchema>;

export const RegistrationListSchema = z.object({ registrations: z.array(RegistrationSchema) });
export type RegistrationList = z.infer<typeof RegistrationListSchema>;
