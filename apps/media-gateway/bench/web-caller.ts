/**
 * The browser side of a benchmark call: a werift RTCPeerConnection offering PCMU and
 * telephone-event/8000 (what our softphone's Chromium offers), non-trickle, signalled over
 * SIP on its own WebSocket to the gateway's /sip with the `sip` subprotocol, as SIP.js does:
 * INVITE, 407 challenge, INVITE with Proxy-Authorization, 200, ACK. One WebSocket per caller,
 * like one per browser tab.
 */
import { DirectRtpSender, useGatewaySrtp } from '@ccx/media-gateway';
import { ProtectionProfileAes128CmHmacSha1_80, RTCDtlsTransport, RTCPeerConnection, RTCRtpCodecParameters, type RTCRtpTransceiver, usePCMU } from 'werift';
import WebSocket from 'ws';
import { type CallCredential } from './ipc.js';
import { buildRequest, buildResponse, contactUri, digestAuthorization, headerOf, newBranch, newCallId, newTag, parseSipMessage, type SipMessage, tagOf } from './sip-uac.js';

export interface WebCallerOptions {
  url: string;
  domain: string;
  number: string;
  credential: CallCredential;
  timeoutMs: number;
  onPayload(payload: Uint8Array): void;
  /** The call ended without our hangup(): BYE from the gateway, ICE/DTLS failure, socket closed. */
  onEnded(reason: string): void;
}

const GATHERING_TIMEOUT_MS = 5000;

/**
 * The bench's callers offer only AES_CM_128_HMAC_SHA1_80, the SRTP profile Chromium
 * negotiates with the gateway, so the bench measures the browsers' path. (Two werift peers
 * would settle on AEAD_AES_128_GCM, werift's first choice; werift has no option for this, so
 * each DTLS transport's list is set as it starts.)
 */
const startDtls = RTCDtlsTransport.prototype.start;
RTCDtlsTransport.prototype.start = function (this: RTCDtlsTransport) {
  // Declared readonly, an ordinary writable property at run time.
  (this as unknown as { srtpProfiles: number[] }).srtpProfiles = [ProtectionProfileAes128CmHmacSha1_80];
  return startDtls.call(this);
};

/**
 * A browser's SRTP and RTP sending are C++ (libsrtp) and cost it little; werift's would make
 * the load processes, which share the gateway's two cores, the first thing to run out of CPU.
 * The callers use the gateway's cipher and direct sender (each tested against werift's own).
 */
useGatewaySrtp();

export class WebCaller {
  private readonly pc: RTCPeerConnection;
  private readonly transceiver: RTCRtpTransceiver;
  private rtpSender: DirectRtpSender | null = null;
  private ws: WebSocket | null = null;
  private readonly host = `${newTag()}.invalid`;
  private readonly callId = newCallId();
  private readonly fromTag = newTag();
  private toTag: string | null = null;
  private remoteTarget: string | null = null;
  private cseq = 1;
  private readonly waiting = new Map<string, (response: SipMessage) => void>();
  private ended = false;
  private sequenceNumber = 0;
  private timestamp = 0;

  private constructor(private readonly options: WebCallerOptions) {
    this.pc = new RTCPeerConnection({
      codecs: {
        audio: [usePCMU(), new RTCRtpCodecParameters({ mimeType: 'audio/telephone-event', clockRate: 8000, channels: 1, payloadType: 101, parameters: '0-16' })],
        video: [],
      },
      iceServers: [],
      iceAdditionalHostAddresses: ['127.0.0.1'],
      iceUseIpv6: false,
    });
    this.transceiver = this.pc.addTransceiver('audio', { direction: 'sendrecv' });
    // Received RTP straight from the DTLS transport (decrypted, parsed) instead of through
    // werift's router, receiver and track, which copy each packet and keep receive statistics:
    // a browser does that in C++, and the load processes share the gateway's cores. (No RTCP
    // receiver reports go back; the gateway only reads them for statistics.)
    const dtls = this.transceiver.dtlsTransport;
    dtls.onRtp.allUnsubscribe();
    dtls.onRtp.subscribe((rtp) => {
      if (rtp.header.payloadType === 0) this.options.onPayload(rtp.payload);
    });
    this.pc.connectionStateChange.subscribe((state) => {
      if (state === 'failed' || state === 'closed') this.end(`peer connection ${state}`);
    });
  }

  /** Places the call; resolves once SIP is confirmed and DTLS is up (audio can flow). */
  static async call(options: WebCallerOptions): Promise<WebCaller> {
    const caller = new WebCaller(options);
    try {
      await caller.connect();
      return caller;
    } catch (error) {
      caller.close();
      throw error;
    }
  }

  get established(): boolean {
    return !this.ended && this.pc.connectionState === 'connected';
  }

  /** One 20 ms PCMU payload, encrypted (SRTP) and sent. */
  send(payload: Buffer): void {
    this.rtpSender ??= new DirectRtpSender(this.transceiver.sender);
    this.rtpSender.send(0, this.sequenceNumber, this.timestamp, this.sequenceNumber === 0, payload);
    this.sequenceNumber = (this.sequenceNumber + 1) & 0xffff;
    this.timestamp = (this.timestamp + 160) >>> 0;
  }

  async hangup(): Promise<void> {
    if (!this.ended && this.toTag && this.ws?.readyState === WebSocket.OPEN) {
      this.ended = true;
      const cseq = ++this.cseq;
      const done = this.response(cseq, 'BYE', 2000).catch(() => undefined);
      this.sendRequest('BYE', cseq, this.remoteTarget ?? this.requestUri());
      await done;
    }
    this.ended = true;
    this.close();
  }

