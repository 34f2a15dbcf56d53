import { Module } from '@nestjs/common';
import { CallFiguresService } from './call-figures.service.js';
import { CallLogService } from './call-log.service.js';
import { CallRecorder } from './call-recorder.service.js';
import { CallRecovery } from './call-recovery.service.js';
import { CallsController } from './calls.controller.js';
import { CallsRepository } from './calls.repository.js';

/**
 * The call log: the recorder that appends call events and keeps each call's record, and the
 * REST routes that read them, and today's live figures. The contact center records through
 * `CallRecorder`; at start `CallRecovery` closes the calls a crashed process left open; the wallboard and the ACD's wait estimate read `CallFiguresService`.
 */
@Module({
  controllers: [CallsController],
  providers: [CallsRepository, CallRecorder, CallRecovery, CallLogService, CallFiguresService],
  exports: [CallRecorder, CallLogService, CallFiguresService],
})
export class CallsModule {}
