import { Module } from '@nestjs/common';
import { AcdModule } from '../acd/acd.module.js';
import { ContactCenterModule } from '../contact-center/contact-center.module.js';
import { RealtimeGateway } from './realtime.gateway.js';

@Module({ imports: [AcdModule, ContactCenterModule], providers: [RealtimeGateway] })
export class RealtimeModule {}
