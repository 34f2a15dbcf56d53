import { Module } from '@nestjs/common';
import { AcdModule } from '../acd/acd.module.js';
import { CallsModule } from '../calls/calls.module.js';
import { CodesModule } from '../codes/codes.module.js';
import { IvrAdminModule } from '../ivr/ivr-admin.module.js';
import { TelephonyModule } from '../telephony/telephony.module.js';
import { ContactCenterService } from './contact-center.service.js';
import { CrmRepository } from './crm.repository.js';

/** Calls from arrival to their last record: IVR, queue, offers, the agents' call control and wrap-up, callbacks, click-to-dial. */
@Module({
  imports: [AcdModule, CallsModule, CodesModule, TelephonyModule, IvrAdminModule],
  providers: [ContactCenterService, CrmRepository],
  exports: [ContactCenterService],
})
export class ContactCenterModule {}
