/**
 * SRTP_AEAD_AES_128_GCM (RFC 7714): a drop-in for werift's `CipherAesGcm`, byte for byte the
 * same packets and the same failures. werift creates a `createCipheriv('aes-128-gcm')` per
 * packet; here AES-GCM is taken apart: the counter-mode half runs on one reused AES-ECB
 * cipher per direction (aes-counter.ts), which also encrypts J0 for the tag in the same call,
 * and GHASH runs in JavaScript on tables built once per key (ghash.ts).
 *
 * werift prefers this profile, so two werift peers (the bench's load generator and the
 * gateway) negotiate it; Chromium picks AES-CM (aes-cm-cipher.ts) from werift's offer.
 * RFC 7714's IV: (0x0000 ‖ SSRC ‖ ROC ‖ SEQ) ⊕ salt for RTP, (0x0000 ‖ SSRC ‖ 0x0000 ‖
 * SRTCP index) ⊕ salt for RTCP, as werift builds them.
 */
import { type RtcpHeader, type RtpHeader } from 'werift';
import { AesCounter, blocksFor, copyBytes, xorInto } from './aes-counter.js';
import { Ghash } from './ghash.js';
import {
  checkTag,
  finalizeSrtpRtpHeader,
  parseSrtcpHeader,
  parseSrtpRtpHeader,
  SRTCP_FAILURE,
  SRTP_FAILURE,
} from './srtp-packet.js';

const TAG_LENGTH = 16;
const SRTCP_INDEX_LENGTH = 4;
const E_FLAG = 0x80;
const BLOCK = 16;

/** One direction's key for RTP or for RTCP, and the scratch space of its packets. */
class GcmStream {
  private readonly aes: AesCounter;
  private readonly salt: Buffer;
  private readonly ghash: Ghash;
  /** J0 = IV ‖ 0x00000001, the first counter block of a packet. */
  private readonly j0 = Buffer.alloc(BLOCK);
  /** The expected tag of a packet being checked. */
  readonly tag = Buffer.alloc(TAG_LENGTH);
  /** RTCP's additional authenticated data: the first 8 bytes and E ‖ SRTCP index (or the whole packet unencrypted). */
  private aad = Buffer.alloc(64);

  constructor(key: Buffer, salt: Buffer) {
    this.aes = new AesCounter(key);
    this.salt = salt;
    // H = E_K(0^128): the keystream block of an all-zero counter.
    this.ghash = new Ghash(this.aes.keystream(Buffer.alloc(BLOCK), 1, true));
  }

  /** Sets J0 from the IV's fields: 2 zero bytes, SSRC, then 4 + 2 bytes (RTP: ROC, SEQ) or 2 + 4 (RTCP: 0, index). */
  private setJ0(ssrc: number, middle: number, last: number, lastIs32: boolean): void {
    const j0 = this.j0;
    j0.fill(0);
    j0.writeUInt32BE(ssrc, 2);
    if (lastIs32) {
      j0.writeUInt16BE(middle, 6);
      j0.writeUInt32BE(last, 8);
    } else {
      j0.writeUInt32BE(middle, 6);
      j0.writeUInt16BE(last & 0xffff, 10);
    }
    for (let i = 0; i < 12; i++) j0[i]! ^= this.salt[i]!;
    j0[15] = 1;
  }

  /** The keystream of a packet whose IV is set: block 0 is E_K(J0) (the tag's mask), the text's from block 1. */
  keystream(textLength: number): Buffer {
    return this.aes.keystream(this.j0, 1 + blocksFor(textLength), true);
  }

  /** The tag over the AAD `aad[aadAt, aadEnd)` and the ciphertext `text[textAt, textEnd)`, into `out` at `outAt`. */
  authenticate(aad: Buffer, aadAt: number, aadEnd: number, text: Buffer, textAt: number, textEnd: number, keystream: Buffer, out: Buffer, outAt: number): void {
    const ghash = this.ghash;
    ghash.begin();
    ghash.update(aad, aadAt, aadEnd);
    ghash.endSection();
    ghash.update(text, textAt, textEnd);
    ghash.finishInto(out, outAt, aadEnd - aadAt, textEnd - textAt, keystream, 0);
  }

  rtpIv(ssrc: number, roc: number, seq: number): void {
    this.setJ0(ssrc, roc, seq, false);
  }

  rtcpIv(ssrc: number, srtcpIndex: number): void {
    this.setJ0(ssrc, 0, srtcpIndex, true);
  }

  /** RTCP's AAD in scratch space: `packet[0, headEnd)` ‖ the 4 index bytes `packet[indexAt, indexAt + 4)` or `index` with E set. */
  rtcpAad(packet: Buffer, headEnd: number, indexAt: number | null, index: number): Buffer {
    if (this.aad.length < headEnd + 4) this.aad = Buffer.alloc((headEnd + 4) * 2);
    const aad = this.aad;
    packet.copy(aad, 0, 0, headEnd);
    if (indexAt === null) {
      aad.writeUInt32BE(index, headEnd);
      aad[headEnd]! |= E_FLAG;
    } else {
      packet.copy(aad, headEnd, indexAt, indexAt + 4);
    }
    return aad;
  }
}

