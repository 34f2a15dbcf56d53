/**
 * Puts the gateway's SRTP cipher (aes-cm-cipher.ts) into werift 0.24.4
 * (pinned), applied once on import, as werift-dtls-repair.ts does for its DTLS client.
 *
 * werift has no option for its SRTP implementation: `RTCDtlsTransport.updateSrtpSession`
 * builds an SrtpSession and an SrtcpSession, each with a local and a remote context that
 * derives the session keys (RFC 3711 §4.3) and holds a `cipher`. After it has run, each
 * context's cipher is replaced by ours, built from that context's own session keys; werift
 * keeps the key derivation, the rollover counter and SRTCP index bookkeeping, the packet
 * routing and the drop of packets that fail authentication. Only the profile browsers
 * negotiate with the gateway (AES_CM_128_HMAC_SHA1_80) gets ours; AEAD_AES_128_GCM (two werift
 * peers prefer it) keeps werift's.
 *
 * werift's own cipher makes a Node cipher (and for AES-CM an HMAC) object per packet: at 50
 * calls the media workers allocated about 40 MB/s, mostly there (docs/benchmarks.md).
 */
import { ProtectionProfileAes128CmHmacSha1_80, RTCDtlsTransport, type SrtpSession } from 'werift';
import { AesCmCipher } from './aes-cm-cipher.js';

/** One of werift's SRTP or SRTCP contexts, as far as this file reads and writes it. */
export type SrtpContextLike = Pick<
  SrtpSession['localContext'],
  'profile' | 'cipher' | 'srtpSessionKey' | 'srtpSessionSalt' | 'srtpSessionAuthTag' | 'srtcpSessionKey' | 'srtcpSessionSalt' | 'srtcpSessionAuthTag'
>;

/** Replaces the context's cipher by ours when we have one for its profile; says whether it did. */
export function useGatewayCipher(context: SrtpContextLike): boolean {
  switch (context.profile) {
    case ProtectionProfileAes128CmHmacSha1_80:
      context.cipher = new AesCmCipher(
        context.srtpSessionKey,
        context.srtpSessionSalt,
        context.srtcpSessionKey,
        context.srtcpSessionSalt,
        context.srtpSessionAuthTag,
        context.srtcpSessionAuthTag,
      );
      return true;
    default:
      return false;
  }
}

let applied = false;

export function useGatewaySrtp(): void {
  if (applied) return;
  applied = true;
  const update = RTCDtlsTransport.prototype.updateSrtpSession;
  RTCDtlsTransport.prototype.updateSrtpSession = function (this: RTCDtlsTransport) {
    update.call(this);
    for (const session of [this.srtp, this.srtcp]) {
      useGatewayCipher(session.localContext);
      useGatewayCipher(session.remoteContext);
    }
  };
}

useGatewaySrtp();
