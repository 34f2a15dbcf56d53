import { type IncomingMessage } from 'node:http';

/** Bodies far past the limit are not read to their end: the connection is closed instead. */
const DRAIN_FACTOR = 4;

/**
 * A raw request body of at most `maxBytes`, or `too-big`. An oversized body is still read
 * (and dropped) to its end, up to four times the limit, so the client gets the answer
 * rather than a reset connection; beyond that `closeAfterAnswer` is set and reading stops.
 */
export function readLimitedBody(request: IncomingMessage, maxBytes: number): Promise<{ bytes: Uint8Array } | { tooBig: true; closeAfterAnswer: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes * DRAIN_FACTOR) {
      request.pause();
      resolve({ tooBig: true, closeAfterAnswer: true });
      return;
    }
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
      else chunks.length = 0;
      if (size > maxBytes * DRAIN_FACTOR) {
        request.pause();
        request.removeAllListeners('data');
        resolve({ tooBig: true, closeAfterAnswer: true });
      }
    });
    request.once('end', () => resolve(size > maxBytes ? { tooBig: true, closeAfterAnswer: false } : { bytes: Buffer.concat(chunks) }));
    request.once('error', reject);
  });
}
