import { checkNonce, credentialUser, mintNonce, parseDigestAuthorization, verifyDigest } from './digest.js';
import { createResponse, parseNameAddr, type SipRequest, type SipResponse } from './message.js';
import { type Scheduler } from './timers.js';

/**
 * Digest authentication of requests from softphones (REGISTER with 401/Authorization,
 * INVITE and other requests with 407/Proxy-Authorization). Every failure answers the same
 * `403 Forbidden` whether the user exists or not, and failures are counted per source
 * address: past the limit, requests from there are refused unread.
 */
export interface AuthenticatorOptions {
  realm: string;
  secret: string;
  nonceMaxAgeSeconds: number;
  maxFailuresPerAddress: number;
  failureWindowMs: number;
}

/**
 * SIP users the server mints for anonymous web visitors (the click-to-call widget): they may
 * call the public entry numbers only, and never register (nobody can call them). The server
 * names them `widget.<entry number>.<visitor>`: such a visitor may call that one number.
 */
export const WIDGET_VISITOR_PREFIX = 'widget.';

export function isWidgetVisitor(sipUser: string): boolean {
  return sipUser.startsWith(WIDGET_VISITOR_PREFIX);
}

/** The one number a widget visitor's credential was issued for; null when it names none. */
export function widgetVisitorScope(sipUser: string): string | null {
  return /^widget\.([0-9*#+]{1,20})\./.exec(sipUser)?.[1] ?? null;
}

export type AuthOutcome = { ok: true; sipUser: string } | { ok: false; response: SipResponse };

export class Authenticator {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly options: AuthenticatorOptions,
    private readonly scheduler: Scheduler,
  ) {}

  /**
   * Checks the request's credentials. `identity` is the header whose user the credential
   * must match: To for REGISTER (one registers only oneself), From for calls.
   */
  authenticate(request: SipRequest, remoteAddress: string, toTag: string, identity: 'to' | 'from'): AuthOutcome {
    const proxy = request.method !== 'REGISTER';
    const answer = (status: number, reason: string) => createResponse(request, status, reason, toTag);
    const fail = (response: SipResponse): AuthOutcome => ({ ok: false, response });
    if (this.recentFailures(remoteAddress) >= this.options.maxFailuresPerAddress) return fail(answer(403, 'Forbidden'));

    const header = request.headers.get(proxy ? 'proxy-authorization' : 'authorization');
    if (!header) return fail(this.challenge(answer(proxy ? 407 : 401, proxy ? 'Proxy Authentication Required' : 'Unauthorized'), proxy, false));
    const auth = parseDigestAuthorization(header);
    if (!auth) return fail(answer(400, 'Malformed Authorization'));
    const nonce = checkNonce(this.options.secret, auth.nonce, this.options.nonceMaxAgeSeconds, this.scheduler.now());
    if (nonce !== 'valid') {
      return fail(this.challenge(answer(proxy ? 407 : 401, proxy ? 'Proxy Authentication Required' : 'Unauthorized'), proxy, nonce === 'stale'));
    }
    const user = credentialUser(auth.username, this.scheduler.now());
    const claimed = parseNameAddr(request.headers.get(identity)!)?.uri.user;
    const ok = auth.realm === this.options.realm && user !== null && verifyDigest(this.options.secret, auth, request.method) && claimed === user.sipUser;
    if (!ok || !user) {
      this.recordFailure(remoteAddress);
      return fail(answer(403, 'Forbidden'));
    }
    return { ok: true, sipUser: user.sipUser };
  }

  private challenge(response: SipResponse, proxy: boolean, stale: boolean): SipResponse {
    const nonce = mintNonce(this.options.secret, this.scheduler.now());
    response.headers.append(
      proxy ? 'Proxy-Authenticate' : 'WWW-Authenticate',
      `Digest realm="${this.options.realm}", nonce="${nonce}", algorithm=MD5, qop="auth"${stale ? ', stale=true' : ''}`,
    );
    return response;
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
    if (this.failures.size > 10_000) {
      for (const key of [...this.failures.keys()]) this.recentFailures(key); // bound memory under a scan
    }
  }
}
