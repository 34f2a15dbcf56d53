import alawmulaw from 'alawmulaw';
import { describe, expect, it } from 'vitest';
import { decodeProbe, elapsedMs, encodeProbe, PAYLOAD_BYTES } from './probe.js';

/** What the gateway does to a payload in a two-party bridge: μ-law to linear and back. */
const throughGateway = (payload: Uint8Array) => alawmulaw.mulaw.encode(alawmulaw.mulaw.decode(payload));

describe('probe payloads', () => {
  it('survive μ-law decoding and re-encoding bit for bit', () => {
    const probe = { call: 1234, direction: 'rtp-to-web' as const, seq: 4_000_000_001, sentMicros: 0xfffffff0 };
    const payload = encodeProbe(probe);
    expect(payload).toHaveLength(PAYLOAD_BYTES);
    expect(decodeProbe(throughGateway(payload))).toEqual({ kind: 'probe', probe });
  });

  it("tell the gateway's silence from a damaged probe", () => {
    expect(decodeProbe(alawmulaw.mulaw.encode(new Int16Array(160)))).toEqual({ kind: 'silence' });
    const damaged = encodeProbe({ call: 1, direction: 'web-to-rtp', seq: 7, sentMicros: 1 });
    damaged[13] = 0x9f - (damaged[13]! & 0x0f); // another nibble: the checksum no longer matches
    expect(decodeProbe(damaged)).toEqual({ kind: 'garbled' });
    expect(decodeProbe(alawmulaw.mulaw.encode(Int16Array.from({ length: 160 }, (_, n) => 8000 * Math.sin(n))))).toEqual({ kind: 'garbled' });
  });

  it('measures elapsed time across the 2^32 µs wrap', () => {
    expect(elapsedMs(500, 0xffffffff - 1499)).toBe(2);
  });
});
