import { Global, Module } from '@nestjs/common';
import { SessionEvents } from './session-events.js';

@Global()
@Module({ providers: [SessionEvents], exports: [SessionEvents] })
export class CommonModule {}
