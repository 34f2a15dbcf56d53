/**
 * Owns the HTTP edge of the browser: one `request` that speaks JSON to the server and turns
 * every failure into one of two typed errors. It knows nothing about tokens' lifetime; the
 * authenticated `apiFetch` (api-fetch.ts) builds on it.
 */
import { type ApiError, ApiErrorSchema } from '@ccx/contracts';

/** The server answered with a non-2xx status; `error` is its ApiError body. */
export class ApiRequestError extends Error {
  override readonly name = 'ApiRequestError';
  constructor(
    readonly status: number,
    readonly error: ApiError,
  ) {
    super(error.message);
  }

  get code(): string {
    return this.error.code;
  }
}

/** The server could not be reached at all (offline, server down, proxy refused). */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
  constructor(readonly cause: unknown) {
    super('The server could not be reached.');
  }
}

/** Anything with a zod-like `parse`: responses are validated, not just typed. */
export interface ResponseSchema<T> {
  parse(input: unknown): T;
}

export interface RequestOptions<T> {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Sent as JSON; a Blob (an uploaded file) is sent as it is, with its own type. */
  body?: unknown;
  /** Bearer access token. */
  token?: string | null;
  /** Validates the success body; without it the body is returned as `unknown` cast to T. */
  schema?: ResponseSchema<T>;
  signal?: AbortSignal;
  /** Injected in tests; defaults to the global fetch at call time. */
  fetchImpl?: typeof fetch;
}

/** Client-side stand-in for a failure that carried no ApiError body (a proxy's HTML page). */
function fallbackError(response: Response): ApiError {
  return {
    code: 'http/unexpected-response',
    message: `The server answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}.`,
  };
}

async function readApiError(response: Response): Promise<ApiError> {
  let error: ApiError;
  try {
    const parsed = ApiErrorSchema.safeParse(await response.json());
    error = parsed.success ? parsed.data : fallbackError(response);
  } catch {
    error = fallbackError(response);
  }
  if (response.status === 429 && error.retryAfterSeconds === undefined) {
    const header = Number(response.headers.get('retry-after'));
    if (Number.isInteger(header) && header >= 0) error = { ...error, retryAfterSeconds: header };
  }
  return error;
}

export async function request<T>(path: string, options: RequestOptions<T> = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const file = options.body instanceof Blob ? options.body : null;
  if (options.body !== undefined) headers['content-type'] = file ? file.type || 'application/octet-stream' : 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;

  const fetchImpl = options.fetchImpl ?? globalThis.fetch.bind(globalThis);
  let response: Response;
  try {
    response = await fetchImpl(path, {
      method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
      headers,
      body: options.body === undefined ? undefined : (file ?? JSON.stringify(options.body)),
      signal: options.signal,
      credentials: 'same-origin',
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new NetworkError(cause);
  }

  if (!response.ok) throw new ApiRequestError(response.status, await readApiError(response));
  if (response.status === 204) return undefined as T;
  const body: unknown = await response.json();
  return options.schema ? options.schema.parse(body) : (body as T);
}
