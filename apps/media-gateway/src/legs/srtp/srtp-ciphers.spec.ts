import { createHmac, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ProtectionProfileAeadAes128Gcm,
  ProtectionProfileAes128CmHmacSha1_80,
  RTCDtlsTransport,
  RtpHeader,
  SrtcpSession,
  SrtpAuthenticationError,
  SrtpSession,
} from 'werift';
import { AesCmCipher } from './aes-cm-cipher.js';
import { AesCounter } from './aes-counter.js';
import { HmacSha1 } from './hmac-sha1.js';
import { useGatewayCipher, useGatewaySrtp } from './werift-srtp.js';

type Profile = typeof ProtectionProfileAes128CmHmacSha1_80 | typeof ProtectionProfileAeadAes128Gcm;
/** The profile that gets the gateway's cipher (the one browsers negotiate). */
const PROFILES: [string, Profile][] = [['AES_CM_128_HMAC_SHA1_80', ProtectionProfileAes128CmHmacSha1_80]];

const hex = (s: string) => Buffer.from(s.replace(/\s/g, ''), 'hex');

function keysFor(profile: Profile, seed = randomBytes(64)) {
  const saltLength = profile === ProtectionProfileAeadAes128Gcm ? 12 : 14;
  return {
    localMasterKey: seed.subarray(0, 16),
    localMasterSalt: seed.subarray(16, 16 + saltLength),
    remoteMasterKey: seed.subarray(32, 48),
    remoteMasterSalt: seed.subarray(48, 48 + saltLength),
  };
}

/**
 * Two sessions of the same keys: werift's own (`stock`) and one whose contexts use our
 * ciphers (`ours`), and a peer for each that decrypts what they encrypt.
 */
function pairs<S extends SrtpSession | SrtcpSession>(Session: new (config: { keys: ReturnType<typeof keysFor>; profile: number }) => S, profile: Profile) {
  const keys = keysFor(profile);
  const swapped = { localMasterKey: keys.remoteMasterKey, localMasterSalt: keys.remoteMasterSalt, remoteMasterKey: keys.localMasterKey, remoteMasterSalt: keys.localMasterSalt };
  const make = (k: typeof keys, gateway: boolean) => {
    const session = new Session({ keys: k, profile });
    if (gateway) {
      expect(useGatewayCipher(session.localContext)).toBe(true);
      expect(useGatewayCipher(session.remoteContext)).toBe(true);
    }
    return session;
  };
  return { stock: make(keys, false), ours: make(keys, true), stockPeer: make(swapped, false), ourPeer: make(swapped, true) };
}

interface HeaderSpec {
  seq: number;
  ssrc?: number;
  marker?: boolean;
  csrc?: number[];
  extensions?: { id: number; payload: Buffer }[];
  padding?: boolean;
}

function header(spec: HeaderSpec): RtpHeader {
  return new RtpHeader({
    payloadType: 0,
    sequenceNumber: spec.seq,
    timestamp: (spec.seq * 160) >>> 0,
    ssrc: spec.ssrc ?? 0x1234abcd,
    marker: spec.marker ?? false,
    csrc: spec.csrc ?? [],
    extensions: spec.extensions ?? [],
    extensionProfile: 0xbede,
    padding: spec.padding ?? false,
  });
}

/** Sequence numbers through a wrap, with packets late and early around it. */
const SEQUENCE = [65530, 65531, 65533, 65532, 65534, 65535, 0, 65535, 1, 3, 2, 4, 5, 200, 199, 1000, 30000, 65500, 65535, 0, 100];

function rtcpPacket(ssrc: number, body: number): Buffer {
  // A receiver report with one report block (32 bytes), the shape werift sends.
  const packet = Buffer.alloc(8 + body);
  packet[0] = 0x81;
  packet[1] = 201;
  packet.writeUInt16BE(packet.length / 4 - 1, 2);
  packet.writeUInt32BE(ssrc, 4);
  randomBytes(body).copy(packet, 8);
  return packet;
}

function expectAuthFailure(action: () => unknown): void {
  expect(action).toThrow(SrtpAuthenticationError);
}

