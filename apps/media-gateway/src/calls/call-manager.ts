import { randomBytes } from 'node:crypto';
import { type GatewayEvent, type HangupCause } from '@ccx/contracts';
import { type Authenticator, isWidgetVisitor, widgetVisitorScope } from '../sip/authenticator.js';
import { type ClientTransaction, type ClientTransactionLayer } from '../sip/client-transactions.js';
import { createResponse, parseNameAddr, serializeSipMessage, type SipRequest, type SipResponse } from '../sip/message.js';
import { type ServerTransaction } from '../sip/server-transactions.js';
import { type Scheduler, T1, T2 } from '../sip/timers.js';
import { type SipConnection } from '../sip/transport.js';
import { Dialog } from './dialog.js';
import { type PcmFrame } from '../media/frame.js';
import { type MediaBackend, MediaBackendError, MediaBackendErrorCode, type MediaEndpoint, type MediaEndpointEvents } from './media-backend.js';

/**
 * The B2BUA's legs: each incoming INVITE (or, later, each call the gateway places) is a leg
 * with its own dialog and media endpoint. This class speaks SIP for the legs and reports
 * what happens as control events; what to do with a leg (answer, reject, hang up) comes back
 * as commands from the server. No business rules here.
 *
 *   offered ──ring──▶ ringing ──answer──▶ answering ──ACK──▶ confirmed ──BYE (either)──▶ ended
 *      └───────────────┴── reject / CANCEL / setup timeout ──────────────────────────────▶ ended
 */
type LegState = 'offered' | 'ringing' | 'answering' | 'confirmed' | 'ended';

interface Leg {
  id: string;
  state: LegState;
  channel: 'web' | 'trunk';
  dialog: Dialog;
  /** The INVITE that created the leg: theirs (we answer it) or ours (they answer it). */
  direction: 'incoming' | 'outgoing';
  invite: SipRequest;
  /** Incoming legs: the server transaction we answer on. */
  transaction: ServerTransaction | null;
  /** Outgoing legs: our INVITE's client transaction, for CANCEL. */
  outgoing: ClientTransaction | null;
  /** Outgoing legs: the far end gave a final answer (nothing left to CANCEL). */
  finalAnswer: boolean;
  media: MediaEndpoint | null;
  /** Legs of one group have their media placed together (a `near` leg's group, else its own id). */
  mediaGroup: string;
  timers: unknown[];
  /** The WebSocket the dialog runs over closed; the leg waits (its media may still flow) for the far end to come back. */
  connectionLost: boolean;
}

/** Where answered legs' audio goes: the media engine. */
export interface LegAudio {
  attach(legId: string, endpoint: MediaEndpoint): void;
  frame(legId: string, frame: PcmFrame, receivedAt?: number): void;
  digit(legId: string, digit: string): void;
  detach(legId: string): void;
}

export interface CallManagerOptions {
  /** Numbers reachable from the trunk without authentication (DIDs). */
  publicNumbers: string[];
  /** Gives up on a leg nobody answered or rejected. */
  setupTimeoutMs: number;
  /** host:port of our UDP socket: trunks send in-dialog requests (BYE, re-INVITE) to our Contact. */
  udpSentBy?: string;
}

export class CallManager {
  private readonly legs = new Map<string, Leg>();
  /** The numbers callers without credentials may reach; the server may replace them (`setPublicNumbers`). */
  private publicNumbers: ReadonlySet<string>;

  constructor(
    private readonly options: CallManagerOptions,
    private readonly authenticator: Authenticator,
    private readonly clientTransactions: ClientTransactionLayer,
    private readonly media: MediaBackend,
    private readonly scheduler: Scheduler,
    private readonly emit: (event: GatewayEvent) => void,
    private readonly audio: LegAudio | null = null,
  ) {
    this.publicNumbers = new Set(options.publicNumbers);
  }

  setPublicNumbers(numbers: readonly string[]): void {
    this.publicNumbers = new Set(numbers);
  }

  get activeLegs(): number {
    return this.legs.size;
  }

