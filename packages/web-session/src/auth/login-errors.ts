/**
 * What the login screen says for each failure. Kept apart from the component so the wording
 * users depend on (and end-to-end tests look for) is unit tested.
 */
import { ErrorCode, type Role } from '@ccx/contracts';
import { ApiRequestError, NetworkError } from '../api/http';

/** Thrown by `login` when the credentials are right but the account's role may not use this app. */
export class RoleNotAllowedError extends Error {
  override readonly name = 'RoleNotAllowedError';
  constructor(
    readonly role: Role,
    message: string,
  ) {
    super(message);
  }
}

export const WRONG_CREDENTIALS_MESSAGE = 'Wrong username or password.';
export const NETWORK_MESSAGE =
  'Cannot reach the contact center server. Check your network connection and try again; if it keeps failing, ask your administrator whether the server is running.';

export function throttledMessage(retryAfterSeconds: number | undefined): string {
  if (retryAfterSeconds === undefined) return 'Too many failed attempts. Try again in a minute.';
  const unit = retryAfterSeconds === 1 ? 'second' : 'seconds';
  return `Too many failed attempts. Try again in ${retryAfterSeconds} ${unit}.`;
}

export function describeLoginError(error: unknown): string {
  if (error instanceof RoleNotAllowedError) return error.message;
  if (error instanceof NetworkError) return NETWORK_MESSAGE;
  if (error instanceof ApiRequestError) {
    if (error.status === 401 || error.code === ErrorCode.LoginFailed) return WRONG_CREDENTIALS_MESSAGE;
    if (error.status === 429 || error.code === ErrorCode.LoginThrottled) {
      return throttledMessage(error.error.retryAfterSeconds);
    }
    if (error.status === 400) {
      const fields = error.error.issues?.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
      return fields ? `Please check the form (${fields}).` : 'Please enter your username and password.';
    }
    if (error.status >= 500) {
      return `The server had a problem (HTTP ${error.status}). Try again in a moment; if it keeps happening, tell your administrator.`;
    }
    return error.message;
  }
  return 'Something went wrong while logging in. Reload the page and try again.';
}
