import { Module } from '@nestjs/common';
import { IvrAdminController } from './ivr-admin.controller.js';
import { IvrAdminService } from './ivr-admin.service.js';
import { IvrFlowsRepository } from './ivr-flows.repository.js';

/** IVR flows (versioned, published to entry numbers) and business hours calendars. */
@Module({ controllers: [IvrAdminController], providers: [IvrFlowsRepository, IvrAdminService], exports: [IvrFlowsRepository] })
export class IvrAdminModule {}