  private async connect(): Promise<void> {
    const deadline = Date.now() + this.options.timeoutMs;
    const remaining = () => Math.max(1, deadline - Date.now());
    await this.pc.setLocalDescription(await this.pc.createOffer());
    await this.gathered();
    const offer = this.pc.localDescription?.sdp;
    if (!offer) throw new Error('werift produced no offer');

    const ws = new WebSocket(this.options.url, 'sip');
    this.ws = ws;
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    ws.on('message', (data: Buffer) => this.receive(data.toString('utf8')));
    ws.on('close', () => this.end('sip websocket closed'));

    let authorization: string | null = null;
    for (let attempt = 0; ; attempt++) {
      const cseq = this.cseq;
      const branch = newBranch();
      const final = this.response(cseq, 'INVITE', remaining());
      this.sendRequest('INVITE', cseq, this.requestUri(), { branch, authorization, offer });
      const response = await final;
      if (response.status === 407 && attempt === 0) {
        // The ACK of a non-2xx final response is part of the INVITE transaction (same branch).
        this.sendAck(cseq, branch, tagOf(headerOf(response, 'to')));
        authorization = digestAuthorization(
          headerOf(response, 'proxy-authenticate') ?? '',
          { username: this.options.credential.authorizationUsername, password: this.options.credential.password },
          'INVITE',
          this.requestUri(),
        );
        this.cseq++;
        continue;
      }
      if (response.status !== 200) throw new Error(`INVITE answered ${response.status} ${response.reason}`);
      this.toTag = tagOf(headerOf(response, 'to'));
      this.remoteTarget = contactUri(headerOf(response, 'contact'));
      this.sendAck(cseq, newBranch(), this.toTag);
      await this.pc.setRemoteDescription({ type: 'answer', sdp: response.body });
      break;
    }
    await this.until(() => this.pc.connectionState === 'connected', remaining(), 'DTLS connected');
  }

  private requestUri(): string {
    return `sip:${this.options.number}@${this.options.domain}`;
  }

  private sendRequest(method: string, cseq: number, uri: string, extra: { branch?: string; authorization?: string | null; offer?: string } = {}): void {
    const user = this.options.credential.sipUser;
    const text = buildRequest({
      method,
      uri,
      via: `SIP/2.0/WS ${this.host};branch=${extra.branch ?? newBranch()}`,
      from: `<sip:${user}@${this.options.domain}>;tag=${this.fromTag}`,
      to: `<sip:${this.options.number}@${this.options.domain}>${this.toTag ? `;tag=${this.toTag}` : ''}`,
      callId: this.callId,
      cseq,
      contact: method === 'INVITE' ? `<sip:${user}@${this.host};transport=ws>` : undefined,
      headers: extra.authorization ? [['Proxy-Authorization', extra.authorization]] : [],
      body: extra.offer ? { type: 'application/sdp', content: extra.offer } : undefined,
    });
    this.sendText(text);
  }

  private sendText(text: string): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(text);
  }

  private sendAck(cseq: number, branch: string, toTag: string | null): void {
    const user = this.options.credential.sipUser;
    const text = buildRequest({
      method: 'ACK',
      uri: toTag === this.toTag && this.remoteTarget ? this.remoteTarget : this.requestUri(),
      via: `SIP/2.0/WS ${this.host};branch=${branch}`,
      from: `<sip:${user}@${this.options.domain}>;tag=${this.fromTag}`,
      to: `<sip:${this.options.number}@${this.options.domain}>${toTag ? `;tag=${toTag}` : ''}`,
      callId: this.callId,
      cseq,
    });
    this.sendText(text);
  }

  private receive(text: string): void {
    const message = parseSipMessage(text);
    if (!message) return;
    if (message.method === 'BYE') {
      this.sendText(buildResponse(message, 200, 'OK'));
      this.end('BYE from the gateway');
      return;
    }
    if (message.method !== null) {
      if (message.method !== 'ACK') this.sendText(buildResponse(message, 405, 'Method Not Allowed'));
      return;
    }
    if (message.status! < 200) return;
    const cseq = headerOf(message, 'cseq') ?? '';
    const key = cseq.replace(/\s+/g, ' ').trim();
    this.waiting.get(key)?.(message);
    this.waiting.delete(key);
  }

  private response(cseq: number, method: string, timeoutMs: number): Promise<SipMessage> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(`${cseq} ${method}`);
        reject(new Error(`no final response to ${method} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting.set(`${cseq} ${method}`, (response) => {
        clearTimeout(timer);
        resolve(response);
      });
    });
  }

  private gathered(): Promise<void> {
    if (this.pc.iceGatheringState === 'complete') return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(), GATHERING_TIMEOUT_MS);
      const subscription = this.pc.iceGatheringStateChange.subscribe((state) => state === 'complete' && done());
      const done = () => {
        clearTimeout(timer);
        subscription.unSubscribe();
        resolve();
      };
    });
  }

  private async until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (this.ended) throw new Error(`call ended while waiting for ${what}`);
      if (Date.now() > deadline) throw new Error(`no ${what} within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  private end(reason: string): void {
    if (this.ended) return;
    this.ended = true;
    this.options.onEnded(reason);
    this.close();
  }

  private close(): void {
    this.pc.close().catch(() => undefined);
    this.ws?.close();
  }
}
