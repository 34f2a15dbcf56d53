import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ErrorCode, type RouteContract, type SessionUser } from '@ccx/contracts';
import type { Request } from 'express';
import { AppError } from '../common/app-error.js';
import { PUBLIC_ENDPOINT, ROUTE_CONTRACT } from '../common/route.decorator.js';
import { SessionResolver } from './session-resolver.js';

export type AuthenticatedRequest = Request & { user: SessionUser };

/**
 * Global guard: every handler is refused unless its route contract says who may call it.
 * A handler with no contract (a forgotten decorator) is forbidden rather than open.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionResolver,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ENDPOINT, targets)) return true;
    const contract = this.reflector.get<RouteContract | undefined>(ROUTE_CONTRACT, context.getHandler());
    if (!contract) throw new AppError(ErrorCode.Forbidden, 'this endpoint has no access rule');
    if (contract.access === 'public') return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
    request.user = await this.sessions.resolve(token);
    if (contract.access !== 'self' && !contract.access.includes(request.user.role)) {
      throw new AppError(ErrorCode.Forbidden, `role ${request.user.role} may not ${contract.method.toUpperCase()} ${contract.path}`);
    }
    return true;
  }
}
