import { Controller, Get, Header } from '@nestjs/common';
import { PublicEndpoint } from '../common/route.decorator.js';
import { MetricsService } from './metrics.service.js';

/** Prometheus scrape endpoint. Counts only, no personal data; open like most exporters. */
@Controller()
@PublicEndpoint()
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get('/metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
