import { Module } from '@nestjs/common';
import { AcdModule } from '../acd/acd.module.js';
import { CallsModule } from '../calls/calls.module.js';
import { CodesModule } from '../codes/codes.module.js';
import { IvrAdminModule } from '../ivr/ivr-admin.module.js';
import { TelephonyModule } from '../telephony/telephony.module.js';
import { ContactCenterService } from './contact-center.service.js';
import { CrmRepository } from './crm.repository.js';
import { DeclaredIdentities } from './domain/declared-identities.js';
import { InterventionEvents } from './intervention-events.js';
import { InterventionsController } from './interventions.controller.js';

/** Web visitors' declared identities kept at once, at most (call tokens are public: a flood must not grow memory). */
const MAX_DECLARED_IDENTITIES = 10_000;

/** Calls from arrival to their last record: IVR, queue, offers, the agents' call control and wrap-up, callbacks, click-to-dial, supervisors stepping in. */
@Module({
  imports: [AcdModule, CallsModule, CodesModule, TelephonyModule, IvrAdminModule],
  controllers: [InterventionsController],
  providers: [ContactCenterService, CrmRepository, InterventionEvents, { provide: DeclaredIdentities, useValue: new DeclaredIdentities({ maxEntries: MAX_DECLARED_IDENTITIES }) }],
  exports: [ContactCenterService, DeclaredIdentities],
})
export class ContactCenterModule {}
