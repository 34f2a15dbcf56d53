import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ErrorCode, type WidgetCallToken, type WidgetCallTokenRequest } from '@ccx/contracts';
import { AppError } from '../common/app-error.js';
import { ContactCenterService } from '../contact-center/contact-center.service.js';
import { DeclaredIdentities } from '../contact-center/domain/declared-identities.js';
import { TelephonyService } from '../telephony/telephony.service.js';
import { VisitorRateLimit } from './domain/visitor-rate-limit.js';

/** Long enough to click "Call us" and connect; the call itself outlives it. */
const VISITOR_CREDENTIAL_SECONDS = 300;
/** A declared identity outlives its credential this long: an INVITE sent just before expiry still finds it. */
const IDENTITY_GRACE_MS = 30_000;

/**
 * Call tokens for anonymous web visitors (the click-to-call widget). A token is a SIP
 * credential for a fresh visitor user `widget.<entry number>.<random>`, which the gateway
 * lets call that one public number and nothing else (it cannot register either). Tokens are
 * rate limited per address and in total (one process's memory, like the login throttle).
 *
 * The page may declare who its visitor is (phone, e-mail): remembered for the visitor's SIP
 * user while the credential lasts, for the contact center's CRM lookup by caller.
 */
@Injectable()
export class WidgetService {
  private readonly limit = new VisitorRateLimit({ perAddress: 10, total: 600, windowMs: 60_000 });

  constructor(
    private readonly telephony: TelephonyService,
    private readonly contactCenter: ContactCenterService,
    private readonly identities: DeclaredIdentities,
  ) {}

  callToken({ entryPoint, visitor: declared }: WidgetCallTokenRequest, address: string): WidgetCallToken {
    const dial = this.numberOf(entryPoint);
    if (!dial) throw new AppError(ErrorCode.NotFound, `no entry point ${entryPoint} takes web calls`);
    const now = Date.now();
    const verdict = this.limit.take(address, now);
    if (!verdict.allowed) {
      throw new AppError(ErrorCode.RateLimited, 'too many calls from this address; try again later', { retryAfterSeconds: verdict.retryAfterSeconds });
    }
    const visitor = `widget.${dial}.${randomBytes(9).toString('base64url')}`;
    const credentials = this.telephony.issueCredentials(visitor, VISITOR_CREDENTIAL_SECONDS);
    if (declared) {
      const identity = { phone: declared.phone ?? null, email: declared.email ?? null };
      this.identities.declare(visitor, identity, Date.parse(credentials.expiresAt) + IDENTITY_GRACE_MS, now);
    }
    return { ...credentials, dial };
  }

  /** An entry number of a published flow, or the lowest number of the published flow of that name. */
  private numberOf(entryPoint: string): string | null {
    const numbers = this.contactCenter.entryNumbers();
    if (numbers.has(entryPoint)) return entryPoint;
    const named = [...numbers].filter(([, name]) => name === entryPoint).map(([number]) => number);
    return named.sort()[0] ?? null;
  }
}
