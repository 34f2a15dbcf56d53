import { Module } from '@nestjs/common';
import { ContactCenterModule } from '../contact-center/contact-center.module.js';
import { TelephonyModule } from '../telephony/telephony.module.js';
import { WidgetController } from './widget.controller.js';
import { WidgetService } from './widget.service.js';

/** Anonymous web visitors: call tokens for the click-to-call widget. */
@Module({
  imports: [TelephonyModule, ContactCenterModule],
  controllers: [WidgetController],
  providers: [WidgetService],
})
export class WidgetModule {}
