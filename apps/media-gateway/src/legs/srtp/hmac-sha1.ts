/**
 * HMAC-SHA1 (RFC 2104) for SRTP authentication tags, in JavaScript so that a packet's tag
 * costs no allocation: the key's inner and outer pad blocks are hashed once, at
 * construction, and every tag starts from those two states. `createHmac` per packet (what
 * werift does) costs about twice the time and an object graph per packet.
 *
 *   const mac = new HmacSha1(authKey);
 *   mac.begin(); mac.update(packet, 0, n); mac.update(roc, 0, 4); mac.finishInto(out, n, 10);
 */

const BLOCK = 64;
const DIGEST = 20;
const INITIAL_STATE = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];

export class HmacSha1 {
  private readonly innerStart = new Int32Array(5);
  private readonly outerStart = new Int32Array(5);
  private readonly state = new Int32Array(5);
  private readonly words = new Int32Array(80);
  private readonly pending = new Uint8Array(BLOCK);
  private pendingLength = 0;
  private messageLength = 0;

  constructor(key: Uint8Array) {
    if (key.length > BLOCK) throw new RangeError('HMAC-SHA1 keys longer than 64 bytes are not supported');
    const pad = new Uint8Array(BLOCK);
    for (const [start, byte] of [
      [this.innerStart, 0x36],
      [this.outerStart, 0x5c],
    ] as const) {
      for (let i = 0; i < BLOCK; i++) pad[i] = (key[i] ?? 0) ^ byte;
      start.set(INITIAL_STATE);
      this.compress(start, pad, 0);
    }
  }

  /** Starts a new tag (drops whatever a previous one left unfinished). */
  begin(): void {
    this.state.set(this.innerStart);
    this.pendingLength = 0;
    this.messageLength = BLOCK;
  }

  /** Adds bytes [start, end) of `data` to the message. */
  update(data: Uint8Array, start: number, end: number): void {
    const pending = this.pending;
    let n = this.pendingLength;
    this.messageLength += end - start;
    while (start < end) {
      if (n === 0 && end - start >= BLOCK) {
        this.compress(this.state, data, start);
        start += BLOCK;
        continue;
      }
      pending[n++] = data[start++]!;
      if (n === BLOCK) {
        this.compress(this.state, pending, 0);
        n = 0;
      }
    }
    this.pendingLength = n;
  }

  /** Writes the first `length` bytes (at most 20) of the MAC into `out` at `offset`. */
  finishInto(out: Uint8Array, offset: number, length: number): void {
    const state = this.state;
    this.pad(state, this.messageLength);
    const block = this.pending;
    for (let i = 0; i < 5; i++) writeWord(block, i * 4, state[i]!);
    state.set(this.outerStart);
    this.pendingLength = DIGEST;
    this.pad(state, BLOCK + DIGEST);
    for (let i = 0; i < length; i++) out[offset + i] = state[i >> 2]! >>> (24 - 8 * (i & 3));
  }

  /** SHA-1's final padding of the pending bytes: 0x80, zeros, the message length in bits. */
  private pad(state: Int32Array, messageLength: number): void {
    const block = this.pending;
    let n = this.pendingLength;
    block[n++] = 0x80;
    if (n > BLOCK - 8) {
      block.fill(0, n);
      this.compress(state, block, 0);
      n = 0;
    }
    block.fill(0, n, BLOCK - 8);
    const bits = messageLength * 8;
    writeWord(block, BLOCK - 8, Math.floor(bits / 0x100000000));
    writeWord(block, BLOCK - 4, bits >>> 0);
    this.compress(state, block, 0);
    this.pendingLength = 0;
  }

  private compress(state: Int32Array, data: Uint8Array, offset: number): void {
    const w = this.words;
    for (let i = 0; i < 16; i++, offset += 4) {
      w[i] = (data[offset]! << 24) | (data[offset + 1]! << 16) | (data[offset + 2]! << 8) | data[offset + 3]!;
    }
    for (let i = 16; i < 80; i++) {
      const x = w[i - 3]! ^ w[i - 8]! ^ w[i - 14]! ^ w[i - 16]!;
      w[i] = (x << 1) | (x >>> 31);
    }
    let a = state[0]!;
    let b = state[1]!;
    let c = state[2]!;
    let d = state[3]!;
    let e = state[4]!;
    for (let i = 0; i < 80; i++) {
      let f: number;
      if (i < 20) f = ((b & c) | (~b & d)) + 0x5a827999;
      else if (i < 40) f = (b ^ c ^ d) + 0x6ed9eba1;
      else if (i < 60) f = ((b & c) | (b & d) | (c & d)) + 0x8f1bbcdc;
      else f = (b ^ c ^ d) + 0xca62c1d6;
      const t = (((a << 5) | (a >>> 27)) + f + e + w[i]!) | 0;
      e = d;
      d = c;
      c = (b << 30) | (b >>> 2);
      b = a;
      a = t;
    }
    state[0] = (state[0]! + a) | 0;
    state[1] = (state[1]! + b) | 0;
    state[2] = (state[2]! + c) | 0;
    state[3] = (state[3]! + d) | 0;
    state[4] = (state[4]! + e) | 0;
  }
}

function writeWord(out: Uint8Array, offset: number, word: number): void {
  out[offset] = word >>> 24;
  out[offset + 1] = word >>> 16;
  out[offset + 2] = word >>> 8;
  out[offset + 3] = word;
}