  /** A new INVITE (outside any dialog). The answer may come later, by command. */
  onInvite(request: SipRequest, transaction: ServerTransaction, connection: SipConnection, toTag: string): void {
    const channel = connection.protocol === 'UDP' ? 'trunk' : 'web';
    const to = parseNameAddr(request.headers.get('to')!)?.uri.user ?? '';
    let sipUser: string | null = null;
    if (channel === 'trunk') {
      if (!this.publicNumbers.has(to)) {
        transaction.respond(createResponse(request, 404, 'Not Found', toTag));
        return;
      }
    } else {
      // Browsers call as authenticated users: agents' and supervisors' softphones, or a web
      // visitor with the short-lived widget credential the server issued, which reaches the
      // public entry numbers only (the same numbers the trunk may call).
      const auth = this.authenticator.authenticate(request, connection.remoteAddress, toTag, 'from');
      if (!auth.ok) {
        transaction.respond(auth.response);
        return;
      }
      if (isWidgetVisitor(auth.sipUser)) {
        const scope = widgetVisitorScope(auth.sipUser);
        if (!this.publicNumbers.has(to) || (scope !== null && scope !== to)) {
          transaction.respond(createResponse(request, 403, 'Forbidden (a widget visitor may call the entry point it was given only)', toTag));
          return;
        }
      }
      sipUser = auth.sipUser;
    }
    if (!/application\/sdp/i.test(request.headers.get('content-type') ?? '') || request.body.length === 0) {
      transaction.respond(createResponse(request, 488, 'Not Acceptable Here (an SDP offer is required)', toTag));
      return;
    }
    transaction.respond(createResponse(request, 100, 'Trying'));
    const leg: Leg = {
      id: `leg-${randomBytes(8).toString('hex')}`,
      state: 'offered',
      channel,
      dialog: Dialog.fromIncomingInvite(request, connection, toTag),
      direction: 'incoming',
      invite: request,
      transaction,
      outgoing: null,
      finalAnswer: false,
      media: null,
      mediaGroup: '',
      timers: [],
      connectionLost: false,
    };
    leg.mediaGroup = leg.id;
    this.legs.set(leg.id, leg);
    leg.timers.push(this.scheduler.setTimeout(() => this.end(leg, 'setup-timeout', 480), this.options.setupTimeoutMs));
    const from = parseNameAddr(request.headers.get('from')!)?.uri;
    this.emit({ event: 'incoming', legId: leg.id, channel, from: from?.user ?? from?.toString() ?? 'anonymous', to, sipUser, at: this.scheduler.now() });
  }

