// Serves the worker's Prometheus registry on METRICS_PORT (0 = off): the worker has no HTTP API.
import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { type MetricsServer, serveMetrics } from '@shelfstream/platform';
import { PricingBotConfig } from '../config/pricing-bot-config';
import { PricingMetrics } from './pricing-metrics';

@Injectable()
export class MetricsEndpoint implements OnApplicationBootstrap, OnApplicationShutdown {
  private server: MetricsServer | undefined;

  constructor(
    private readonly config: PricingBotConfig,
    private readonly metrics: PricingMetrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.METRICS_PORT > 0) this.server = await serveMetrics(this.metrics.registry, this.config.METRICS_PORT);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.server?.close();
  }
}