describe.each(PROFILES)('gateway SRTP ciphers, %s', (_name, profile) => {
  it('protects RTP byte for byte as werift does, through a sequence-number wrap and reordering', () => {
    const { stock, ours, stockPeer, ourPeer } = pairs(SrtpSession, profile);
    for (const seq of SEQUENCE) {
      for (const size of [160, 0, 1, 15, 16, 17]) {
        const payload = randomBytes(size);
        const expected = stock.encrypt(payload, header({ seq }));
        const actual = ours.encrypt(payload, header({ seq }));
        expect(actual.equals(expected)).toBe(true);
        const decrypted = ourPeer.decrypt(actual);
        expect(decrypted.equals(stockPeer.decrypt(expected))).toBe(true);
        expect(decrypted.subarray(12).equals(payload)).toBe(true);
      }
    }
    // The wraps counted: both sides are at ROC 2 for this SSRC.
    expect(ours.localContext.srtpSSRCStates[0x1234abcd]?.rolloverCounter).toBe(2);
    expect(ourPeer.remoteContext.srtpSSRCStates[0x1234abcd]?.rolloverCounter).toBe(2);
  });

  it('protects headers with CSRCs, extensions, marker and padding as werift does', () => {
    const { stock, ours, ourPeer } = pairs(SrtpSession, profile);
    const specs: HeaderSpec[] = [
      { seq: 1, marker: true },
      { seq: 2, csrc: [1, 0xffffffff] },
      { seq: 3, extensions: [{ id: 1, payload: Buffer.from([0x42]) }, { id: 3, payload: Buffer.from([1, 2, 3]) }] },
      { seq: 4, ssrc: 0xffffffff },
      { seq: 5, ssrc: 0 },
    ];
    for (const spec of specs) {
      const payload = randomBytes(160);
      const actual = ours.encrypt(payload, header(spec));
      expect(actual.equals(stock.encrypt(payload, header(spec)))).toBe(true);
      const [, parsed] = ourPeer.remoteContext.decryptRtp(actual);
      expect(parsed.sequenceNumber).toBe(spec.seq);
    }
    // Padding: the last byte counts the padding, which must fit the payload once decrypted.
    const padded = Buffer.concat([randomBytes(157), Buffer.from([0, 0, 3])]);
    const sent = ours.encrypt(padded, header({ seq: 6, padding: true }));
    expect(sent.equals(stock.encrypt(padded, header({ seq: 6, padding: true })))).toBe(true);
    expect(ourPeer.remoteContext.decryptRtp(sent)[1].paddingSize).toBe(3);
    const badPadding = Buffer.concat([randomBytes(159), Buffer.from([200])]);
    const badSent = ours.encrypt(badPadding, header({ seq: 7, padding: true }));
    expectAuthFailure(() => ourPeer.decrypt(badSent));
  });

  it('uses a high rollover counter as werift does, up to 2^32 − 1', () => {
    const { stock, ours, stockPeer, ourPeer } = pairs(SrtpSession, profile);
    for (const roc of [1, 0x1234, 0x7fffffff, 0xffffffff]) {
      for (const session of [stock, ours]) {
        Object.assign(session.localContext.getSrtpSsrcState(0x1234abcd), { rolloverCounter: roc, lastSequenceNumber: 10, rolloverHasProcessed: true });
      }
      for (const session of [stockPeer, ourPeer]) {
        Object.assign(session.remoteContext.getSrtpSsrcState(0x1234abcd), { rolloverCounter: roc, lastSequenceNumber: 10, rolloverHasProcessed: true });
      }
      const payload = randomBytes(160);
      const actual = ours.encrypt(payload, header({ seq: 11 }));
      expect(actual.equals(stock.encrypt(payload, header({ seq: 11 })))).toBe(true);
      expect(ourPeer.decrypt(actual).equals(stockPeer.decrypt(actual))).toBe(true);
      // The same packet under another ROC does not authenticate.
      Object.assign(ourPeer.remoteContext.getSrtpSsrcState(0x1234abcd), { rolloverCounter: roc - 1, lastSequenceNumber: 10 });
      expectAuthFailure(() => ourPeer.decrypt(actual));
    }
  });

  it('rejects a tampered, truncated or foreign RTP packet as werift does', () => {
    const { ours, stockPeer, ourPeer } = pairs(SrtpSession, profile);
    const good = ours.encrypt(randomBytes(160), header({ seq: 1 }));
    for (const at of [0, 1, 3, 8, 11, 12, 100, good.length - 11, good.length - 1]) {
      const bad = Buffer.from(good);
      bad[at]! ^= 0x01;
      expectAuthFailure(() => stockPeer.decrypt(bad));
      expectAuthFailure(() => ourPeer.decrypt(bad));
    }
    for (const length of [0, 5, 12, 21, 27]) {
      expectAuthFailure(() => ourPeer.decrypt(good.subarray(0, length)));
    }
    const foreign = pairs(SrtpSession, profile).ours.encrypt(randomBytes(160), header({ seq: 2 }));
    expectAuthFailure(() => ourPeer.decrypt(foreign));
    // A rejected packet leaves the rollover state alone: the good one still passes.
    expect(ourPeer.decrypt(good).length).toBe(172);
  });

  it('protects RTCP byte for byte as werift does, through the SRTCP index wrap', () => {
    const { stock, ours, stockPeer, ourPeer } = pairs(SrtcpSession, profile);
    const ssrc = 0x0badcafe;
    for (const start of [0, 0xfffe, 0x7ffffffd]) {
      for (const session of [stock, ours]) session.localContext.getSrtcpSsrcState(ssrc).srtcpIndex = start;
      for (let i = 0; i < 4; i++) {
        for (const body of [0, 1, 24, 32, 500]) {
          const packet = rtcpPacket(ssrc, body);
          const expected = stock.encrypt(packet);
          const actual = ours.encrypt(packet);
          expect(actual.equals(expected)).toBe(true);
          const decrypted = ourPeer.decrypt(actual);
          expect(decrypted.equals(stockPeer.decrypt(expected))).toBe(true);
          expect(decrypted.equals(packet)).toBe(true);
        }
      }
    }
    // Past 2^31 − 1 the index starts again at 0, as werift counts it.
    expect(ours.localContext.getSrtcpSsrcState(ssrc).srtcpIndex).toBe(stock.localContext.getSrtcpSsrcState(ssrc).srtcpIndex);
  });

  it('accepts an authenticated but unencrypted SRTCP packet (E flag clear) as werift does', () => {
    const { stock, stockPeer, ourPeer } = pairs(SrtcpSession, profile);
    const packet = rtcpPacket(0x01020304, 24);
    const index = Buffer.from([0x00, 0x00, 0x01, 0x02]);
    const context = stock.localContext;
    const signed = Buffer.concat([packet, index]);
    const unencrypted = Buffer.concat([signed, createHmac('sha1', context.srtcpSessionAuthTag).update(signed).digest().subarray(0, 10)]);
    expect(ourPeer.decrypt(unencrypted).equals(packet)).toBe(true);
    expect(stockPeer.decrypt(unencrypted).equals(packet)).toBe(true);
    const bad = Buffer.from(unencrypted);
    bad[10]! ^= 0x80;
    expectAuthFailure(() => ourPeer.decrypt(bad));
  });

  it('rejects a tampered or truncated SRTCP packet as werift does', () => {
    const { ours, stockPeer, ourPeer } = pairs(SrtcpSession, profile);
    const good = ours.encrypt(rtcpPacket(0x0badcafe, 24));
    for (const at of [0, 4, 8, 20, good.length - 15, good.length - 5, good.length - 1]) {
      const bad = Buffer.from(good);
      bad[at]! ^= 0x04;
      expectAuthFailure(() => stockPeer.decrypt(bad));
      expectAuthFailure(() => ourPeer.decrypt(bad));
    }
    for (const length of [0, 4, 21, 27]) expectAuthFailure(() => ourPeer.decrypt(good.subarray(0, length)));
    expect(ourPeer.decrypt(good).length).toBe(32);
  });

  it('matches werift for random keys, headers and payloads', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 64, maxLength: 64 }),
        fc.integer({ min: 0, max: 0xffff }),
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.uint8Array({ minLength: 0, maxLength: 300 }),
        (seed, seq, ssrc, payload) => {
          const keys = keysFor(profile, Buffer.from(seed));
          const stock = new SrtpSession({ keys, profile });
          const ours = new SrtpSession({ keys, profile });
          useGatewayCipher(ours.localContext);
          useGatewayCipher(ours.remoteContext);
          const data = Buffer.from(payload);
          const sent = ours.encrypt(data, header({ seq, ssrc }));
          expect(sent.equals(stock.encrypt(data, header({ seq, ssrc })))).toBe(true);
          const back = new SrtpSession({ keys: { ...keys, remoteMasterKey: keys.localMasterKey, remoteMasterSalt: keys.localMasterSalt }, profile });
          useGatewayCipher(back.remoteContext);
          expect(back.decrypt(sent).subarray(12).equals(data)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('RFC 3711 test vectors', () => {
  it('B.2: the AES-CM keystream, across a carry out of the low byte', () => {
    const aes = new AesCounter(hex('2B7E151628AED2A6ABF7158809CF4F3C'));
    const start = aes.keystream(hex('F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000'), 3);
    expect(start.toString('hex').toUpperCase()).toBe('E03EAD0935C95E80E166B16DD92B4EB4' + 'D23513162B02D0F72A43A2FE4A5F97AB' + '41E95B3BB0A2E8DD477901E4FCA894C0');
    const carry = aes.keystream(hex('F0F1F2F3F4F5F6F7F8F9FAFBFCFDFEFF'), 3);
    expect(carry.toString('hex').toUpperCase()).toBe('EC8CDF7398607CB0F2D21675EA9EA1E4' + '362B7C3C6773516318A077D7FC5073AE' + '6A2CC3787889374FBEB4C81B17BA6C44');
  });

  it('B.2 through the SRTP cipher: SSRC 0, SEQ 0, ROC 0 encrypts zeros to the keystream', () => {
    const key = hex('2B7E151628AED2A6ABF7158809CF4F3C');
    const salt = hex('F0F1F2F3F4F5F6F7F8F9FAFBFCFD');
    const cipher = new AesCmCipher(key, salt, key, salt, Buffer.alloc(20), Buffer.alloc(20));
    const packet = cipher.encryptRtp(header({ seq: 0, ssrc: 0 }), Buffer.alloc(48), 0);
    expect(packet.subarray(12, 60).toString('hex').toUpperCase()).toBe(
      'E03EAD0935C95E80E166B16DD92B4EB4' + 'D23513162B02D0F72A43A2FE4A5F97AB' + '41E95B3BB0A2E8DD477901E4FCA894C0',
    );
  });

  it('B.3: werift derives the session keys our ciphers are built from', () => {
    const masterKey = hex('E1F97A0D3E018BE0D64FA32C06DE4139');
    const masterSalt = hex('0EC675AD498AFEEBB6960B3AABE6');
    const keys = { localMasterKey: masterKey, localMasterSalt: masterSalt, remoteMasterKey: masterKey, remoteMasterSalt: masterSalt };
    const context = new SrtpSession({ keys, profile: ProtectionProfileAes128CmHmacSha1_80 }).localContext;
    useGatewayCipher(context);
    const cipher = context.cipher as unknown as AesCmCipher;
    expect(cipher).toBeInstanceOf(AesCmCipher);
    expect(cipher.srtpSessionKey.toString('hex').toUpperCase()).toBe('C61E7A93744F39EE10734AFE3FF7A087');
    expect(cipher.srtpSessionSalt.toString('hex').toUpperCase()).toBe('30CBBC08863D8C85D49DB34A9AE1');
    expect(cipher.srtpSessionAuthTag.toString('hex').toUpperCase()).toBe('CEBE321F6FF7716B6FD4AB49AF256A156D38BAA4');
  });
});

describe(HmacSha1.name, () => {
  it('equals createHmac for every length around the block boundaries, in pieces', () => {
    const key = randomBytes(20);
    const mac = new HmacSha1(key);
    const data = randomBytes(300);
    const out = Buffer.alloc(20);
    for (let length = 0; length <= 300; length++) {
      mac.begin();
      const cut = length >> 1;
      mac.update(data, 0, cut);
      mac.update(data, cut, length);
      mac.finishInto(out, 0, 20);
      expect(out.equals(createHmac('sha1', key).update(data.subarray(0, length)).digest())).toBe(true);
    }
  });

  it('gives RFC 2202 test cases 1 and 6 (a key longer than a block), and forgets an unfinished tag', () => {
    const out = Buffer.alloc(20);
    const case1 = new HmacSha1(Buffer.alloc(20, 0x0b));
    case1.begin();
    case1.update(Buffer.from('unfinished'), 0, 10);
    case1.begin();
    case1.update(Buffer.from('Hi There'), 0, 8);
    case1.finishInto(out, 0, 20);
    expect(out.toString('hex')).toBe('b617318655057264e28bc0b6fb378c8ef146be00');
    const case6 = new HmacSha1(Buffer.alloc(80, 0xaa));
    const text = Buffer.from('Test Using Larger Than Block-Size Key - Hash Key First');
    case6.begin();
    case6.update(text, 0, text.length);
    case6.finishInto(out, 0, 10);
    expect(out.subarray(0, 10).toString('hex')).toBe('aa4ae5e15272d00e9570');
  });
});

describe(useGatewaySrtp.name, () => {
  function transportStarting(profile: Profile): RTCDtlsTransport {
    useGatewaySrtp();
    const keys = keysFor(profile);
    const transport = Object.create(RTCDtlsTransport.prototype) as RTCDtlsTransport;
    Object.assign(transport, {
      dtls: {
        srtp: { srtpProfile: profile },
        extractSessionKeys: () => ({ localKey: keys.localMasterKey, localSalt: keys.localMasterSalt, remoteKey: keys.remoteMasterKey, remoteSalt: keys.remoteMasterSalt }),
      },
    });
    transport.updateSrtpSession();
    return transport;
  }

  it('gives each context of a DTLS transport starting AES_CM_128_HMAC_SHA1_80 our cipher', () => {
    const transport = transportStarting(ProtectionProfileAes128CmHmacSha1_80);
    for (const session of [transport.srtp, transport.srtcp]) {
      expect(session.localContext.cipher).toBeInstanceOf(AesCmCipher);
      expect(session.remoteContext.cipher).toBeInstanceOf(AesCmCipher);
    }
  });

  it('leaves AEAD_AES_128_GCM (werift with werift) to werift’s own cipher', () => {
    const transport = transportStarting(ProtectionProfileAeadAes128Gcm);
    for (const session of [transport.srtp, transport.srtcp]) expect(session.localContext.cipher).not.toBeInstanceOf(AesCmCipher);
  });
});
