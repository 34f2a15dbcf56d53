import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { ErrorCode, type VisitorCredential, type WidgetCallback, type WidgetCallStatus } from '@ccx/contracts';
import { mintCredential } from '@ccx/media-gateway';
import { AcdService } from '../acd/acd.service.js';
import { CallRecorder } from '../calls/call-recorder.service.js';
import { type TimedCallEvent } from '../calls/domain/call-record.js';
import { AppError } from '../common/app-error.js';
import { APP_CONFIG } from '../config/config.module.js';
import { type AppConfig } from '../config/config.js';
import { ContactCenterService } from '../contact-center/contact-center.service.js';
import { checkVisitorCredential } from './domain/visitor-credential.js';
import { NO_CALL, nextVisitorCall, VISITOR_USER, type VisitorCall, withPosition } from './domain/visitor-status.js';
import { VisitorRateLimit } from './domain/visitor-rate-limit.js';

/** How often a queued visitor's position is read from the ACD (it moves as others are answered). */
const POSITION_POLL_MS = 2_000;
/** An ended call's status stays readable this long (a reconnecting widget learns it ended). */
const KEEP_ENDED_MS = 60_000;

interface Tracked {
  callId: string;
  call: VisitorCall;
  endedAt: number | null;
}

/**
 * The widget visitors' calls, followed from the call timelines the recorder appends (the
 * same events the call log keeps): a web call whose ANI is a visitor's SIP user
 * (`widget.<entry>.<random>`, from its call token) is that visitor's. Answers who a
 * presented credential is, the status of their call, and their request for a callback.
 *
 * A credential must be genuine (the gateway's HMAC). An expired one still speaks for a call
 * its visitor placed while it was valid, as long as that call is in progress: a long wait in
 * the queue outlives the five-minute token. It never reaches anyone else's call.
 *
 * This process's memory: with several server processes, a visitor's status comes from the
 * process that handles the call (the Socket.IO adapter carries the emit to the visitor).
 */
@Injectable()
export class WidgetCallsService implements OnApplicationShutdown {
  private readonly visitors = new Map<string, Tracked>();
  private readonly visitorOfCall = new Map<string, string>();
  private readonly listeners = new Set<(sipUser: string, status: WidgetCallStatus) => void>();
  private readonly callbackLimit = new VisitorRateLimit({ perAddress: 5, total: 300, windowMs: 60_000 });
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(
    recorder: CallRecorder,
    private readonly acd: AcdService,
    private readonly contactCenter: ContactCenterService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    recorder.onAppended((callId, events) => this.follow(callId, events));
    this.timer = setInterval(() => this.readPositions(), POSITION_POLL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Hears every change of a visitor's call status. */
  onStatus(listener: (sipUser: string, status: WidgetCallStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The visitor a credential stands for, or null (forged, not a visitor, expired with no call in progress). */
  visitorOf(credential: VisitorCredential, nowMs = Date.now()): string | null {
    const mint = (sipUser: string, expiry: number) => mintCredential(this.config.sip.credentialSecret, sipUser, 0, expiry * 1000).password;
    const verdict = checkVisitorCredential(credential.authorizationUsername, credential.password, mint, nowMs);
    if (!verdict.valid || !VISITOR_USER.test(verdict.sipUser)) return null;
    if (verdict.expired) {
      const tracked = this.visitors.get(verdict.sipUser);
      if (!tracked || tracked.endedAt !== null) return null;
    }
    return verdict.sipUser;
  }

  statusOf(sipUser: string): WidgetCallStatus {
    return (this.visitors.get(sipUser)?.call ?? NO_CALL).status;
  }

  /**
   * Books a callback at `number` for the visitor's call waiting in a queue. Refusals: 401 for
   * a credential that speaks for no one, 404 without a call, 409 when the call is not (or no
   * longer) waiting in a queue, 429 past the rate limit.
   */
  requestCallback(credential: VisitorCredential, number: string, address: string): WidgetCallback {
    const verdict = this.callbackLimit.take(address, Date.now());
    if (!verdict.allowed) {
      throw new AppError(ErrorCode.RateLimited, 'too many callback requests from this address; try again later', { retryAfterSeconds: verdict.retryAfterSeconds });
    }
    const sipUser = this.visitorOf(credential);
    if (!sipUser) throw new AppError(ErrorCode.Unauthenticated, 'this call token is not valid (or has expired)');
    const tracked = this.visitors.get(sipUser);
    if (!tracked) throw new AppError(ErrorCode.NotFound, 'there is no call from this visitor');
    if (tracked.call.status.phase !== 'queued') throw new AppError(ErrorCode.Conflict, 'a callback can be booked only while the call waits in a queue');
    if (!this.contactCenter.requestCallback(tracked.callId, number)) {
      throw new AppError(ErrorCode.Conflict, 'the callback could not be booked: the call is no longer waiting in a queue');
    }
    return { number };
  }

  private follow(callId: string, events: readonly TimedCallEvent[]): void {
    let sipUser = this.visitorOfCall.get(callId);
    for (const event of events) {
      if (!sipUser && event.type === 'call.started' && event.data.channel === 'web' && event.data.direction === 'inbound' && VISITOR_USER.test(event.data.ani)) {
        sipUser = event.data.ani;
        this.visitorOfCall.set(callId, sipUser);
        this.visitors.set(sipUser, { callId, call: NO_CALL, endedAt: null });
      }
      if (!sipUser) return;
      this.update(sipUser, (call) => nextVisitorCall(call, event), event.at);
    }
  }

  private update(sipUser: string, change: (call: VisitorCall) => VisitorCall, at: number): void {
    const tracked = this.visitors.get(sipUser);
    if (!tracked) return;
    const next = change(tracked.call);
    if (next === tracked.call) return;
    const changed = JSON.stringify(next.status) !== JSON.stringify(tracked.call.status);
    tracked.call = next;
    if (next.status.phase === 'ended' && tracked.endedAt === null) tracked.endedAt = at;
    if (changed) for (const listener of this.listeners) listener(sipUser, next.status);
  }

  private readPositions(): void {
    const now = Date.now();
    for (const [sipUser, tracked] of this.visitors) {
      if (tracked.endedAt !== null && now - tracked.endedAt > KEEP_ENDED_MS) {
        this.visitors.delete(sipUser);
        this.visitorOfCall.delete(tracked.callId);
        continue;
      }
      if (tracked.call.status.phase === 'queued') this.update(sipUser, (call) => withPosition(call, this.acd.positionOf(tracked.callId)), now);
    }
  }
}
