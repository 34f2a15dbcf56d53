import { TokenPairSchema } from '@ccx/contracts';
import { describe, expect, it } from 'vitest';
import { createFakeServer, tokenPair } from '../test/fake-server';
import { ApiRequestError, NetworkError, request } from './http';

describe(request.name, () => {
  it('sends JSON with the bearer token and parses the answer with the schema', async () => {
    const server = createFakeServer();
    server.answer('/api/x', { status: 200, body: tokenPair(1) });
    const result = await request('/api/x', { body: { a: 1 }, token: 'tok', schema: TokenPairSchema, fetchImpl: server.fetchImpl });
    expect(result.accessToken).toBe('access-1');
    expect(server.calls[0]).toMatchObject({
      method: 'POST',
      body: { a: 1 },
      headers: { authorization: 'Bearer tok', 'content-type': 'application/json' },
    });
  });

  it('sends a Blob body as it is, with its own type', async () => {
    const seen: RequestInit[] = [];
    const fetchImpl: typeof fetch = async (_url, init) => (seen.push(init ?? {}), new Response('{}', { status: 201 }));
    const file = new Blob([new Uint8Array([82, 73, 70, 70])], { type: 'audio/wav' });
    await request('/api/upload', { method: 'POST', body: file, token: 'tok', fetchImpl });
    expect(seen[0]!.body).toBe(file);
    expect(seen[0]!.headers).toMatchObject({ 'content-type': 'audio/wav', authorization: 'Bearer tok' });
  });

  it('turns a non-2xx answer into ApiRequestError carrying the ApiError', async () => {
    const server = createFakeServer();
    server.answer('/api/x', { status: 401, body: { code: 'auth/login-failed', message: 'nope' } });
    const error = await request('/api/x', { fetchImpl: server.fetchImpl }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error).toMatchObject({ status: 401, code: 'auth/login-failed', error: { message: 'nope' } });
  });

  it('takes the wait from the Retry-After header when the body lacks it', async () => {
    const server = createFakeServer();
    server.answer('/api/x', { status: 429, body: { code: 'auth/throttled', message: 'x' }, headers: { 'retry-after': '30' } });
    const error = (await request('/api/x', { fetchImpl: server.fetchImpl }).catch((e: unknown) => e)) as ApiRequestError;
    expect(error.error.retryAfterSeconds).toBe(30);
  });

  it('still produces an ApiError when the body is not one (a proxy page)', async () => {
    const server = createFakeServer();
    server.answer('/api/x', { status: 502, body: '<html>bad gateway</html>' });
    const error = (await request('/api/x', { fetchImpl: server.fetchImpl }).catch((e: unknown) => e)) as ApiRequestError;
    expect(error.status).toBe(502);
    expect(error.error.message).toMatch(/502/);
  });

  it('reports an unreachable server as NetworkError', async () => {
    const server = createFakeServer();
    server.answer('/api/x', 'network-error');
    await expect(request('/api/x', { fetchImpl: server.fetchImpl })).rejects.toBeInstanceOf(NetworkError);
  });

  it('returns undefined for 204', async () => {
    const server = createFakeServer();
    server.answer('/api/x', { status: 204 });
    await expect(request('/api/x', { method: 'POST', fetchImpl: server.fetchImpl })).resolves.toBeUndefined();
  });
});
