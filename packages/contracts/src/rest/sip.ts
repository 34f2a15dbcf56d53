import { z } from 'zod';
import { DialNumberSchema } from '../realtime/agent-call.js';

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

/**
 * `POST /api/widget/call-token`: an anonymous web visitor (the click-to-call widget) asks to
 * call one entry point, by the name of its IVR flow (`main-ivr`) or by its entry number.
 */
export const WidgetCallTokenRequestSchema = z.strictObject({
  entryPoint: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'an entry point is 1–64 letters, digits, "-" or "_"'),
  /**
   * Who the visitor is, as the host page declares it (`data-customer-phone`,
   * `data-customer-email`): the site usually knows its logged-in user. Not verified by
   * anyone; the contact center looks the customer up by it and says so on the screen pop.
   */
  visitor: z
    .strictObject({
      phone: DialNumberSchema.optional(),
      email: z.string().trim().max(254, 'an e-mail address is at most 254 characters').regex(z.regexes.email, 'an e-mail address').optional(),
    })
    .optional(),
});
export type WidgetCallTokenRequest = z.infer<typeof WidgetCallTokenRequestSchema>;

/**
 * A short-lived SIP credential for one visitor, good for calling `dial` (the entry point's
 * number) and nothing else: it cannot register, and the gateway refuses any other number.
 */
export const WidgetCallTokenSchema = SipCredentialsSchema.extend({
  /** The number to call (the INVITE's request user). */
  dial: z.string(),
});
export type WidgetCallToken = z.infer<typeof WidgetCallTokenSchema>;
