import { Body, Controller, Ip } from '@nestjs/common';
import {
  apiRoutes,
  type LoginRequest,
  LoginRequestSchema,
  type LogoutRequest,
  LogoutRequestSchema,
  type RefreshRequest,
  RefreshRequestSchema,
  type SessionUser,
  type TokenPair,
} from '@ccx/contracts';
import { Route } from '../common/route.decorator.js';
import { ZodValidationPipe } from '../common/zod-validation.pipe.js';
import { AuthService } from './auth.service.js';
import { CurrentUser } from './current-user.decorator.js';

@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Route(apiRoutes.login)
  login(@Body(new ZodValidationPipe(LoginRequestSchema)) body: LoginRequest, @Ip() address: string): Promise<TokenPair> {
    return this.auth.login(body.username, body.password, address);
  }

  @Route(apiRoutes.refresh)
  refresh(@Body(new ZodValidationPipe(RefreshRequestSchema)) body: RefreshRequest): Promise<TokenPair> {
    return this.auth.refresh(body.refreshToken);
  }

  @Route(apiRoutes.logout)
  logout(@Body(new ZodValidationPipe(LogoutRequestSchema)) body: LogoutRequest): Promise<void> {
    return this.auth.logout(body.refreshToken);
  }

  @Route(apiRoutes.me)
  me(@CurrentUser() user: SessionUser): SessionUser {
    return user;
  }
}
