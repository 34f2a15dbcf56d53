import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { AcdModule } from '../acd/acd.module.js';
import { CallsModule } from '../calls/calls.module.js';
import { ContactCenterModule } from '../contact-center/contact-center.module.js';
import { TelephonyModule } from '../telephony/telephony.module.js';
import { WidgetCallsService } from './widget-calls.service.js';
import { widgetCors } from './widget-cors.js';
import { WidgetStatusGateway } from './widget-status.gateway.js';
import { WidgetController } from './widget.controller.js';
import { WidgetService } from './widget.service.js';

/**
 * Anonymous web visitors (the click-to-call widget): call tokens, the status of the
 * visitor's own call (Socket.IO namespace `/widget`), and a callback instead of waiting.
 */
@Module({
  imports: [TelephonyModule, ContactCenterModule, CallsModule, AcdModule],
  controllers: [WidgetController],
  providers: [WidgetService, WidgetCallsService, WidgetStatusGateway],
})
export class WidgetModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(widgetCors).forRoutes({ path: 'api/widget/*path', method: RequestMethod.ALL });
  }
}
