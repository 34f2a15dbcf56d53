import { Module } from '@nestjs/common';
import { SipController } from './sip.controller.js';
import { TelephonyService } from './telephony.service.js';

@Module({ controllers: [SipController], providers: [TelephonyService], exports: [TelephonyService] })
export class TelephonyModule {}
