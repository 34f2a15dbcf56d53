import { parseCSeq, parseVia, serializeSipMessage, type SipRequest, type SipResponse } from './message.js';
import { type Scheduler, T1, T2, T4 } from './timers.js';
import { type SipConnection } from './transport.js';

/**
 * Server transactions (RFC 3261 17.2, with RFC 6026's Accepted state). Retransmitted
 * requests are absorbed here and answered with the last response; over UDP, final non-2xx
 * answers to INVITE are retransmitted until the ACK comes.
 *
 *   non-INVITE:  Trying ──1xx──▶ Proceeding ──final──▶ Completed ──Timer J──▶ Terminated
 *                   └──────────────final─────────────────▲
 *   INVITE:      Proceeding ──2xx──▶ Accepted ──Timer L──▶ Terminated
 *                     └──300-699──▶ Completed ──ACK──▶ Confirmed ──Timer I──▶ Terminated
 *                                       └──Timer H (no ACK)──▶ Terminated
 */
export type ServerTransactionState = 'trying' | 'proceeding' | 'completed' | 'confirmed' | 'accepted' | 'terminated';

export class ServerTransaction {
  state: ServerTransactionState;
  /**
   * The To tag this side answers with, chosen when the request arrived: every response of
   * the transaction, and the 200 to a CANCEL of it, carry the same one (RFC 3261 9.2).
   */
  localTag: string | null = null;
  private lastResponse: Buffer | null = null;
  private timers: unknown[] = [];

  constructor(
    readonly key: string,
    readonly request: SipRequest,
    readonly connection: SipConnection,
    private readonly scheduler: Scheduler,
    private readonly onTerminated: (transaction: ServerTransaction) => void,
    /** Told when an INVITE's non-2xx final answer was never acknowledged. */
    private readonly onAckTimeout: (transaction: ServerTransaction) => void = () => undefined,
  ) {
    this.state = request.method === 'INVITE' ? 'proceeding' : 'trying';
  }

  get isInvite(): boolean {
    return this.request.method === 'INVITE';
  }

  /** Sends a response in this transaction; ignored (false) once a final one was sent. */
  respond(response: SipResponse): boolean {
    if (!['trying', 'proceeding'].includes(this.state)) return false;
    this.lastResponse = serializeSipMessage(response);
    this.connection.send(this.lastResponse);
    if (response.status < 200) {
      this.state = 'proceeding';
      return true;
    }
    if (this.isInvite && response.status < 300) {
      this.state = 'accepted';
      this.after(64 * T1, () => this.terminate());
    } else if (this.isInvite) {
      this.state = 'completed';
      if (!this.connection.reliable) this.retransmit(T1);
      this.after(64 * T1, () => {
        this.onAckTimeout(this);
        this.terminate();
      });
    } else {
      this.state = 'completed';
      this.after(this.connection.reliable ? 0 : 64 * T1, () => this.terminate());
    }
    return true;
  }

  /** The same request again (a retransmission), or the ACK of a non-2xx final answer. */
  receiveAgain(request: SipRequest): void {
    if (request.method === 'ACK') {
      if (this.state !== 'completed') return;
      this.state = 'confirmed';
      this.clearTimers();
      this.after(this.connection.reliable ? 0 : T4, () => this.terminate());
      return;
    }
    if (this.lastResponse && ['proceeding', 'completed', 'accepted'].includes(this.state)) this.connection.send(this.lastResponse);
  }

  terminate(): void {
    if (this.state === 'terminated') return;
    this.state = 'terminated';
    this.clearTimers();
    this.onTerminated(this);
  }

  private retransmit(interval: number): void {
    this.after(interval, () => {
      if (this.state !== 'completed' || !this.lastResponse) return;
      this.connection.send(this.lastResponse);
      this.retransmit(Math.min(interval * 2, T2));
    });
  }

  private after(ms: number, fn: () => void): void {
    this.timers.push(this.scheduler.setTimeout(fn, ms));
  }

  private clearTimers(): void {
    for (const timer of this.timers) this.scheduler.clearTimeout(timer);
    this.timers = [];
  }
}

/**
 * The table of live server transactions. Matching uses the top Via's branch and sent-by
 * with the CSeq method (ACK and CANCEL are looked up against the INVITE), per RFC 3261
 * 17.2.3; requests from RFC 2543 peers without a magic-cookie branch fall back to
 * Call-ID, CSeq and From tag.
 */
export class ServerTransactionLayer {
  private readonly transactions = new Map<string, ServerTransaction>();

  constructor(private readonly scheduler: Scheduler) {}

  get size(): number {
    return this.transactions.size;
  }

  /** The transaction this request belongs to, if any (retransmission, ACK, CANCEL target). */
  find(request: SipRequest, methodOverride?: string): ServerTransaction | undefined {
    return this.transactions.get(transactionKey(request, methodOverride));
  }

  create(request: SipRequest, connection: SipConnection, onAckTimeout?: (t: ServerTransaction) => void): ServerTransaction {
    const key = transactionKey(request);
    const transaction = new ServerTransaction(key, request, connection, this.scheduler, (t) => this.transactions.delete(t.key), onAckTimeout);
    this.transactions.set(key, transaction);
    return transaction;
  }
}

export function transactionKey(request: SipRequest, methodOverride?: string): string {
  const via = parseVia(request.headers.get('via')!)!;
  const method = methodOverride ?? (request.method === 'ACK' ? 'INVITE' : request.method);
  if (via.branch?.startsWith('z9hG4bK')) return `${via.branch}|${via.host}:${via.port ?? ''}|${method}`;
  const cseq = parseCSeq(request.headers.get('cseq')!)!;
  const fromTag = /;\s*tag\s*=\s*([^;\s]+)/i.exec(request.headers.get('from')!)?.[1] ?? '';
  return `2543|${request.headers.get('call-id')}|${cseq.seq}|${fromTag}|${method}`;
}