export class AesGcmCipher {
  readonly aeadAuthTagLen = TAG_LENGTH;
  private rtpStream: GcmStream | undefined;
  private rtcpStream: GcmStream | undefined;

  constructor(
    readonly srtpSessionKey: Buffer,
    readonly srtpSessionSalt: Buffer,
    readonly srtcpSessionKey: Buffer,
    readonly srtcpSessionSalt: Buffer,
  ) {}

  // werift gives each SRTP and each SRTCP context both halves' keys; only one half is used.
  private get rtp(): GcmStream {
    return (this.rtpStream ??= new GcmStream(this.srtpSessionKey, this.srtpSessionSalt));
  }

  private get rtcp(): GcmStream {
    return (this.rtcpStream ??= new GcmStream(this.srtcpSessionKey, this.srtcpSessionSalt));
  }

  encryptRtp(header: RtpHeader, payload: Buffer, rolloverCounter: number): Buffer {
    const headerBuffer = header.serialize(header.serializeSize);
    const headerLength = headerBuffer.length;
    const end = headerLength + payload.length;
    const out = Buffer.allocUnsafe(end + TAG_LENGTH);
    copyBytes(out, 0, headerBuffer, 0, headerLength);
    const rtp = this.rtp;
    rtp.rtpIv(header.ssrc, rolloverCounter, header.sequenceNumber);
    const keystream = rtp.keystream(payload.length);
    xorInto(out, headerLength, payload, 0, keystream, BLOCK, payload.length);
    rtp.authenticate(out, 0, headerLength, out, headerLength, end, keystream, out, end);
    return out;
  }

  decryptRtp(cipherText: Buffer, rolloverCounter: number, header: RtpHeader = parseSrtpRtpHeader(cipherText, TAG_LENGTH)): [Buffer, RtpHeader] {
    const payloadAt = header.payloadOffset;
    const tagAt = cipherText.length - TAG_LENGTH;
    const rtp = this.rtp;
    rtp.rtpIv(header.ssrc, rolloverCounter, header.sequenceNumber);
    const keystream = rtp.keystream(tagAt - payloadAt);
    rtp.authenticate(cipherText, 0, payloadAt, cipherText, payloadAt, tagAt, keystream, rtp.tag, 0);
    checkTag(cipherText, tagAt, rtp.tag, TAG_LENGTH, SRTP_FAILURE);
    const out = Buffer.allocUnsafe(tagAt);
    copyBytes(out, 0, cipherText, 0, payloadAt);
    xorInto(out, payloadAt, cipherText, payloadAt, keystream, BLOCK, tagAt - payloadAt);
    return [out, finalizeSrtpRtpHeader(header, out)];
  }

  encryptRTCP(rtcpPacket: Buffer, srtcpIndex: number): Buffer {
    const ssrc = rtcpPacket.readUInt32BE(4);
    const length = rtcpPacket.length;
    const tagEnd = length + TAG_LENGTH;
    const out = Buffer.allocUnsafe(tagEnd + SRTCP_INDEX_LENGTH);
    copyBytes(out, 0, rtcpPacket, 0, 8);
    const rtcp = this.rtcp;
    rtcp.rtcpIv(ssrc, srtcpIndex);
    // Everything after the first 8 bytes (header and sender SSRC) is encrypted.
    const keystream = rtcp.keystream(length - 8);
    xorInto(out, 8, rtcpPacket, 8, keystream, BLOCK, length - 8);
    const aad = rtcp.rtcpAad(rtcpPacket, 8, null, srtcpIndex);
    rtcp.authenticate(aad, 0, 12, out, 8, length, keystream, out, length);
    aad.copy(out, tagEnd, 8, 12);
    return out;
  }

  decryptRTCP(encrypted: Buffer): [Buffer, RtcpHeader] {
    const header = parseSrtcpHeader(encrypted, TAG_LENGTH, SRTCP_INDEX_LENGTH);
    const indexAt = encrypted.length - SRTCP_INDEX_LENGTH;
    const tagAt = indexAt - TAG_LENGTH;
    const ssrc = encrypted.readUInt32BE(4);
    const encodedIndex = encrypted.readUInt32BE(indexAt);
    const isEncrypted = encodedIndex >>> 31 === 1;
    const srtcpIndex = encodedIndex & 0x7fffffff;
    const rtcp = this.rtcp;
    rtcp.rtcpIv(ssrc, srtcpIndex);
    // Unencrypted, the whole packet is authenticated data and there is no text.
    const headEnd = isEncrypted ? 8 : tagAt;
    const aad = rtcp.rtcpAad(encrypted, headEnd, indexAt, 0);
    const textEnd = isEncrypted ? tagAt : 8;
    const keystream = rtcp.keystream(textEnd - 8);
    rtcp.authenticate(aad, 0, headEnd + 4, encrypted, 8, textEnd, keystream, rtcp.tag, 0);
    checkTag(encrypted, tagAt, rtcp.tag, TAG_LENGTH, SRTCP_FAILURE);
    const out = Buffer.allocUnsafe(tagAt);
    encrypted.copy(out, 0, 0, headEnd);
    xorInto(out, 8, encrypted, 8, keystream, BLOCK, textEnd - 8);
    return [out, header];
  }
}
