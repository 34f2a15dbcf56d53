import { Controller, Inject } from '@nestjs/common';
import { apiRoutes, type Health } from '@ccx/contracts';
import { Route } from '../common/route.decorator.js';
import { APP_CONFIG } from '../config/config.module.js';
import { type AppConfig } from '../config/config.js';
import { Database } from '../database/database.js';
import { SERVER_VERSION } from '../version.js';

/** Answers only once Nest is listening, which happens after migrations and seeding. */
@Controller()
export class HealthController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly database: Database,
  ) {}

  @Route(apiRoutes.health)
  async health(): Promise<Health> {
    await this.database.pool.query('SELECT 1');
    return {
      status: 'ok',
      version: SERVER_VERSION,
      uptimeSeconds: Math.round(process.uptime()),
      database: this.database.kind,
      demo: this.config.demoMode,
    };
  }
}
