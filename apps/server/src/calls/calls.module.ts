import { Module } from '@nestjs/common';
import { CallLogService } from './call-log.service.js';
import { CallRecorder } from './call-recorder.service.js';
import { CallsController } from './calls.controller.js';
import { CallsRepository } from './calls.repository.js';

/**
 * The call log: the recorder that appends call events and keeps each call's record, and the
 * REST routes that read them. The telephony, IVR and ACD modules record through `CallRecorder`.
 */
@Module({
  controllers: [CallsController],
  providers: [CallsRepository, CallRecorder, CallLogService],
  exports: [CallRecorder, CallLogService],
})
export class CallsModule {}
