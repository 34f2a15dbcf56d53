import { Inject, Injectable } from '@nestjs/common';
import { ErrorCode, type SessionUser, type TokenPair, type User } from '@ccx/contracts';
import { PinoLogger } from 'nestjs-pino';
import { AuditService } from '../audit/audit.service.js';
import { AppError } from '../common/app-error.js';
import { SessionEvents } from '../common/session-events.js';
import { APP_CONFIG } from '../config/config.module.js';
import { type AppConfig } from '../config/config.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { UsersRepository } from '../users/users.repository.js';
import { LoginThrottle } from './domain/login-throttle.js';
import { decoy, verifySecret } from './password-hasher.js';
import { RefreshTokensRepository } from './refresh-tokens.repository.js';
import { hashRefreshToken, TokenService } from './token.service.js';

/** Login, token refresh and logout. */
@Injectable()
export class AuthService {
  private readonly throttle: LoginThrottle;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly users: UsersRepository,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly tokens: TokenService,
    private readonly audit: AuditService,
    private readonly metrics: MetricsService,
    private readonly logger: PinoLogger,
    sessions: SessionEvents,
  ) {
    this.throttle = new LoginThrottle(config.loginThrottle);
    this.logger.setContext(AuthService.name);
    // Revoked in the background: a failure (the database closing under it at shutdown) is logged, never unhandled.
    sessions.onRevoke(({ userId }) =>
      this.refreshTokens.revokeAllOf(userId).catch((error: unknown) => this.logger.error({ err: error, userId }, 'refresh tokens could not be revoked')),
    );
  }

  async login(username: string, password: string, address: string): Promise<TokenPair> {
    const verdict = this.throttle.check(username, address, Date.now());
    if (!verdict.allowed) {
      this.metrics.loginAttempts.inc({ result: 'throttled' });
      throw new AppError(ErrorCode.LoginThrottled, 'too many failed logins; try again later', {
        retryAfterSeconds: verdict.retryAfterSeconds,
      });
    }
    const stored = await this.users.findByUsername(username);
    // Always pay for one hash, so an unknown username answers as slowly as a known one.
    const passwordOk = await verifySecret(password, stored?.passwordHash ?? (await decoy()));
    if (!stored || !passwordOk || !stored.user.active) {
      this.throttle.recordFailure(username, address, Date.now());
      this.metrics.loginAttempts.inc({ result: 'failed' });
      this.logger.warn({ username, address }, 'login failed');
      throw new AppError(ErrorCode.LoginFailed, 'wrong username or password');
    }
    this.throttle.recordSuccess(username);
    this.metrics.loginAttempts.inc({ result: 'ok' });
    await this.audit.record({ actorId: stored.user.id, action: 'auth/login', data: { address } });
    return this.issue(stored.user);
  }

  async refresh(refreshToken: string): Promise<TokenPair> {
    const row = await this.refreshTokens.findByHash(hashRefreshToken(refreshToken));
    if (!row || row.expiresAt.getTime() <= Date.now()) throw refreshInvalid();
    if (row.revokedAt) {
      // A token rotated moments ago may come back from the same browser (a reload while a
      // refresh was in flight): refuse it, but do not call it theft.
      const justRotated = row.replacedBy !== null && Date.now() - row.revokedAt.getTime() < ROTATION_GRACE_MS;
      if (justRotated) throw refreshInvalid();
      // Otherwise a retired token came back: it was stolen or replayed. End every session of the user.
      await this.refreshTokens.revokeAllOf(row.userId);
      this.logger.warn({ userId: row.userId }, 'refresh token reused; all sessions of the user revoked');
      throw refreshInvalid();
    }
    const stored = await this.users.findById(row.userId);
    if (!stored || !stored.user.active) throw refreshInvalid();
    const next = this.tokens.newRefreshToken();
    if (!(await this.refreshTokens.rotate(row.id, row.userId, next.hash, next.expiresAt))) throw refreshInvalid();
    return this.pair(stored.user, next.token);
  }

  async logout(refreshToken: string): Promise<void> {
    const row = await this.refreshTokens.findByHash(hashRefreshToken(refreshToken));
    if (row) await this.refreshTokens.revoke(row.id);
  }

  private async issue(user: User): Promise<TokenPair> {
    const refresh = this.tokens.newRefreshToken();
    await this.refreshTokens.create(user.id, refresh.hash, refresh.expiresAt);
    return this.pair(user, refresh.token);
  }

  private async pair(user: User, refreshToken: string): Promise<TokenPair> {
    return {
      accessToken: await this.tokens.signAccess(user),
      expiresIn: this.tokens.accessTtlSeconds,
      refreshToken,
      user: toSessionUser(user),
    };
  }
}

export function toSessionUser(user: User): SessionUser {
  return { id: user.id, username: user.username, displayName: user.displayName, role: user.role, agentId: user.agentId };
}

/** How long after a rotation the old token is merely refused rather than treated as stolen. */
const ROTATION_GRACE_MS = 30_000;

const refreshInvalid = () => new AppError(ErrorCode.RefreshInvalid, 'refresh token is invalid, expired or already used');
