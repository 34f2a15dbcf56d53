import { randomBytes } from 'node:crypto';
import { parseVia, serializeSipMessage, type SipRequest, type SipResponse } from './message.js';
import { type Scheduler, T1, T2 } from './timers.js';
import { type SipConnection } from './transport.js';

/**
 * Client transactions (RFC 3261 17.1): requests the gateway sends (BYE, INVITE towards a
 * softphone, re-INVITE, INFO). Over UDP the request is retransmitted (Timers A/E) until a
 * response comes; with no final response within 64×T1 (Timers B/F) the transaction times
 * out, which the caller treats as the far end being gone. The ACK for a non-2xx answer to an
 * INVITE belongs to the transaction and is sent here; the ACK for a 2xx is the dialog's.
 */
export interface ClientTransactionUser {
  onProvisional?(response: SipResponse): void;
  onFinal(response: SipResponse): void;
  /**
   * The far end sent its 2xx to our INVITE again: our ACK was lost (over UDP), and the ACK
   * is the dialog's to send again, not the transaction's (RFC 3261 13.2.2.4).
   */
  on2xxRetransmission?(response: SipResponse): void;
  onTimeout(): void;
}

export class ClientTransaction {
  private state: 'calling' | 'proceeding' | 'completed' | 'terminated' = 'calling';
  private timers: unknown[] = [];

  constructor(
    readonly branch: string,
    readonly request: SipRequest,
    readonly connection: SipConnection,
    private readonly scheduler: Scheduler,
    private readonly user: ClientTransactionUser,
    private readonly onTerminated: (t: ClientTransaction) => void,
  ) {}

  start(): void {
    const bytes = serializeSipMessage(this.request);
    this.connection.send(bytes);
    if (!this.connection.reliable) this.retransmit(bytes, T1);
    this.after(64 * T1, () => {
      if (this.state === 'calling' || this.state === 'proceeding') {
        this.user.onTimeout();
        this.terminate();
      }
    });
  }

  receive(response: SipResponse): void {
    if (this.state === 'terminated') return;
    if (response.status < 200) {
      if (this.state === 'calling') this.state = 'proceeding';
      this.user.onProvisional?.(response);
      return;
    }
    if (this.state === 'completed') {
      // A retransmitted final answer: repeat our ACK for a non-2xx INVITE answer.
      if (this.request.method === 'INVITE' && response.status >= 300) this.sendAck(response);
      else if (this.request.method === 'INVITE') this.user.on2xxRetransmission?.(response);
      return;
    }
    this.clearTimers();
    this.state = 'completed';
    if (this.request.method === 'INVITE' && response.status >= 300) this.sendAck(response);
    this.user.onFinal(response);
    // Over UDP the transaction stays 64*T1 after a final answer: retransmitted non-2xx answers
    // get our ACK again, retransmitted 2xx go to the dialog (RFC 6026's Accepted state).
    const linger = this.connection.reliable ? 0 : 64 * T1;
    this.after(linger, () => this.terminate());
  }

  private sendAck(response: SipResponse): void {
    const ack = this.request.headers.clone();
    for (const name of ['content-type', 'contact', 'authorization', 'proxy-authorization', 'supported', 'allow']) ack.remove(name);
    ack.set('To', response.headers.get('to')!);
    const cseq = this.request.headers.get('cseq')!.replace(/INVITE$/, 'ACK');
    ack.set('CSeq', cseq);
    this.connection.send(serializeSipMessage({ type: 'request', method: 'ACK', uri: this.request.uri, headers: ack, body: Buffer.alloc(0) }));
  }

  private retransmit(bytes: Buffer, interval: number): void {
    this.after(interval, () => {
      const invite = this.request.method === 'INVITE';
      if (invite ? this.state !== 'calling' : this.state === 'completed' || this.state === 'terminated') return;
      this.connection.send(bytes);
      this.retransmit(bytes, invite ? interval * 2 : Math.min(interval * 2, T2));
    });
  }

  private terminate(): void {
    if (this.state === 'terminated') return;
    this.state = 'terminated';
    this.clearTimers();
    this.onTerminated(this);
  }

  private after(ms: number, fn: () => void): void {
    this.timers.push(this.scheduler.setTimeout(fn, ms));
  }

  private clearTimers(): void {
    for (const timer of this.timers) this.scheduler.clearTimeout(timer);
    this.timers = [];
  }
}

export class ClientTransactionLayer {
  private readonly transactions = new Map<string, ClientTransaction>();

  constructor(
    private readonly scheduler: Scheduler,
    /** What we put in our Via: host and transport as the peer should see them. */
    private readonly viaFor: (connection: SipConnection) => string,
  ) {}

  get size(): number {
    return this.transactions.size;
  }

  /** Adds our Via with a fresh branch and sends the request. */
  send(request: SipRequest, connection: SipConnection, user: ClientTransactionUser): ClientTransaction {
    const branch = `z9hG4bK${randomBytes(8).toString('hex')}`;
    request.headers.prepend('Via', `SIP/2.0/${this.viaFor(connection)};branch=${branch};rport`);
    const transaction = new ClientTransaction(branch, request, connection, this.scheduler, user, (t) => this.transactions.delete(`${t.branch}|${t.request.method}`));
    this.transactions.set(`${branch}|${request.method}`, transaction);
    transaction.start();
    return transaction;
  }

  /** A CANCEL rides on the branch of the INVITE it cancels (RFC 3261 9.1). */
  sendOnBranch(request: SipRequest, of: ClientTransaction, user: ClientTransactionUser): ClientTransaction {
    request.headers.remove('via');
    request.headers.prepend('Via', of.request.headers.get('via')!);
    const transaction = new ClientTransaction(of.branch, request, of.connection, this.scheduler, user, (t) => this.transactions.delete(`${t.branch}|${t.request.method}`));
    this.transactions.set(`${of.branch}|${request.method}`, transaction);
    transaction.start();
    return transaction;
  }

  /** Sends with a fresh Via and no transaction: the ACK of a 2xx. */
  sendStateless(request: SipRequest, connection: SipConnection): void {
    request.headers.prepend('Via', `SIP/2.0/${this.viaFor(connection)};branch=z9hG4bK${randomBytes(8).toString('hex')};rport`);
    connection.send(serializeSipMessage(request));
  }

  /** Routes a response to its transaction; false when none matches (a stray response). */
  receive(response: SipResponse): boolean {
    const via = parseVia(response.headers.get('via')!);
    const method = /\s(\S+)$/.exec(response.headers.get('cseq')!)?.[1];
    const transaction = via?.branch ? this.transactions.get(`${via.branch}|${method}`) : undefined;
    if (!transaction) return false;
    transaction.receive(response);
    return true;
  }
}