  /** Requests inside a dialog: ACK, BYE, re-INVITE, INFO. Returns false when no leg matches. */
  onInDialogRequest(request: SipRequest, transaction: ServerTransaction | null, toTag: string, connection?: SipConnection): boolean {
    const leg = [...this.legs.values()].find((l) => l.dialog.matches(request));
    if (!leg) return false;
    // Only a dialog whose own WebSocket is gone moves: a live dialog is not taken over by
    // another connection that happens to know its identifiers.
    if (connection && leg.connectionLost && connection.reliable && connection.id !== leg.dialog.connection.id) {
      leg.dialog.rebind(connection);
      leg.connectionLost = false;
    }
    const answer = (status: number, reason: string) => createResponse(request, status, reason, toTag);
    switch (request.method) {
      case 'ACK':
        if (leg.state === 'answering') {
          leg.state = 'confirmed';
          this.clearTimers(leg);
        }
        return true;
      case 'BYE':
        transaction?.respond(answer(200, 'OK'));
        this.end(leg, 'remote-bye');
        return true;
      case 'INVITE':
        void this.onReinvite(leg, request, transaction!, toTag);
        return true;
      case 'INFO': {
        const signal = /Signal\s*=\s*([0-9*#A-D])/i.exec(request.body.toString())?.[1];
        const duration = Number(/Duration\s*=\s*(\d+)/i.exec(request.body.toString())?.[1] ?? 100);
        transaction?.respond(answer(200, 'OK'));
        if (signal) {
          this.audio?.digit(leg.id, signal.toUpperCase());
          this.emit({ event: 'digit', legId: leg.id, digit: signal.toUpperCase(), durationMs: duration, source: 'info', at: this.scheduler.now() });
        }
        return true;
      }
      default:
        transaction?.respond(answer(405, 'Method Not Allowed'));
        return true;
    }
  }

  /**
   * A WebSocket closed. Its calls are not hung up: a browser whose connection dropped keeps
   * its media flowing (ICE and SRTP run over UDP) and comes back on a new WebSocket with an
   * ICE-restart re-INVITE, which moves the dialog there. A tab that is really gone stops
   * sending media, and the media-inactivity timeout ends the leg.
   */
  connectionClosed(connection: SipConnection): void {
    for (const leg of this.legs.values()) if (leg.dialog.connection.id === connection.id) leg.connectionLost = true;
  }

  /** CANCEL of a pending INVITE: 200 for the CANCEL, 487 for the INVITE (RFC 3261 9.2). */
  onCancel(inviteTransaction: ServerTransaction): void {
    const leg = [...this.legs.values()].find((l) => l.transaction === inviteTransaction && l.direction === 'incoming');
    if (leg && (leg.state === 'offered' || leg.state === 'ringing')) this.end(leg, 'cancelled', 487);
  }

  ring(legId: string): void {
    const leg = this.require(legId, ['offered', 'ringing'], 'incoming');
    leg.state = 'ringing';
    leg.transaction!.respond(createResponse(leg.invite, 180, 'Ringing', leg.dialog.localTag));
    this.emit({ event: 'ringing', legId, at: this.scheduler.now() });
  }

  /** `near`: the leg this one will be bridged with, for the media's placement (GatewayCommandSchema). */
  /** The media group of a leg to be placed near `near`: that leg's group, or its id if it is gone (a new group). */
  private mediaGroupNear(near: string): string {
    return this.legs.get(near)?.mediaGroup ?? near;
  }

  async answer(legId: string, near?: string): Promise<void> {
    const leg = this.require(legId, ['offered', 'ringing'], 'incoming');
    leg.state = 'answering';
    if (near !== undefined) leg.mediaGroup = this.mediaGroupNear(near);
    try {
      const { endpoint, answer } = await this.media.answer(leg.invite.body.toString(), leg.channel === 'web' ? 'webrtc' : 'rtp', this.mediaEvents(legId), { group: leg.mediaGroup });
      leg.media = endpoint;
      if (leg.state !== 'answering') {
        endpoint.close(); // cancelled while media was being set up
        return;
      }
      const ok = createResponse(leg.invite, 200, 'OK', leg.dialog.localTag);
      ok.headers.append('Contact', this.contactFor(leg.dialog.connection));
      ok.headers.append('Content-Type', 'application/sdp');
      ok.body = Buffer.from(answer);
      leg.transaction!.respond(ok);
      this.audio?.attach(legId, endpoint);
      this.retransmitOkUntilAck(leg, ok);
      this.emit({ event: 'answered', legId, at: this.scheduler.now() });
    } catch (error) {
      if (error instanceof MediaBackendError && error.code === MediaBackendErrorCode.Overloaded) {
        // Too many setups already waiting: the caller may retry soon (RFC 3261 §21.5.4).
        this.end(leg, 'failure', 503, { 'Retry-After': String(error.retryAfterSeconds ?? 5) });
      } else {
        this.end(leg, 'failure', 488);
      }
    }
  }

  reject(legId: string, status: number): void {
    const leg = this.require(legId, ['offered', 'ringing'], 'incoming');
    this.end(leg, status === 486 || status === 600 ? 'busy' : 'rejected', status);
  }

  /**
   * Key presses towards an answered leg as RFC 4733 events; false when its far end did not
   * negotiate them (the caller then sends them in-band).
   */
  async sendDigits(legId: string, digits: string, durationMs: number): Promise<boolean> {
    const leg = this.require(legId, ['confirmed']);
    return leg.media!.sendDigits(digits, durationMs);
  }

  /** Ends a leg from our side: an error answer before it was answered, BYE after. */
  hangup(legId: string, cause: HangupCause = 'local'): void {
    const leg = this.legs.get(legId);
    if (!leg) return;
    this.end(leg, cause, this.established(leg) ? undefined : 480);
  }

  /**
   * Calls a registered softphone (its latest registration) or the trunk: our offer in an
   * INVITE; `ringing` and `answered` (or `hangup` with the reason) follow as events.
   */
  async originate(legId: string, target: { connection: SipConnection; requestUri: string; toUri: string; channel: 'web' | 'trunk' }, callerId: string, domain: string, ringTimeoutMs: number, near?: string): Promise<void> {
    if (this.legs.has(legId)) throw new CallError('gateway/bad-state', `leg ${legId} exists`);
    const dialog = Dialog.forOutgoingInvite({ localUri: `<sip:${callerId}@${domain}>`, remoteUri: target.toUri, remoteTarget: target.requestUri, connection: target.connection });
    const mediaGroup = near !== undefined ? this.mediaGroupNear(near) : legId;
    const { endpoint, offer, accept } = await this.media.offer(target.channel === 'web' ? 'webrtc' : 'rtp', this.mediaEvents(legId), { group: mediaGroup });
    const invite = dialog.request('INVITE', { contentType: 'application/sdp', content: offer });
    invite.headers.append('Contact', this.contactFor(target.connection));
    const leg: Leg = { id: legId, state: 'offered', channel: target.channel, dialog, direction: 'outgoing', invite, transaction: null, outgoing: null, finalAnswer: false, media: endpoint, mediaGroup, timers: [], connectionLost: false };
    this.legs.set(legId, leg);
    leg.timers.push(this.scheduler.setTimeout(() => this.end(leg, 'no-answer'), ringTimeoutMs));
    leg.outgoing = this.clientTransactions.send(invite, target.connection, {
      onProvisional: (response) => {
        if (response.status === 180 || response.status === 183) {
          if (leg.state === 'offered') this.emit({ event: 'ringing', legId, at: this.scheduler.now() });
          leg.state = 'ringing';
        }
      },
      onFinal: (response) => {
        leg.finalAnswer = true;
        if (leg.state === 'ended') {
          // Answered after we gave up on it: take the call and hang it up at once.
          if (response.status < 300) this.acknowledgeAndBye(dialog, response, invite);
          return;
        }
        if (response.status >= 300) {
          this.end(leg, response.status === 486 || response.status === 600 ? 'busy' : response.status === 487 ? 'no-answer' : 'rejected');
          return;
        }
        dialog.confirmWith(response);
        this.sendAck(dialog, invite);
        accept(response.body.toString()).then(
          () => {
            if (leg.state === 'ended') return;
            this.clearTimers(leg);
            leg.state = 'confirmed';
            this.audio?.attach(legId, endpoint);
            this.emit({ event: 'answered', legId, at: this.scheduler.now() });
          },
          () => this.end(leg, 'failure'),
        );
      },
      on2xxRetransmission: () => {
        if (leg.finalAnswer) this.sendAck(dialog, invite);
      },
      onTimeout: () => this.end(leg, 'no-answer'),
    });
  }

  mediaOf(legId: string): MediaEndpoint | null {
    return this.legs.get(legId)?.media ?? null;
  }

  private async onReinvite(leg: Leg, request: SipRequest, transaction: ServerTransaction, toTag: string): Promise<void> {
    if (!leg.media || leg.state !== 'confirmed') {
      transaction.respond(createResponse(request, 491, 'Request Pending', toTag));
      return;
    }
    try {
      const wasHeld = leg.media.heldByRemote;
      const answer = await leg.media.reoffer(request.body.toString());
      const ok = createResponse(request, 200, 'OK', toTag);
      ok.headers.append('Contact', this.contactFor(leg.dialog.connection));
      ok.headers.append('Content-Type', 'application/sdp');
      ok.body = Buffer.from(answer);
      transaction.respond(ok);
      if (wasHeld !== leg.media.heldByRemote) this.emit({ event: 'held', legId: leg.id, held: leg.media.heldByRemote, at: this.scheduler.now() });
    } catch {
      transaction.respond(createResponse(request, 488, 'Not Acceptable Here', toTag));
    }
  }

  /** Over UDP the 2xx to INVITE is the UAS core's to repeat until the ACK (RFC 3261 13.3.1.4). */
  private retransmitOkUntilAck(leg: Leg, ok: SipResponse): void {
    if (leg.dialog.connection.reliable) {
      leg.timers.push(this.scheduler.setTimeout(() => leg.state === 'answering' && this.end(leg, 'failure'), 64 * T1));
      return;
    }
    let interval = T1;
    const resend = () => {
      if (leg.state !== 'answering') return;
      leg.dialog.connection.send(serializeSipMessage(ok));
      interval = Math.min(interval * 2, T2);
      leg.timers.push(this.scheduler.setTimeout(resend, interval));
    };
    leg.timers.push(this.scheduler.setTimeout(resend, interval));
    leg.timers.push(this.scheduler.setTimeout(() => leg.state === 'answering' && this.end(leg, 'failure'), 64 * T1));
  }

  /**
   * Our 200 went out (or theirs came in): from here a leg ends with BYE. An incoming leg
   * whose media is still being set up is `answering` without media and still ends with an
   * error response, as if unanswered.
   */
  private established(leg: Leg): boolean {
    return leg.state === 'confirmed' || (leg.state === 'answering' && leg.media !== null);
  }

  private end(leg: Leg, cause: HangupCause, status?: number, headers: Record<string, string> = {}): void {
    if (leg.state === 'ended') return;
    const wasEstablished = this.established(leg);
    leg.state = 'ended';
    this.clearTimers(leg);
    this.legs.delete(leg.id);
    if (leg.direction === 'outgoing' && !wasEstablished) {
      if (!leg.finalAnswer) this.sendCancel(leg);
    } else if (status !== undefined && !wasEstablished) {
      const response = createResponse(leg.invite, status, reasonPhrase(status), leg.dialog.localTag);
      for (const [name, value] of Object.entries(headers)) response.headers.append(name, value);
      leg.transaction!.respond(response);
    } else if (wasEstablished && cause !== 'remote-bye') {
      this.clientTransactions.send(leg.dialog.request('BYE'), leg.dialog.connection, { onFinal: () => undefined, onTimeout: () => undefined });
    }
    this.audio?.detach(leg.id);
    leg.media?.close();
    this.emit({ event: 'hangup', legId: leg.id, cause, at: this.scheduler.now() });
  }

  /**
   * Where the far end sends its in-dialog requests. A trunk needs our real UDP address; a
   * WebSocket peer keeps using its socket (RFC 7118), so a placeholder host is enough there.
   */
  private contactFor(connection: SipConnection): string {
    if (connection.protocol === 'UDP') return `<sip:gateway@${this.options.udpSentBy ?? 'gateway.invalid'}>`;
    return '<sip:gateway@gateway.invalid;transport=ws>';
  }

  /** CANCEL of our pending INVITE (RFC 3261 9.1): same branch, Request-URI, Call-ID, CSeq number. */
  private sendCancel(leg: Leg): void {
    if (!leg.outgoing) return;
    const cancel = { ...leg.invite, method: 'CANCEL', headers: leg.invite.headers.clone(), body: Buffer.alloc(0) };
    for (const name of ['content-type', 'contact']) cancel.headers.remove(name);
    cancel.headers.set('CSeq', leg.invite.headers.get('cseq')!.replace(/INVITE$/, 'CANCEL'));
    this.clientTransactions.sendOnBranch(cancel, leg.outgoing, { onFinal: () => undefined, onTimeout: () => undefined });
  }

  /** The ACK of a 2xx is the dialog's own request, with the INVITE's CSeq number. */
  private sendAck(dialog: Dialog, invite: SipRequest): void {
    const seq = Number(/^(\d+)/.exec(invite.headers.get('cseq')!)![1]);
    this.clientTransactions.sendStateless(dialog.request('ACK', undefined, seq), dialog.connection);
  }

  private acknowledgeAndBye(dialog: Dialog, response: SipResponse, invite: SipRequest): void {
    dialog.confirmWith(response);
    this.sendAck(dialog, invite);
    this.clientTransactions.send(dialog.request('BYE'), dialog.connection, { onFinal: () => undefined, onTimeout: () => undefined });
  }

  private require(legId: string, states: LegState[], direction?: Leg['direction']): Leg {
    const leg = this.legs.get(legId);
    if (!leg) throw new CallError('gateway/unknown-leg', `no leg ${legId}`);
    if (!states.includes(leg.state) || (direction && leg.direction !== direction)) {
      throw new CallError('gateway/bad-state', `leg ${legId} is ${leg.direction} and ${leg.state}`);
    }
    return leg;
  }

  private mediaEvents(legId: string): MediaEndpointEvents {
    return {
      frame: (frame, receivedAt) => this.audio?.frame(legId, frame, receivedAt),
      dtmf: (digit, durationMs) => {
        this.audio?.digit(legId, digit);
        this.emit({ event: 'digit', legId, digit, durationMs, source: 'rfc4733', at: this.scheduler.now() });
      },
      failed: (cause) => this.hangup(legId, cause),
    };
  }

  private clearTimers(leg: Leg): void {
    for (const timer of leg.timers) this.scheduler.clearTimeout(timer);
    leg.timers = [];
  }
}

export class CallError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'CallError';
  }
}

const REASONS: Record<number, string> = { 480: 'Temporarily Unavailable', 486: 'Busy Here', 487: 'Request Terminated', 488: 'Not Acceptable Here', 503: 'Service Unavailable', 603: 'Decline' };
const reasonPhrase = (status: number) => REASONS[status] ?? 'Rejected';
