import { randomBytes } from 'node:crypto';
import { createResponse, parseSipMessage, parseVia, serializeSipMessage, type SipParseError, type SipRequest, type SipResponse } from './message.js';
import { type CallManager } from '../calls/call-manager.js';
import { tagOf } from '../calls/dialog.js';
import { type ClientTransactionLayer } from './client-transactions.js';
import { type Registrar } from './registrar.js';
import { type ServerTransaction, ServerTransactionLayer } from './server-transactions.js';
import { type Scheduler } from './timers.js';
import { type SipConnection } from './transport.js';

/**
 * The gateway's SIP front door: every datagram and WebSocket message comes in here. It
 * parses strictly (bad requests get 400/505/513, bad responses are dropped), absorbs
 * retransmissions through the transaction layer, checks what any UAS must check (RFC
 * 3261 8.2: URI scheme, Require, content types, loops) and hands the request to its handler.
 * Call signalling (INVITE, ACK, BYE, CANCEL, INFO) goes to the call manager; responses go
 * to the client transactions of requests the gateway sent.
 */
export const SUPPORTED_METHODS = ['REGISTER', 'OPTIONS', 'INVITE', 'ACK', 'BYE', 'CANCEL', 'INFO'];
const SUPPORTED_EXTENSIONS = new Set(['outbound', 'path', 'gruu', 'replaces']);
const ACCEPTED_BODIES = new Set(['application/sdp', 'application/dtmf-relay', 'application/dtmf', 'multipart/mixed']);

export interface SipEndpointStats {
  received: number;
  rejected: number;
  dropped: number;
}

export class SipEndpoint {
  readonly transactions: ServerTransactionLayer;
  readonly stats: SipEndpointStats = { received: 0, rejected: 0, dropped: 0 };

  /** Set once the call layer exists (it needs the endpoint's transactions). */
  calls: CallManager | null = null;
  clientTransactions: ClientTransactionLayer | null = null;

  constructor(
    private readonly registrar: Registrar,
    scheduler: Scheduler,
    private readonly log: (event: Record<string, unknown>) => void = () => undefined,
  ) {
    this.transactions = new ServerTransactionLayer(scheduler);
  }

  receive(data: Buffer, connection: SipConnection): void {
    this.stats.received++;
    if (data.length <= 4 && data.toString('latin1').trim() === '') return; // CRLF keep-alive
    let message;
    try {
      message = parseSipMessage(data);
    } catch (error) {
      this.refuse(error as SipParseError, connection);
      return;
    }
    if (message.type === 'response') {
      if (!this.clientTransactions?.receive(message)) this.stats.dropped++;
      return;
    }
    noteSource(message, connection);
    const existing = this.transactions.find(message);
    if (existing) {
      existing.receiveAgain(message);
      return;
    }
    if (message.method === 'ACK') {
      this.calls?.onInDialogRequest(message, null, '', connection); // the ACK of a 2xx belongs to the dialog
      return;
    }
    const transaction = this.transactions.create(message, connection);
    const toTag = tagOf(message.headers.get('to')!) ?? randomBytes(6).toString('hex');
    transaction.localTag = toTag;
    const response = this.handle(message, connection, toTag, transaction);
    if (response) transaction.respond(response);
  }

  connectionClosed(connection: SipConnection): void {
    this.registrar.connectionClosed(connection);
    this.calls?.connectionClosed(connection);
  }

