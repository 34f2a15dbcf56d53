import { Global, Module } from '@nestjs/common';
import { ConfigChanges } from './config-changes.js';
import { SessionEvents } from './session-events.js';

@Global()
@Module({ providers: [SessionEvents, ConfigChanges], exports: [SessionEvents, ConfigChanges] })
export class CommonModule {}
