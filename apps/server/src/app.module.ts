import { randomUUID } from 'node:crypto';
import { type DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AcdModule } from './acd/acd.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { CallerListsModule } from './caller-lists/caller-lists.module.js';
import { CallsModule } from './calls/calls.module.js';
import { CodesModule } from './codes/codes.module.js';
import { CommonModule } from './common/common.module.js';
import { CrmModule } from './crm/crm.module.js';
import { DeskModule } from './desk/desk.module.js';
import { AgentControlModule } from './agent-control/agent-control.module.js';
import { ContactCenterModule } from './contact-center/contact-center.module.js';
import { ConfigModule } from './config/config.module.js';
import { type AppConfig } from './config/config.js';
import { DatabaseModule } from './database/database.module.js';
import { type Database } from './database/database.js';
import { HealthController } from './health/health.controller.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { IvrAdminModule } from './ivr/ivr-admin.module.js';
import { OpenApiController } from './openapi/openapi.controller.js';
import { PromptsModule } from './prompts/prompts.module.js';
import { QueuesModule } from './queues/queues.module.js';
import { LiveEventsModule } from './realtime/live-events.js';
import { RealtimeModule } from './realtime/realtime.module.js';
import { TelephonyModule } from './telephony/telephony.module.js';
import { UsersModule } from './users/users.module.js';
import { WidgetModule } from './widget/widget.module.js';

/** One module per domain; the CRM, reports and the rest join here with the issues that build them. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, database: Database): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(database),
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            // The request id travels in logs and back to the client for support requests.
            genReqId: (req, res) => {
              const given = req.headers['x-request-id'];
              const id = typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
              res.setHeader('X-Request-Id', id);
              return id;
            },
            customAttributeKeys: { reqId: 'requestId' },
            redact: ['req.headers.authorization', 'req.headers.cookie'],
            autoLogging: { ignore: (req) => req.url === '/api/health' || req.url === '/metrics' },
          },
        }),
        CommonModule,
        LiveEventsModule,
        MetricsModule,
        AuditModule,
        AuthModule,
        UsersModule,
        RealtimeModule,
        TelephonyModule,
        CallsModule,
        AcdModule,
        ContactCenterModule,
        QueuesModule,
        CodesModule,
        CallerListsModule,
        IvrAdminModule,
        WidgetModule,
        CrmModule,
        DeskModule,
        AgentControlModule,
        PromptsModule,
      ],
      controllers: [HealthController, OpenApiController],
    };
  }
}
