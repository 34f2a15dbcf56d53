import { describe, expect, it } from 'vitest';
import { ApiRequestError, NetworkError } from '../api/http';
import { describeLoginError, NETWORK_MESSAGE, RoleNotAllowedError } from './login-errors';

describe(describeLoginError.name, () => {
  it('says wrong username or password on 401, without saying which', () => {
    const error = new ApiRequestError(401, { code: 'auth/login-failed', message: 'Login failed' });
    expect(describeLoginError(error)).toBe('Wrong username or password.');
  });

  it('gives the wait from retryAfterSeconds on 429', () => {
    const error = new ApiRequestError(429, { code: 'auth/throttled', message: 'Slow down', retryAfterSeconds: 42 });
    expect(describeLoginError(error)).toBe('Too many failed attempts. Try again in 42 seconds.');
  });

  it('uses the singular for one second', () => {
    const error = new ApiRequestError(429, { code: 'auth/throttled', message: 'x', retryAfterSeconds: 1 });
    expect(describeLoginError(error)).toBe('Too many failed attempts. Try again in 1 second.');
  });

  it('tells the user what to do when the server cannot be reached', () => {
    const message = describeLoginError(new NetworkError(new TypeError('Failed to fetch')));
    expect(message).toBe(NETWORK_MESSAGE);
    expect(message).toMatch(/network connection/);
  });

  it('lists field issues on 400', () => {
    const error = new ApiRequestError(400, {
      code: 'request/invalid',
      message: 'Invalid',
      issues: [{ path: 'username', message: 'required' }],
    });
    expect(describeLoginError(error)).toBe('Please check the form (username: required).');
  });

  it('names the status of a server failure', () => {
    const error = new ApiRequestError(503, { code: 'http/unexpected-response', message: 'x' });
    expect(describeLoginError(error)).toMatch(/HTTP 503/);
  });

  it('passes through the role refusal', () => {
    expect(describeLoginError(new RoleNotAllowedError('agent', 'Agents cannot use this app.'))).toBe(
      'Agents cannot use this app.',
    );
  });
});
