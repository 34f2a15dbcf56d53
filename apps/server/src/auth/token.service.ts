import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ErrorCode, RoleSchema, type SessionUser } from '@ccx/contracts';
import { jwtVerify, SignJWT } from 'jose';
import { AppError } from '../common/app-error.js';
import { APP_CONFIG } from '../config/config.module.js';
import { type AppConfig } from '../config/config.js';

export interface AccessClaims {
  userId: string;
  role: SessionUser['role'];
}

const ISSUER = 'ccx';
const AUDIENCE = 'ccx-api';

/** Short-lived signed access tokens (HS256) and opaque refresh tokens (stored hashed). */
@Injectable()
export class TokenService {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get accessTtlSeconds(): number {
    return this.config.accessTokenTtlSeconds;
  }

  async signAccess(user: { id: string; role: SessionUser['role'] }): Promise<string> {
    return new SignJWT({ role: user.role })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(user.id)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${this.config.accessTokenTtlSeconds}s`)
      .sign(this.config.jwtSecret);
  }

  /** Throws AppError(Unauthenticated) for a bad, expired or foreign token. */
  async verifyAccess(token: string): Promise<AccessClaims> {
    try {
      const { payload } = await jwtVerify(token, this.config.jwtSecret, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
      });
      const role = RoleSchema.safeParse(payload.role);
      if (!payload.sub || !role.success) throw new Error('claims');
      return { userId: payload.sub, role: role.data };
    } catch {
      throw new AppError(ErrorCode.Unauthenticated, 'access token missing, invalid or expired');
    }
  }

  newRefreshToken(): { token: string; hash: string; expiresAt: Date } {
    const token = randomBytes(32).toString('base64url');
    return {
      token,
      hash: hashRefreshToken(token),
      expiresAt: new Date(Date.now() + this.config.refreshTokenTtlSeconds * 1000),
    };
  }
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
