import { Injectable } from '@nestjs/common';
import { ErrorCode, type SessionUser } from '@ccx/contracts';
import { AppError } from '../common/app-error.js';
import { UsersRepository } from '../users/users.repository.js';
import { toSessionUser } from './auth.service.js';
import { TokenService } from './token.service.js';

/**
 * Access token → the user as the database knows them now. Role and active flag come from
 * the database, not the token, so a deactivation or role change takes effect at once.
 */
@Injectable()
export class SessionResolver {
  constructor(
    private readonly tokens: TokenService,
    private readonly users: UsersRepository,
  ) {}

  async resolve(token: string | undefined): Promise<SessionUser> {
    if (!token) throw new AppError(ErrorCode.Unauthenticated, 'an access token is required');
    const claims = await this.tokens.verifyAccess(token);
    const stored = await this.users.findById(claims.userId);
    if (!stored || !stored.user.active) throw new AppError(ErrorCode.Unauthenticated, 'the account is not active');
    return toSessionUser(stored.user);
  }
}
