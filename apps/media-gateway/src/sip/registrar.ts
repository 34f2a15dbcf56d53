import { Grammar } from 'sip.js/lib/core/index.js';
import { Authenticator, isWidgetVisitor } from './authenticator.js';
import { createResponse, type SipRequest, type SipResponse } from './message.js';
import { type Scheduler } from './timers.js';
import { type SipConnection } from './transport.js';

/**
 * The registrar: who is reachable where. Only users with a valid server-issued credential
 * register (digest, see authenticator.ts), each only their own address of record. A binding ends when it expires without a refresh, when the user unregisters, or when
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
  readonly authenticator: Authenticator;

  constructor(
    private readonly options: RegistrarOptions,
    private readonly scheduler: Scheduler,
    private readonly events: RegistrarEvents,
  ) {
    this.authenticator = new Authenticator(options, scheduler);
  }

  /** Current bindings of a SIP user (an agent's extension, say). */
  lookup(sipUser: string): Binding[] {
    return [...this.bindings.values()].map((b) => b.binding).filter((b) => b.sipUser === sipUser);
  }

  handle(request: SipRequest, connection: SipConnection, toTag: string): SipResponse {
    const answer = (status: number, reason: string) => createResponse(request, status, reason, toTag);
    const auth = this.authenticator.authenticate(request, connection.remoteAddress, toTag, 'to');
    if (!auth.ok) return auth.response;
    if (isWidgetVisitor(auth.sipUser)) return answer(403, 'Forbidden (a widget visitor cannot register)');
    return this.updateBindings(request, connection, auth.sipUser, answer);
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

  private remove(key: string, reason: UnregisterReason): void {
    const entry = this.bindings.get(key);
    if (!entry) return;
    this.scheduler.clearTimeout(entry.timer);
    this.bindings.delete(key);
    this.events.unregistered(entry.binding, reason);
  }
}
