import { randomBytes } from 'node:crypto';
import { SipHeaders } from '../sip/headers.js';
import { parseCSeq, parseNameAddr, type SipRequest, type SipResponse } from '../sip/message.js';
import { type SipConnection } from '../sip/transport.js';

/**
 * One SIP dialog (RFC 3261 12) of a leg: the identifiers, sequence numbers, remote target
 * and route set needed to send in-dialog requests (BYE, re-INVITE, INFO, ACK) and to
 * recognise the far end's. The gateway is a B2BUA, so each leg is its own dialog with the
 * gateway as one end.
 */
export class Dialog {
  private localSeq: number;
  remoteSeq: number;

  private constructor(
    readonly callId: string,
    readonly localTag: string,
    public remoteTag: string,
    /** Our identity and theirs as they appear in From/To of requests we send. */
    readonly localUri: string,
    readonly remoteUri: string,
    public remoteTarget: string,
    readonly routeSet: string[],
    /** Where in-dialog requests go; moves when the far end's WebSocket drops and it comes back (`rebind`). */
    private connection_: SipConnection,
    localSeq: number,
    remoteSeq: number,
  ) {
    this.localSeq = localSeq;
    this.remoteSeq = remoteSeq;
  }

  /** The dialog an incoming INVITE creates once we answer it (UAS side). */
  static fromIncomingInvite(invite: SipRequest, connection: SipConnection, localTag: string): Dialog {
    const from = invite.headers.get('from')!;
    const to = invite.headers.get('to')!;
    return new Dialog(
      invite.headers.get('call-id')!,
      localTag,
      tagOf(from) ?? '',
      stripTag(to),
      stripTag(from),
      contactUri(invite) ?? parseNameAddr(from)!.uri.toString(),
      invite.headers.getAll('record-route'),
      connection,
      Math.floor(Math.random() * 10_000) + 1,
      parseCSeq(invite.headers.get('cseq')!)!.seq,
    );
  }

  /** The dialog of an INVITE we send (UAC side); confirmed by the answer's To tag. */
  static forOutgoingInvite(params: { localUri: string; remoteUri: string; remoteTarget: string; connection: SipConnection }): Dialog {
    return new Dialog(
      `${randomBytes(12).toString('hex')}@gateway`,
      randomBytes(6).toString('hex'),
      '',
      params.localUri,
      params.remoteUri,
      params.remoteTarget,
      [],
      params.connection,
      1,
      0,
    );
  }

  get connection(): SipConnection {
    return this.connection_;
  }

  /**
   * The far end came back on another connection (a browser whose WebSocket dropped sends its
   * next in-dialog request, an ICE-restart re-INVITE, over the new one): requests we send
   * from now on go there.
   */
  rebind(connection: SipConnection): void {
    this.connection_ = connection;
  }

  /** Whether a request belongs to this dialog (Call-ID and both tags). */
  matches(request: SipRequest): boolean {
    return (
      request.headers.get('call-id') === this.callId &&
      tagOf(request.headers.get('to')!) === this.localTag &&
      tagOf(request.headers.get('from')!) === this.remoteTag
    );
  }

  /** Applies the answer to our INVITE: remote tag, target and (reversed) route set. */
  confirmWith(response: SipResponse): void {
    this.remoteTag = tagOf(response.headers.get('to')!) ?? this.remoteTag;
    const contact = response.headers.get('contact');
    if (contact) this.remoteTarget = parseNameAddr(contact)?.uri.toString() ?? this.remoteTarget;
    this.routeSet.splice(0, this.routeSet.length, ...response.headers.getAll('record-route').reverse());
  }

  /** A new in-dialog request (Via is added by the transaction layer). */
  request(method: string, body?: { contentType: string; content: string }, cseq?: number): SipRequest {
    const headers = new SipHeaders();
    headers.append('Max-Forwards', '70');
    headers.append('From', `${this.localUri};tag=${this.localTag}`);
    headers.append('To', this.remoteTag ? `${this.remoteUri};tag=${this.remoteTag}` : this.remoteUri);
    headers.append('Call-ID', this.callId);
    const seq = cseq ?? (method === 'ACK' ? this.localSeq : ++this.localSeq);
    headers.append('CSeq', `${seq} ${method}`);
    for (const route of this.routeSet) headers.append('Route', route);
    if (body) headers.append('Content-Type', body.contentType);
    return { type: 'request', method, uri: this.remoteTarget, headers, body: Buffer.from(body?.content ?? '') };
  }

  get currentLocalSeq(): number {
    return this.localSeq;
  }
}

export function tagOf(header: string): string | null {
  return parseNameAddr(header)?.getParam('tag') ?? null;
}

function stripTag(header: string): string {
  const parsed = parseNameAddr(header);
  if (!parsed) return header;
  const display = parsed.displayName ? `"${parsed.displayName.replace(/"/g, '')}" ` : '';
  return `${display}<${parsed.uri.toString()}>`;
}

function contactUri(request: SipRequest): string | null {
  const contact = request.headers.get('contact');
  return contact ? (parseNameAddr(contact)?.uri.toString() ?? null) : null;
}
