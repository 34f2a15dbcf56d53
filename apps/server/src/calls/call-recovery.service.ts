import { Injectable, type OnModuleInit } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { CallRecorder } from './call-recorder.service.js';
import { CallsRepository } from './calls.repository.js';

/** After-call work outlives its call by minutes, not this. */
const WRAP_UP_LOOKBACK_MS = 12 * 3600_000;

/**
 * At start, before any call is taken and before the live figures load: closes the calls a
 * process that stopped without its shutdown (a crash, a kill) left open. Their legs died
 * with that process's embedded gateway, so each one is ended by the system with cause
 * `recovered` at the time of its last recorded event, the latest moment it is known to
 * have been up (call-closing.ts says what else gets closed).
 *
 * One server process owns the calls of its database today. Several processes sharing one
 * (REDIS_URL, not built yet) will have to close only the calls of a process that is gone.
 */
@Injectable()
export class CallRecovery implements OnModuleInit {
  constructor(
    private readonly calls: CallsRepository,
    private readonly recorder: CallRecorder,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext(CallRecovery.name);
  }

  async onModuleInit(): Promise<void> {
    const candidates = await this.calls.possiblyOpenCallIds(new Date(Date.now() - WRAP_UP_LOOKBACK_MS));
    let closed = 0;
    for (const callId of candidates) {
      try {
        const events = await this.recorder.close(callId, { cause: 'recovered', detail: 'the server stopped while the call was up; it ended at its last recorded event or later' });
        if (events.length > 0) closed++;
      } catch (error) {
        this.logger.error({ err: error, callId }, 'an unfinished call could not be closed');
      }
    }
    if (closed > 0) this.logger.warn({ calls: closed }, 'calls left open by a stopped server were closed');
  }
}
