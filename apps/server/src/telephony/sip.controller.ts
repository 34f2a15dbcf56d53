import { Controller } from '@nestjs/common';
import { apiRoutes, ErrorCode, type RegistrationList, type SessionUser, type SipCredentials } from '@ccx/contracts';
import { CurrentUser } from '../auth/current-user.decorator.js';
import { AppError } from '../common/app-error.js';
import { Route } from '../common/route.decorator.js';
import { UsersRepository } from '../users/users.repository.js';
import { TelephonyService } from './telephony.service.js';

@Controller()
export class SipController {
  constructor(
    private readonly telephony: TelephonyService,
    private readonly users: UsersRepository,
  ) {}

  @Route(apiRoutes.issueSipCredentials)
  async credentials(@CurrentUser() user: SessionUser): Promise<SipCredentials> {
    const stored = await this.users.findById(user.id);
    if (!stored) throw new AppError(ErrorCode.Unauthenticated, 'the account is gone');
    return this.telephony.issueCredentials(this.telephony.sipUserOf({ ...user, extension: stored.user.extension }));
  }

  @Route(apiRoutes.listRegistrations)
  registrations(): RegistrationList {
    return { registrations: this.telephony.listRegistrations() };
  }
}
