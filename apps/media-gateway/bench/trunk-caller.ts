/**
 * The trunk side of a benchmark call: a plain RTP user agent. SIP over UDP from one socket
 * shared by all of a load process's trunk calls (as a carrier's trunk would), INVITE with a
 * PCMU offer to a public number (no authentication, like the phone network), ACK for every
 * 200, and RTP from the call's own UDP socket, which the gateway latches onto (symmetric RTP).
 * UDP may drop datagrams under load, so the INVITE and the BYE are retransmitted (RFC 3261
 * timers A and E, T1 = 500 ms).
 */
import { createSocket, type Socket } from 'node:dgram';
import { buildRequest, buildResponse, contactUri, headerOf, newBranch, newCallId, newTag, parseSipMessage, type SipMessage, tagOf } from './sip-uac.js';

const T1 = 500;
const T2 = 4000;

/** The load process's SIP/UDP socket, handing each message to the call it belongs to. */
export class SipUdpEndpoint {
  private readonly calls = new Map<string, (message: SipMessage) => void>();

  private constructor(
    private readonly socket: Socket,
    readonly gateway: { host: string; port: number },
  ) {
    socket.on('message', (data) => {
      const message = parseSipMessage(data.toString('utf8'));
      const callId = message && headerOf(message, 'call-id');
      if (callId) this.calls.get(callId)?.(message);
    });
  }

  static async open(gateway: { host: string; port: number }): Promise<SipUdpEndpoint> {
    const socket = await bind();
    // Setups come in bursts (200s retransmitted, ACKs, BYEs of many calls at once).
    socket.setRecvBufferSize(1 << 20);
    return new SipUdpEndpoint(socket, gateway);
  }

  get localPort(): number {
    return this.socket.address().port;
  }

  register(callId: string, handler: (message: SipMessage) => void): () => void {
    this.calls.set(callId, handler);
    return () => this.calls.delete(callId);
  }

  send(text: string): void {
    this.socket.send(text, this.gateway.port, this.gateway.host);
  }

  close(): void {
    this.socket.close();
  }
}

export interface TrunkCallerOptions {
  sip: SipUdpEndpoint;
  user: string;
  number: string;
  timeoutMs: number;
  onPayload(payload: Uint8Array): void;
  onEnded(reason: string): void;
}

export class TrunkCaller {
  private readonly callId = newCallId();
  private readonly inviteBranch = newBranch();
  private readonly fromTag = newTag();
  private toTag: string | null = null;
  private remoteTarget: string;
  private remoteRtp: { address: string; port: number } | null = null;
  private readonly unregister: () => void;
  private readonly waiting = new Map<string, (response: SipMessage) => void>();
  private ended = false;
  private confirmed = false;
  private cseq = 1;
  private sequenceNumber = 0;
  private timestamp = 0;
  private readonly ssrc = (Math.random() * 2 ** 32) >>> 0;

  private constructor(
    private readonly options: TrunkCallerOptions,
    private readonly rtp: Socket,
  ) {
    const { host, port } = options.sip.gateway;
    this.remoteTarget = `sip:${options.number}@${host}:${port}`;
    this.unregister = options.sip.register(this.callId, (message) => this.receive(message));
    rtp.on('message', (data) => {
      const payload = rtpPayload(data);
      if (payload) options.onPayload(payload);
    });
  }

  static async call(options: TrunkCallerOptions): Promise<TrunkCaller> {
    const caller = new TrunkCaller(options, await bind());
    try {
      await caller.invite();
      return caller;
    } catch (error) {
      caller.close();
      throw error;
    }
  }

  get established(): boolean {
    return this.confirmed && !this.ended;
  }

  send(payload: Buffer): void {
    const remote = this.remoteRtp;
    if (!remote) return;
    const header = Buffer.alloc(12);
    header[0] = 0x80;
    header[1] = this.sequenceNumber === 0 ? 0x80 : 0; // PCMU, marker on the first packet
    header.writeUInt16BE(this.sequenceNumber, 2);
    header.writeUInt32BE(this.timestamp, 4);
    header.writeUInt32BE(this.ssrc, 8);
    this.sequenceNumber = (this.sequenceNumber + 1) & 0xffff;
    this.timestamp = (this.timestamp + 160) >>> 0;
    this.rtp.send([header, payload], remote.port, remote.address);
  }

  async hangup(): Promise<void> {
    if (this.established) {
      this.ended = true;
      const cseq = ++this.cseq;
      await this.transaction('BYE', cseq, newBranch(), 2000).catch(() => undefined);
    }
    this.ended = true;
    this.close();
  }

  private async invite(): Promise<void> {
    const response = await this.transaction('INVITE', this.cseq, this.inviteBranch, this.options.timeoutMs);
    if (response.status !== 200) throw new Error(`INVITE answered ${response.status} ${response.reason}`);
    const media = /^c=IN IP4 (\S+)[\s\S]*?^m=audio (\d+) /m.exec(response.body);
    if (!media) throw new Error('the 200 carried no usable SDP answer');
    this.remoteRtp = { address: media[1]!, port: Number(media[2]) };
    this.confirmed = true;
  }

