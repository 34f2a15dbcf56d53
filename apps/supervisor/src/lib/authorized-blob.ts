/**
 * Downloads that are not JSON (the call log's CSV, a recording's WAV) with the session's
 * bearer token: an `<audio src>` or a plain link cannot send it. Refreshes the token once on
 * a 401, like the JSON client, and turns a refusal into the same `ApiRequestError`.
 */
import { ApiErrorSchema } from '@ccx/contracts';
import { ApiRequestError, NetworkError, type WebSession } from '@ccx/web-session';

export interface FetchedBlob {
  blob: Blob;
  /** From `Content-Disposition`, when the server named the file. */
  filename: string | null;
}

export function filenameFromDisposition(header: string | null): string | null {
  return header ? (/filename="([^"]+)"/.exec(header)?.[1] ?? null) : null;
}

export async function fetchBlob(session: Pick<WebSession, 'auth'>, path: string, signal?: AbortSignal): Promise<FetchedBlob> {
  const attempt = async (token: string | null): Promise<Response> => {
    try {
      return await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {}, signal, credentials: 'same-origin' });
    } catch (cause) {
      if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
      throw new NetworkError(cause);
    }
  };
  let response = await attempt(await session.auth.getState().getAccessToken());
  if (response.status === 401) {
    const fresh = await session.auth.getState().refresh();
    if (fresh) response = await attempt(fresh);
  }
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => null);
    const parsed = ApiErrorSchema.safeParse(body);
    throw new ApiRequestError(response.status, parsed.success ? parsed.data : { code: 'http/unexpected-response', message: `The server answered HTTP ${response.status}.` });
  }
  return { blob: await response.blob(), filename: filenameFromDisposition(response.headers.get('content-disposition')) };
}

/** Hands a blob to the browser as a download with this file name. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken the blob by now; keep the URL a little for slow browsers.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
