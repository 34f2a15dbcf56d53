/**
 * GHASH, the authentication half of AES-GCM (NIST SP 800-38D §6.4), in JavaScript with
 * Shoup's 4-bit tables (as in mbed TLS), so that the AES half can run on one reused
 * AES-ECB cipher instead of a `createCipheriv('aes-128-gcm')` per packet. 128-bit values
 * are four big-endian 32-bit words; the table (16 multiples of H) is built once per key.
 *
 *   const ghash = new Ghash(h);            // h = AES_K(0^128)
 *   ghash.begin(); ghash.update(aad, 0, aadLength); ghash.endSection();
 *   ghash.update(ciphertext, s, e); ghash.finishInto(tag, 0, aadLength, e - s, encryptedJ0, 0);
 */

/** x^4 reduction remainders (mbed TLS `last4`), already shifted into the top word. */
const LAST4 = Int32Array.from(
  [0x0000, 0x1c20, 0x3840, 0x2460, 0x7080, 0x6ca0, 0x48c0, 0x54e0, 0xe100, 0xfd20, 0xd940, 0xc560, 0x9180, 0x8da0, 0xa9c0, 0xb5e0],
  (r) => r << 16,
);

export class Ghash {
  /** Entry j (words 4j…4j+3) is j·H in GCM's bit order. */
  private readonly table = new Int32Array(64);
  private readonly y = new Uint8Array(16);
  /** Bytes of the current block already XORed into y. */
  private partial = 0;

  constructor(h: Uint8Array) {
    if (h.length !== 16) throw new RangeError('GHASH key must be 16 bytes');
    const t = this.table;
    let a = readWord(h, 0);
    let b = readWord(h, 4);
    let c = readWord(h, 8);
    let d = readWord(h, 12);
    setEntry(t, 8, a, b, c, d);
    for (let i = 4; i > 0; i >>= 1) {
      const carry = d & 1;
      d = (d >>> 1) | (c << 31);
      c = (c >>> 1) | (b << 31);
      b = (b >>> 1) | (a << 31);
      a = (a >>> 1) ^ (carry ? 0xe1000000 | 0 : 0);
      setEntry(t, i, a, b, c, d);
    }
    for (let i = 2; i <= 8; i *= 2) {
      for (let j = 1; j < i; j++) {
        for (let k = 0; k < 4; k++) t[(i + j) * 4 + k] = t[i * 4 + k]! ^ t[j * 4 + k]!;
      }
    }
  }

  begin(): void {
    this.y.fill(0);
    this.partial = 0;
  }

  /** Absorbs bytes [start, end) of `data` into the current section (the AAD, then the text). */
  update(data: Uint8Array, start: number, end: number): void {
    const y = this.y;
    let n = this.partial;
    while (start < end) {
      y[n++]! ^= data[start++]!;
      if (n === 16) {
        this.multiplyY();
        n = 0;
      }
    }
    this.partial = n;
  }

  /** Ends the current section: a last partial block counts as zero-padded. */
  endSection(): void {
    if (this.partial > 0) this.multiplyY();
    this.partial = 0;
  }

  /**
   * Ends the text, absorbs the lengths block and writes the 16-byte tag: GHASH XOR `mask`
   * (E_K(J0)), bytes [maskOffset, maskOffset + 16), into `out` at `offset`.
   */
  finishInto(out: Uint8Array, offset: number, aadLength: number, textLength: number, mask: Uint8Array, maskOffset: number): void {
    this.endSection();
    const y = this.y;
    xorBitLength(y, 0, aadLength);
    xorBitLength(y, 8, textLength);
    this.multiplyY();
    for (let i = 0; i < 16; i++) out[offset + i] = y[i]! ^ mask[maskOffset + i]!;
  }

  /** y ← y · H. */
  private multiplyY(): void {
    const y = this.y;
    const t = this.table;
    let j = (y[15]! & 0xf) * 4;
    let z0 = t[j]!;
    let z1 = t[j + 1]!;
    let z2 = t[j + 2]!;
    let z3 = t[j + 3]!;
    for (let i = 15; i >= 0; i--) {
      const byte = y[i]!;
      if (i !== 15) {
        const rem = z3 & 0xf;
        z3 = (z3 >>> 4) | (z2 << 28);
        z2 = (z2 >>> 4) | (z1 << 28);
        z1 = (z1 >>> 4) | (z0 << 28);
        j = (byte & 0xf) * 4;
        z0 = (z0 >>> 4) ^ LAST4[rem]! ^ t[j]!;
        z1 ^= t[j + 1]!;
        z2 ^= t[j + 2]!;
        z3 ^= t[j + 3]!;
      }
      const rem = z3 & 0xf;
      z3 = (z3 >>> 4) | (z2 << 28);
      z2 = (z2 >>> 4) | (z1 << 28);
      z1 = (z1 >>> 4) | (z0 << 28);
      j = (byte >>> 4) * 4;
      z0 = (z0 >>> 4) ^ LAST4[rem]! ^ t[j]!;
      z1 ^= t[j + 1]!;
      z2 ^= t[j + 2]!;
      z3 ^= t[j + 3]!;
    }
    writeWord(y, 0, z0);
    writeWord(y, 4, z1);
    writeWord(y, 8, z2);
    writeWord(y, 12, z3);
  }
}

function setEntry(t: Int32Array, j: number, a: number, b: number, c: number, d: number): void {
  t[j * 4] = a;
  t[j * 4 + 1] = b;
  t[j * 4 + 2] = c;
  t[j * 4 + 3] = d;
}

function readWord(data: Uint8Array, offset: number): number {
  return (data[offset]! << 24) | (data[offset + 1]! << 16) | (data[offset + 2]! << 8) | data[offset + 3]!;
}

function writeWord(out: Uint8Array, offset: number, word: number): void {
  out[offset] = word >>> 24;
  out[offset + 1] = word >>> 16;
  out[offset + 2] = word >>> 8;
  out[offset + 3] = word;
}

/** XORs a byte count, as a 64-bit big-endian count of bits, into `y` at `offset`. */
function xorBitLength(y: Uint8Array, offset: number, bytes: number): void {
  const bits = bytes * 8;
  const high = Math.floor(bits / 0x100000000);
  const low = bits >>> 0;
  y[offset]! ^= high >>> 24;
  y[offset + 1]! ^= high >>> 16;
  y[offset + 2]! ^= high >>> 8;
  y[offset + 3]! ^= high;
  y[offset + 4]! ^= low >>> 24;
  y[offset + 5]! ^= low >>> 16;
  y[offset + 6]! ^= low >>> 8;
  y[offset + 7]! ^= low;
}