  /** Sends a request until a final response (retransmitting on UDP) and resolves to it. */
  private transaction(method: 'INVITE' | 'BYE', cseq: number, branch: string, timeoutMs: number): Promise<SipMessage> {
    const text = this.request(method, cseq, branch);
    return new Promise((resolve, reject) => {
      let interval = T1;
      let provisional = false;
      let retransmit: NodeJS.Timeout;
      const again = () => {
        // An INVITE stops repeating at the first provisional response; a BYE repeats until final.
        if (method === 'INVITE' && provisional) return;
        this.options.sip.send(text);
        retransmit = setTimeout(again, interval);
        interval = method === 'INVITE' ? interval * 2 : Math.min(interval * 2, T2);
      };
      const deadline = setTimeout(() => {
        finish();
        reject(new Error(`no final response to ${method} within ${timeoutMs} ms`));
      }, timeoutMs);
      const finish = () => {
        clearTimeout(retransmit);
        clearTimeout(deadline);
        this.waiting.delete(`${cseq} ${method}`);
      };
      this.waiting.set(`${cseq} ${method}`, (response) => {
        if (response.status! < 200) {
          provisional = true;
          return;
        }
        finish();
        resolve(response);
      });
      again();
    });
  }

  private receive(message: SipMessage): void {
    if (message.method === 'BYE') {
      this.options.sip.send(buildResponse(message, 200, 'OK'));
      if (!this.ended) {
        this.ended = true;
        this.options.onEnded('BYE from the gateway');
        this.close();
      }
      return;
    }
    if (message.method !== null) return;
    const key = (headerOf(message, 'cseq') ?? '').replace(/\s+/g, ' ').trim();
    if (key.endsWith('INVITE') && message.status! >= 200) {
      // Every 200 (first or retransmitted) gets its ACK, a new transaction; an error answer
      // gets the ACK of the INVITE's own transaction (same branch, RFC 3261 17.1.1.3).
      const ok = message.status! < 300;
      if (ok) {
        this.toTag = tagOf(headerOf(message, 'to'));
        this.remoteTarget = contactUri(headerOf(message, 'contact')) ?? this.remoteTarget;
      }
      this.options.sip.send(this.request('ACK', Number(key.split(' ')[0]), ok ? newBranch() : this.inviteBranch, tagOf(headerOf(message, 'to'))));
    }
    this.waiting.get(key)?.(message);
    if (message.status! >= 200) this.waiting.delete(key);
  }

  private request(method: string, cseq: number, branch: string, toTag = this.toTag): string {
    const sip = this.options.sip;
    const local = `127.0.0.1:${sip.localPort}`;
    const rtpPort = this.rtp.address().port;
    const offer =
      method === 'INVITE'
        ? [
            'v=0',
            `o=bench ${this.ssrc} 1 IN IP4 127.0.0.1`,
            's=bench',
            'c=IN IP4 127.0.0.1',
            't=0 0',
            `m=audio ${rtpPort} RTP/AVP 0 101`,
            'a=rtpmap:0 PCMU/8000',
            'a=rtpmap:101 telephone-event/8000',
            'a=fmtp:101 0-16',
            'a=ptime:20',
            'a=sendrecv',
            '',
          ].join('\r\n')
        : null;
    return buildRequest({
      method,
      uri: method === 'INVITE' ? `sip:${this.options.number}@${sip.gateway.host}:${sip.gateway.port}` : this.remoteTarget,
      via: `SIP/2.0/UDP ${local};branch=${branch};rport`,
      from: `<sip:${this.options.user}@bench.invalid>;tag=${this.fromTag}`,
      to: `<sip:${this.options.number}@${sip.gateway.host}>${toTag ? `;tag=${toTag}` : ''}`,
      callId: this.callId,
      cseq,
      contact: method === 'INVITE' ? `<sip:${this.options.user}@${local}>` : undefined,
      body: offer ? { type: 'application/sdp', content: offer } : undefined,
    });
  }

  private close(): void {
    this.unregister();
    try {
      this.rtp.close();
    } catch {
      // already closed
    }
  }
}

/** The payload of a PCMU RTP packet (fixed header, CSRCs and extension skipped), else null. */
function rtpPayload(data: Buffer): Buffer | null {
  if (data.length < 12 || data[0]! >> 6 !== 2 || (data[1]! & 0x7f) !== 0) return null;
  let offset = 12 + 4 * (data[0]! & 0x0f);
  if (data[0]! & 0x10) {
    if (data.length < offset + 4) return null;
    offset += 4 + 4 * data.readUInt16BE(offset + 2);
  }
  const end = data[0]! & 0x20 ? data.length - data[data.length - 1]! : data.length;
  return offset <= end ? data.subarray(offset, end) : null;
}

function bind(): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => {
      socket.off('error', reject);
      socket.on('error', () => undefined); // ICMP unreachable after the gateway closed a port
      resolve(socket);
    });
  });
}
