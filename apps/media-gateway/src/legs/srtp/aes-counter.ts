/**
 * AES-128 in counter mode on ONE `aes-128-ecb` cipher per key, kept for the session.
 *
 * Counter mode encrypts the blocks IV, IV+1, IV+2 … and XORs that keystream into the data.
 * ECB has no chaining and no padding here, so `update()` on a reused cipher encrypts each
 * block independently: the same keystream as a fresh `createCipheriv('aes-128-ctr', key,
 * IV)` per packet (werift's way), without a cipher object and its native context per packet.
 * What is left per packet is the one keystream buffer `update()` returns.
 */
import { type Cipher, createCipheriv } from 'node:crypto';

const BLOCK = 16;

export class AesCounter {
  private readonly ecb: Cipher;
  private counterBlocks = Buffer.alloc(BLOCK * 16);
  /** Views of the first n blocks of counterBlocks, by n: `update()` takes exactly the blocks to encrypt. */
  private views: Buffer[] = [];

  constructor(key: Uint8Array) {
    this.ecb = createCipheriv('aes-128-ecb', key, null);
    this.ecb.setAutoPadding(false);
  }

  /**
   * The keystream for `blocks` blocks starting at the 16-byte counter `first` (not modified):
   * E(first), E(first+1), … as one buffer of blocks × 16 bytes. The counter is one 128-bit
   * big-endian integer (RFC 3711 AES-CM, as OpenSSL's aes-128-ctr steps it).
   */
  keystream(first: Uint8Array, blocks: number): Buffer {
    if (this.counterBlocks.length < blocks * BLOCK) {
      this.counterBlocks = Buffer.alloc(blocks * BLOCK * 2);
      this.views = [];
    }
    const counters = this.counterBlocks;
    counters.set(first.subarray(0, BLOCK), 0);
    for (let b = 1; b < blocks; b++) {
      const at = b * BLOCK;
      counters.copyWithin(at, at - BLOCK, at);
      for (let i = at + BLOCK - 1; i >= at; i--) {
        counters[i] = (counters[i]! + 1) & 0xff;
        if (counters[i] !== 0) break;
      }
    }
    const view = (this.views[blocks] ??= counters.subarray(0, blocks * BLOCK));
    return this.ecb.update(view);
  }
}

/** Blocks needed for `bytes` bytes of keystream. */
export function blocksFor(bytes: number): number {
  return Math.ceil(bytes / BLOCK);
}

/** Copies `length` bytes: a loop allocates nothing, where Buffer#copy may make a view (short headers). */
export function copyBytes(out: Uint8Array, outOffset: number, data: Uint8Array, dataOffset: number, length: number): void {
  for (let i = 0; i < length; i++) out[outOffset + i] = data[dataOffset + i]!;
}

/** out[outOffset + i] = data[dataOffset + i] ^ keystream[keyOffset + i] for i < length. */
export function xorInto(
  out: Uint8Array,
  outOffset: number,
  data: Uint8Array,
  dataOffset: number,
  keystream: Uint8Array,
  keyOffset: number,
  length: number,
): void {
  for (let i = 0; i < length; i++) out[outOffset + i] = data[dataOffset + i]! ^ keystream[keyOffset + i]!;
}
