import { Module } from '@nestjs/common';
import { AcdModule } from '../acd/acd.module.js';
import { IvrAdminModule } from '../ivr/ivr-admin.module.js';
import { QueuesController } from './queues.controller.js';
import { QueuesRepository } from './queues.repository.js';
import { QueuesService } from './queues.service.js';

/** The administrator's skills and queues, applied live to the ACD. */
@Module({ imports: [AcdModule, IvrAdminModule], controllers: [QueuesController], providers: [QueuesRepository, QueuesService] })
export class QueuesModule {}
