import { Grammar } from 'sip.js/lib/core/index.js';
import { checkNonce, credentialUser, mintNonce, parseDigestAuthorization, verifyDigest } from './digest.js';
import { createResponse, parseNameAddr, type SipRequest, type SipResponse } from './message.js';
import { type Scheduler } from './timers.js';
import { type SipConnection } from './transport.js';

/**
 * The registrar: who is reachable where. Only users with a valid server-issued credential
 * register (digest, see digest.ts), each only their own address of record. Every failure
 * answers the same `403 Forbidden`, whether the user exists or not, and failures are
 * counted per source address: past the limit, REGISTERs from there are refused unread.
 * A binding ends when it expires without a refresh, when the user unregisters, or when
 * the WebSocket it came over closes (a closed tab must not be offered calls).
 */
export interface RegistrarOptions {
  realm: string;
  secret: string;
  minExpires: number;
  maxExpires: number;
  nonceMaxAgeSeconds: number;
  maxFailuresPerAddress: number;
  failureWindowMs: number;
}

export const DEFAULT_REGISTRAR_OPTIONS: Omit<RegistrarOptions, 'realm' | 'secret'> = {
  minExpires: 60,
  maxExpires: 3600,
  nonceMaxAgeSeconds: 300,
  maxFailuresPerAddress: 10,
  failureWindowMs: 5 * 60_000,
};

export interface Binding {
  sipUser: string;
  contact: string;
  connection: SipConnection;
  expiresAt: number;
}

export type UnregisterReason = 'expired' | 'unregistered' | 'connection-closed';

export interface RegistrarEvents {
  registered(binding: Binding): void;
  unregistered(binding: Binding, reason: UnregisterReason): void;
}

export class Registrar {
  private readonly bindings = new Map<string, { binding: Binding; timer: unknown }>();
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly options: RegistrarOptions,
    private readonly scheduler: Scheduler,
    private readonly events: RegistrarEvents,
  ) {}

  /** Current bindings of a SIP user (an agent's extension, say). */
  lookup(sipUser: string): Binding[] {
    return [...this.bindings.values()].map((b) => b.binding).filter((b) => b.sipUser === sipUser);
  }

  handle(request: SipRequest, connection: SipConnection, toTag: string): SipResponse {
    const answer = (status: number, reason: string) => createResponse(request, status, reason, toTag);
    const address = connection.remoteAddress;
    if (this.recentFailures(address) >= this.options.maxFailuresPerAddress) return answer(403, 'Forbidden');

    const header = request.headers.get('authorization');
    if (!header) return this.challenge(answer(401, 'Unauthorized'), false);
    const auth = parseDigestAuthorization(header);
    if (!auth) return answer(400, 'Malformed Authorization');
    const nonce = checkNonce(this.options.secret, auth.nonce, this.options.nonceMaxAgeSeconds, this.scheduler.now());
    if (nonce !== 'valid') return this.challenge(answer(401, 'Unauthorized'), nonce === 'stale');

    const user = credentialUser(auth.username, this.scheduler.now());
    const toUser = parseNameAddr(request.headers.get('to')!)?.uri.user;
    const ok =
      auth.realm === this.options.realm &&
      user !== null &&
      verifyDigest(this.options.secret, auth, 'REGISTER') &&
      toUser === user.sipUser;
    if (!ok || !user) {
      this.recordFailure(address);
      return answer(403, 'Forbidden');
    }
    return this.updateBindings(request, connection, user.sipUser, answer);
  }

  /** A WebSocket went away: its bindings go with it. */
  connectionClosed(connection: SipConnection): void {
    for (const [key, entry] of this.bindings) {
      if (entry.binding.connection.id === connection.id) this.remove(key, 'connection-closed');
    }
  }

  private updateBindings(request: SipRequest, connection: SipConnection, sipUser: string, answer: (s: number, r: string) => SipResponse): SipResponse {
    const headerExpires = request.headers.get('expires');
    const contacts = request.headers.getAll('contact');
    if (contacts.includes('*')) {
      if (contacts.length > 1 || headerExpires !== '0') return answer(400, 'Wildcard Contact needs Expires: 0');
      for (const [key, entry] of this.bindings) if (entry.binding.sipUser === sipUser) this.remove(key, 'unregistered');
      return answer(200, 'OK');
    }
    const wanted: { uri: string; expires: number }[] = [];
    for (const contact of contacts) {
      const parsed = Grammar.parse(contact, 'Contact') as { parsed: { uri: { toString(): string; headers?: object }; getParam(n: string): string | undefined } }[] | -1;
      const first = parsed === -1 ? undefined : parsed[0]?.parsed;
      if (!first) return answer(400, 'Malformed Contact');
      if (first.uri.headers && Object.keys(first.uri.headers).length > 0) return answer(400, 'Contact URI must not carry headers');
      const expires = Number(first.getParam('expires') ?? headerExpires ?? 600);
      if (expires > 0 && expires < this.options.minExpires) {
        const tooBrief = answer(423, 'Interval Too Brief');
        tooBrief.headers.append('Min-Expires', String(this.options.minExpires));
        return tooBrief;
      }
      wanted.push({ uri: first.uri.toString(), expires: Math.min(expires, this.options.maxExpires) });
    }
    for (const { uri, expires } of wanted) {
      const key = `${sipUser}|${uri}`;
      if (expires === 0) {
        if (this.bindings.has(key)) this.remove(key, 'unregistered');
        continue;
      }
      const existing = this.bindings.get(key);
      if (existing) this.scheduler.clearTimeout(existing.timer);
      const binding: Binding = { sipUser, contact: uri, connection, expiresAt: this.scheduler.now() + expires * 1000 };
      const timer = this.scheduler.setTimeout(() => this.remove(key, 'expired'), expires * 1000);
      this.bindings.set(key, { binding, timer });
      if (!existing) this.events.registered(binding);
    }
    const ok = answer(200, 'OK');
    for (const binding of this.lookup(sipUser)) {
      const remaining = Math.max(0, Math.round((binding.expiresAt - this.scheduler.now()) / 1000));
      ok.headers.append('Contact', `<${binding.contact}>;expires=${remaining}`);
    }
    return ok;
  }

  private challenge(response: SipResponse, stale: boolean): SipResponse {
    const nonce = mintNonce(this.options.secret, this.scheduler.now());
    response.headers.append(
      'WWW-Authenticate',
      `Digest realm="${this.options.realm}", nonce="${nonce}", algorithm=MD5, qop="auth"${stale ? ', stale=true' : ''}`,
    );
    return response;
  }

  private remove(key: string, reason: UnregisterReason): void {
    const entry = this.bindings.get(key);
    if (!entry) return;
    this.scheduler.clearTimeout(entry.timer);
    this.bindings.delete(key);
    this.events.unregistered(entry.binding, reason);
  }

  private recentFailures(address: string): number {
    const since = this.scheduler.now() - this.options.failureWindowMs;
    const recent = (this.failures.get(address) ?? []).filter((t) => t > since);
    if (recent.length === 0) this.failures.delete(address);
    else this.failures.set(address, recent);
    return recent.length;
  }

  private recordFailure(address: string): void {
    this.recentFailures(address);
    this.failures.set(address, [...(this.failures.get(address) ?? []), this.scheduler.now()]);
  }
}
