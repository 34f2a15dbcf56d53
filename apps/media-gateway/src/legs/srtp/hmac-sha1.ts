import { createHmac, type Hmac } from 'node:crypto';

/**
 * HMAC-SHA1 (RFC 2104) for SRTP authentication tags, through Node's crypto (OpenSSL): one
 * `Hmac` per tag, fed the packet's pieces where they lie, its first bytes copied into the
 * caller's buffer. A JavaScript HMAC with the key's pad states kept was measured at about
 * 1.4 µs and 1 KB less per packet (docs/benchmarks.md); not worth hand-written crypto.
 *
 *   const mac = new HmacSha1(authKey);
 *   mac.begin(); mac.update(packet, 0, n); mac.update(roc, 0, 4); mac.finishInto(out, n, 10);
 */
export class HmacSha1 {
  private hmac: Hmac | null = null;

  constructor(private readonly key: Uint8Array) {}

  /** Starts a new tag (drops whatever a previous one left unfinished). */
  begin(): void {
    this.hmac = createHmac('sha1', this.key);
  }

  /** Adds bytes [start, end) of `data`. */
  update(data: Uint8Array, start: number, end: number): void {
    this.hmac!.update(data.subarray(start, end));
  }

  /** Writes the first `length` bytes of the digest into `out` at `offset`. */
  finishInto(out: Uint8Array, offset: number, length: number): void {
    const digest = this.hmac!.digest();
    this.hmac = null;
    for (let i = 0; i < length; i++) out[offset + i] = digest[i]!;
  }
}
