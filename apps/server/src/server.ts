import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { type NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import { HttpExceptionFilter } from './common/http-exception.filter.js';
import { type AppConfig } from './config/config.js';
import { Database } from './database/database.js';
import { seedDemoTenant } from './demo/demo-tenant.js';
import { MetricsService } from './metrics/metrics.service.js';
import { UsersService } from './users/users.service.js';
import { mountStaticApps } from './web/static-apps.js';

export interface RunningServer {
  app: NestExpressApplication;
  database: Database;
  /** Base URL on the loopback interface, e.g. http://127.0.0.1:8080 */
  url: string;
  seeded: 'seeded' | 'already-there' | 'not-demo';
  close(): Promise<void>;
}

/**
 * Boots the whole server in order: database (embedded or external) → migrations →
 * Nest → demo tenant or bootstrap admin → listen. Health answers only after all of it.
 * Used by main.ts and by the integration tests, so both run the same start.
 */
export async function startServer(config: AppConfig): Promise<RunningServer> {
  const database = await Database.open(config);
  try {
    await database.migrate(config.migrationsDir);
    const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, database), {
      bufferLogs: true,
      bodyParser: false,
    });
    const logger = app.get(Logger);
    app.useLogger(logger);
    if (config.redisUrl) {
      logger.warn('REDIS_URL is set, but live state is not shared through Redis yet: run a single server process');
    }
    app.set('trust proxy', config.trustProxyHops);
    app.disable('x-powered-by');
    app.useBodyParser('json', { limit: '256kb' });
    app.use(httpMetrics(app.get(MetricsService)));
    mountStaticApps(app.getHttpAdapter().getInstance(), config.appsDir);
    app.useGlobalFilters(new HttpExceptionFilter(logger));

    let seeded: RunningServer['seeded'] = 'not-demo';
    if (config.demoMode) seeded = await seedDemoTenant(database.prisma);
    if (config.bootstrapAdmin) {
      await app.get(UsersService).ensureAdmin(config.bootstrapAdmin.username, config.bootstrapAdmin.password);
    }

    await app.listen(config.port, config.host);
    const address = app.getHttpServer().address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    let closing: Promise<void> | null = null;
    return {
      app,
      database,
      url: `http://127.0.0.1:${port}`,
      seeded,
      close: () => (closing ??= app.close().finally(() => database.close())),
    };
  } catch (error) {
    await database.close().catch(() => undefined);
    throw error;
  }
}

function httpMetrics(metrics: MetricsService) {
  return (req: Request, res: Response, next: NextFunction) => {
    const stop = metrics.httpRequests.startTimer();
    res.on('finish', () => {
      // The route pattern, not the raw URL, keeps label cardinality bounded.
      const route = (req.route as { path?: string } | undefined)?.path ?? (req.path.startsWith('/api') ? 'unmatched' : 'static');
      stop({ method: req.method, route: String(route), status: String(res.statusCode) });
    });
    next();
  };
}
