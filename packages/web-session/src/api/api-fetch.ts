/**
 * The authenticated fetch every feature uses: adds the bearer token (refreshing it first when
 * it is about to expire), and on a 401 refreshes once and retries once.
 */
import { ErrorCode } from '@ccx/contracts';
import type { AuthStore } from '../auth/auth.store';
import { ApiRequestError, request, type RequestOptions } from './http';

export type ApiFetchOptions<T> = Omit<RequestOptions<T>, 'token'>;
export type ApiFetch = <T>(path: string, options?: ApiFetchOptions<T>) => Promise<T>;

function notLoggedIn(): ApiRequestError {
  return new ApiRequestError(401, { code: ErrorCode.Unauthenticated, message: 'You are not logged in.' });
}

export function createApiFetch(auth: AuthStore, fetchImpl?: typeof fetch): ApiFetch {
  return async function apiFetch<T>(path: string, options: ApiFetchOptions<T> = {}): Promise<T> {
    const token = await auth.getState().getAccessToken();
    if (!token) throw notLoggedIn();
    try {
      return await request<T>(path, { fetchImpl, ...options, token });
    } catch (error) {
      if (!(error instanceof ApiRequestError) || error.status !== 401) throw error;
      const fresh = await auth.getState().refresh();
      if (!fresh) throw error;
      return request<T>(path, { fetchImpl, ...options, token: fresh });
    }
  };
}