  /** Answers the request, or returns null when a handler answers it on the transaction itself. */
  private handle(request: SipRequest, connection: SipConnection, toTag: string, transaction: ServerTransaction): SipResponse | null {
    const answer = (status: number, reason: string) => createResponse(request, status, reason, toTag);
    if (!/^sips?:/i.test(request.uri)) {
      const response = answer(416, 'Unsupported URI Scheme');
      return response;
    }
    if (!SUPPORTED_METHODS.includes(request.method)) {
      const response = answer(501, 'Not Implemented');
      response.headers.append('Allow', SUPPORTED_METHODS.join(', '));
      return response;
    }
    const maxForwards = request.headers.get('max-forwards');
    if (maxForwards !== undefined && Number(maxForwards) === 0 && request.method !== 'OPTIONS' && request.method !== 'REGISTER') {
      return answer(483, 'Too Many Hops');
    }
    const unsupported = [...request.headers.getAll('require'), ...request.headers.getAll('proxy-require')].filter(
      (tag) => !SUPPORTED_EXTENSIONS.has(tag.toLowerCase()),
    );
    if (unsupported.length > 0) {
      const response = answer(420, 'Bad Extension');
      response.headers.append('Unsupported', unsupported.join(', '));
      return response;
    }
    const contentType = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
    if (request.body.length > 0 && contentType && !ACCEPTED_BODIES.has(contentType)) {
      const response = answer(415, 'Unsupported Media Type');
      response.headers.append('Accept', 'application/sdp');
      return response;
    }
    const accept = request.headers.getAll('accept').map((a) => a.split(';')[0]!.trim().toLowerCase());
    if (request.method === 'INVITE' && accept.length > 0 && !accept.some((a) => a === 'application/sdp' || a === '*/*' || a === 'application/*')) {
      const response = answer(406, 'Not Acceptable');
      response.headers.append('Accept', 'application/sdp');
      return response;
    }
    switch (request.method) {
      case 'REGISTER':
        return this.registrar.handle(request, connection, toTag);
      case 'OPTIONS': {
        const response = answer(200, 'OK');
        response.headers.append('Allow', SUPPORTED_METHODS.join(', '));
        response.headers.append('Accept', 'application/sdp');
        return response;
      }
      case 'CANCEL': {
        const invite = this.transactions.find(request, 'INVITE');
        if (!invite) return answer(481, 'Call/Transaction Does Not Exist');
        transaction.respond(createResponse(request, 200, 'OK', invite.localTag ?? toTag));
        this.calls?.onCancel(invite);
        return null;
      }
      default: {
        if (!this.calls) return answer(480, 'Temporarily Unavailable');
        const inDialog = tagOf(request.headers.get('to')!) !== null;
        if (!inDialog && request.method === 'INVITE') {
          this.calls.onInvite(request, transaction, connection, toTag);
          return null;
        }
        if (inDialog && this.calls.onInDialogRequest(request, transaction, toTag, connection)) return null;
        return answer(481, 'Call/Transaction Does Not Exist');
      }
    }
  }

  private refuse(error: SipParseError, connection: SipConnection): void {
    const partial = error.partial;
    const via = partial?.headers.get('via');
    if (error.status === null || !partial || !via || !parseVia(via)) {
      this.stats.dropped++;
      this.log({ msg: 'sip message dropped', reason: error.reason, from: connection.id });
      return;
    }
    this.stats.rejected++;
    this.log({ msg: 'sip request refused', status: error.status, reason: error.reason, from: connection.id });
    const reason = error.status === 505 ? 'Version Not Supported' : error.status === 513 ? 'Message Too Large' : `Bad Request (${error.reason})`;
    noteSource(partial, connection);
    connection.send(serializeSipMessage(createResponse(partial, error.status, reason.replace(/[\r\n]/g, ' '))));
  }
}

/** RFC 3261 18.2.1 and RFC 3581: record where the request really came from in its top Via. */
function noteSource(request: SipRequest, connection: SipConnection): void {
  const top = request.headers.get('via');
  const via = top ? parseVia(top) : null;
  if (!top || !via) return;
  let value = top;
  if (via.host !== connection.remoteAddress) value += `;received=${connection.remoteAddress}`;
  if (via.rport === true) value = value.replace(/;\s*rport(?=;|$)/i, `;rport=${connection.remotePort}`);
  if (value !== top) {
    request.headers.shift('via');
    request.headers.prepend('Via', value);
  }
}
