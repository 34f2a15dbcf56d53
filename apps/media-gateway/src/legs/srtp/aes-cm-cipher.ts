/**
 * SRTP_AES128_CM_HMAC_SHA1_80 (RFC 3711 §4.1.1 and §4.2.1, RFC 5764): a drop-in for werift's
 * `CipherAesCtr`, byte for byte the same packets and the same failures, with less work and
 * garbage per packet. werift creates a cipher (`createCipheriv('aes-128-ctr')`) and an HMAC
 * (`createHmac`) per packet and concatenates three buffers; here each direction keeps one
 * AES-ECB cipher for its keystream (see aes-counter.ts), a packet costs its output buffer,
 * the keystream buffer and Node's HMAC (hmac-sha1.ts).
 *
 * This is the profile browsers negotiate with the gateway (Chromium selects it from
 * werift's offer). Session keys come from werift's own key derivation (its `Context`).
 */
import { type RtcpHeader, type RtpHeader } from 'werift';
import { AesCounter, blocksFor, copyBytes, xorInto } from './aes-counter.js';
import { HmacSha1 } from './hmac-sha1.js';
import {
  checkTag,
  finalizeSrtpRtpHeader,
  parseSrtcpHeader,
  parseSrtpRtpHeader,
  SRTCP_FAILURE,
  SRTP_FAILURE,
} from './srtp-packet.js';

const TAG_LENGTH = 10;
const SRTCP_INDEX_LENGTH = 4;
const E_FLAG = 0x80;

/** One direction's keys for RTP or for RTCP, and the scratch space of its packets. */
class CmStream {
  private readonly aes: AesCounter;
  private readonly salt: Buffer;
  private readonly mac: HmacSha1;
  /** The first counter block of a packet. */
  private readonly iv = Buffer.alloc(16);
  /** The expected tag of a packet being checked. */
  readonly tag = Buffer.alloc(TAG_LENGTH);
  /** The ROC, big-endian, as the RTP tag covers it. */
  private readonly roc = Buffer.alloc(4);

  constructor(key: Buffer, salt: Buffer, authKey: Buffer) {
    this.aes = new AesCounter(key);
    this.salt = salt;
    this.mac = new HmacSha1(authKey);
  }

  /**
   * XORs `length` bytes of keystream for packet index (roc, seq) of `ssrc` into `out` at
   * `outOffset`, reading `data` from `dataOffset`. IV = (salt·2^16) ⊕ (SSRC·2^64) ⊕ (index·2^16).
   */
  crypt(ssrc: number, roc: number, seq: number, out: Buffer, outOffset: number, data: Buffer, dataOffset: number, length: number): void {
    if (length <= 0) return;
    const iv = this.iv;
    iv.fill(0);
    iv.writeUInt32BE(ssrc, 4);
    iv.writeUInt32BE(roc, 8);
    iv.writeUInt16BE(seq & 0xffff, 12);
    const salt = this.salt;
    for (let i = 0; i < salt.length; i++) iv[i]! ^= salt[i]!;
    const keystream = this.aes.keystream(iv, blocksFor(length));
    xorInto(out, outOffset, data, dataOffset, keystream, 0, length);
  }

  /** Writes the tag over bytes [0, end) of `packet`, then over the ROC if given (RTP), into `out` at `outOffset`. */
  authenticate(packet: Buffer, end: number, roc: number | null, out: Buffer, outOffset: number): void {
    const mac = this.mac;
    mac.begin();
    mac.update(packet, 0, end);
    if (roc !== null) {
      this.roc.writeUInt32BE(roc, 0);
      mac.update(this.roc, 0, 4);
    }
    mac.finishInto(out, outOffset, TAG_LENGTH);
  }
}

export class AesCmCipher {
  readonly authTagLength = TAG_LENGTH;
  private rtpStream: CmStream | undefined;
  private rtcpStream: CmStream | undefined;

  constructor(
    readonly srtpSessionKey: Buffer,
    readonly srtpSessionSalt: Buffer,
    readonly srtcpSessionKey: Buffer,
    readonly srtcpSessionSalt: Buffer,
    readonly srtpSessionAuthTag: Buffer,
    readonly srtcpSessionAuthTag: Buffer,
  ) {}

