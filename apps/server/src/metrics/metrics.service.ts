import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The process's Prometheus registry; every module adds its instruments here. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly httpRequests = new Histogram({
    name: 'ccx_http_request_duration_seconds',
    help: 'HTTP requests by method, route and status, with their duration',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  readonly loginAttempts = new Counter({
    name: 'ccx_login_attempts_total',
    help: 'Login attempts by result (ok, failed, throttled)',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  readonly liveConnections = new Gauge({
    name: 'ccx_realtime_connections',
    help: 'Open Socket.IO connections by role',
    labelNames: ['role'] as const,
    registers: [this.registry],
  });

  readonly rejectedEvents = new Counter({
    name: 'ccx_realtime_rejected_events_total',
    help: 'Socket.IO events refused (invalid payload, unknown event, forbidden)',
    labelNames: ['event', 'code'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'ccx_' });
  }
}
