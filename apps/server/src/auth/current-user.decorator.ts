import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { type SessionUser } from '@ccx/contracts';
import { type AuthenticatedRequest } from './auth.guard.js';

/** The user the AuthGuard resolved for this request. */
export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): SessionUser => context.switchToHttp().getRequest<AuthenticatedRequest>().user,
);