  // werift gives each SRTP and each SRTCP context both halves' keys; only one half is used.
  private get rtp(): CmStream {
    return (this.rtpStream ??= new CmStream(this.srtpSessionKey, this.srtpSessionSalt, this.srtpSessionAuthTag));
  }

  private get rtcp(): CmStream {
    return (this.rtcpStream ??= new CmStream(this.srtcpSessionKey, this.srtcpSessionSalt, this.srtcpSessionAuthTag));
  }

  encryptRtp(header: RtpHeader, payload: Buffer, rolloverCounter: number): Buffer {
    const headerBuffer = header.serialize(header.serializeSize);
    const headerLength = headerBuffer.length;
    const end = headerLength + payload.length;
    const out = Buffer.allocUnsafe(end + TAG_LENGTH);
    copyBytes(out, 0, headerBuffer, 0, headerLength);
    const rtp = this.rtp;
    rtp.crypt(header.ssrc, rolloverCounter, header.sequenceNumber, out, headerLength, payload, 0, payload.length);
    rtp.authenticate(out, end, rolloverCounter, out, end);
    return out;
  }

  decryptRtp(cipherText: Buffer, rolloverCounter: number, header: RtpHeader = parseSrtpRtpHeader(cipherText, TAG_LENGTH)): [Buffer, RtpHeader] {
    const tagAt = cipherText.length - TAG_LENGTH;
    const rtp = this.rtp;
    rtp.authenticate(cipherText, tagAt, rolloverCounter, rtp.tag, 0);
    checkTag(cipherText, tagAt, rtp.tag, TAG_LENGTH, SRTP_FAILURE);
    const payloadAt = header.payloadOffset;
    const out = Buffer.allocUnsafe(tagAt);
    copyBytes(out, 0, cipherText, 0, payloadAt);
    rtp.crypt(header.ssrc, rolloverCounter, header.sequenceNumber, out, payloadAt, cipherText, payloadAt, tagAt - payloadAt);
    return [out, finalizeSrtpRtpHeader(header, out)];
  }

  encryptRTCP(rtcpPacket: Buffer, srtcpIndex: number): Buffer {
    const ssrc = rtcpPacket.readUInt32BE(4);
    const length = rtcpPacket.length;
    const indexEnd = length + SRTCP_INDEX_LENGTH;
    const out = Buffer.allocUnsafe(indexEnd + TAG_LENGTH);
    copyBytes(out, 0, rtcpPacket, 0, 8);
    const rtcp = this.rtcp;
    // Everything after the first 8 bytes (header and sender SSRC) is encrypted.
    rtcp.crypt(ssrc, srtcpIndex >> 16, srtcpIndex & 0xffff, out, 8, rtcpPacket, 8, length - 8);
    out.writeUInt32BE(srtcpIndex, length);
    out[length]! |= E_FLAG;
    rtcp.authenticate(out, indexEnd, null, out, indexEnd);
    return out;
  }

  decryptRTCP(encrypted: Buffer): [Buffer, RtcpHeader] {
    const header = parseSrtcpHeader(encrypted, TAG_LENGTH, SRTCP_INDEX_LENGTH);
    const tailAt = encrypted.length - (TAG_LENGTH + SRTCP_INDEX_LENGTH);
    const tagAt = encrypted.length - TAG_LENGTH;
    const rtcp = this.rtcp;
    rtcp.authenticate(encrypted, tagAt, null, rtcp.tag, 0);
    checkTag(encrypted, tagAt, rtcp.tag, TAG_LENGTH, SRTCP_FAILURE);
    const out = Buffer.allocUnsafe(tailAt);
    if (encrypted[tailAt]! >>> 7 === 0) {
      encrypted.copy(out, 0, 0, tailAt);
      return [out, header];
    }
    const srtcpIndex = encrypted.readUInt32BE(tailAt) & 0x7fffffff;
    const ssrc = encrypted.readUInt32BE(4);
    copyBytes(out, 0, encrypted, 0, 8);
    rtcp.crypt(ssrc, srtcpIndex >> 16, srtcpIndex & 0xffff, out, 8, encrypted, 8, tailAt - 8);
    return [out, header];
  }
}
