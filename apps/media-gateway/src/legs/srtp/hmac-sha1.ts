import { hmac } from '@noble/hashes/hmac';
import { sha1 } from '@noble/hashes/legacy';

/**
 * HMAC-SHA1 (RFC 2104) for SRTP authentication tags, on @noble/hashes: the key's inner and
 * outer pad states are absorbed once, and each tag starts from a copy of them into the same
 * working instance (`_cloneInto`, noble's API for reuse), so a tag allocates nothing native.
 *
 * Why not Node's `createHmac`: it made a native object with a weak handle and a digest
 * buffer per packet. The media worker's young-generation collections must visit each of
 * those: at 75 calls they spent 3 to 5 ms of every 5 to 12 ms pause there (--trace-gc-nvp:
 * external weak handles and array-buffer sweeping), several pauses a second, and a pause
 * holds every packet the worker sends (docs/benchmarks.md).
 *
 *   const mac = new HmacSha1(authKey);
 *   mac.begin(); mac.update(packet, 0, n); mac.update(roc, 0, 4); mac.finishInto(out, n, 10);
 */
export class HmacSha1 {
  private readonly keyed: ReturnType<typeof hmac.create>;
  private readonly work: ReturnType<typeof hmac.create>;
  private readonly digest = new Uint8Array(20);

  constructor(key: Uint8Array) {
    this.keyed = hmac.create(sha1, key);
    this.work = this.keyed.clone();
  }

  /** Starts a new tag (drops whatever a previous one left unfinished). */
  begin(): void {
    this.keyed._cloneInto(this.work);
  }

  /** Adds bytes [start, end) of `data`. */
  update(data: Uint8Array, start: number, end: number): void {
    this.work.update(data.subarray(start, end));
  }

  /** Writes the first `length` bytes of the digest into `out` at `offset`. */
  finishInto(out: Uint8Array, offset: number, length: number): void {
    const digest = this.digest;
    this.work.digestInto(digest);
    for (let i = 0; i < length; i++) out[offset + i] = digest[i]!;
  }
}
