import { Module } from '@nestjs/common';
import { AcdModule } from '../acd/acd.module.js';
import { CallsModule } from '../calls/calls.module.js';
import { CrmModule } from '../crm/crm.module.js';
import { DeskController } from './desk.controller.js';
import { DeskService } from './desk.service.js';

/** The agent desk's reads: the transfer directory and the agent's own calls. */
@Module({ imports: [AcdModule, CallsModule, CrmModule], controllers: [DeskController], providers: [DeskService] })
export class DeskModule {}
