import { Module } from '@nestjs/common';
import { AcdModule } from '../acd/acd.module.js';
import { RealtimeGateway } from './realtime.gateway.js';

@Module({ imports: [AcdModule], providers: [RealtimeGateway] })
export class RealtimeModule {}
