import { Module } from '@nestjs/common';
import { CallsModule } from '../calls/calls.module.js';
import { TelephonyModule } from '../telephony/telephony.module.js';
import { AcdRepository } from './acd.repository.js';
import { AcdService } from './acd.service.js';
import { WallboardService } from './wallboard.service.js';

/** The ACD (queues, agent states, offers) and the supervisors' wallboard built on it. */
@Module({
  imports: [CallsModule, TelephonyModule],
  providers: [AcdRepository, AcdService, WallboardService],
  exports: [AcdService, WallboardService],
})
export class AcdModule {}
