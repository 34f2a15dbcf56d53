/**
 * Checks the credential a widget visitor presents back (the call token's authorisation
 * username and password) without storing anything: the password is the gateway's HMAC of the
 * username (`<expiry>.<sip user>`), so the server re-mints it with the same secret and
 * compares. Plain TypeScript; the minting function is passed in (the gateway's own).
 */
import { timingSafeEqual } from 'node:crypto';

export type MintPassword = (sipUser: string, expiresAtSeconds: number) => string;

export type CredentialVerdict =
  | { valid: true; sipUser: string; expired: boolean }
  | { valid: false };

const USERNAME = /^(\d{9,12})\.(.+)$/;

export function checkVisitorCredential(authorizationUsername: string, password: string, mint: MintPassword, nowMs: number): CredentialVerdict {
  const match = USERNAME.exec(authorizationUsername);
  if (!match) return { valid: false };
  const expiry = Number(match[1]);
  const sipUser = match[2]!;
  const expected = Buffer.from(mint(sipUser, expiry));
  const given = Buffer.from(password);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { valid: false };
  return { valid: true, sipUser, expired: expiry * 1000 <= nowMs };
}
