// Periodic sweep: re-evaluates every SKU (expired promotions, slow movers, missed notifications).
import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PricingBotConfig } from '../config/pricing-bot-config';
import { PriceChangePublisher } from '../publishing/price-change-publisher.service';
import { RepricingProducer } from '../repricing/repricing.producer';

@Injectable()
export class SweepService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SweepService.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly config: PricingBotConfig,
    private readonly dataSource: DataSource,
    private readonly producer: RepricingProducer,
    private readonly publisher: PriceChangePublisher,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.SWEEP_INTERVAL_MS === 0) return;
    this.timer = setInterval(() => {
      this.run().catch((error: unknown) => this.logger.warn(`sweep failed: ${(error as Error).message}`));
    }, this.config.SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  /** Enqueues every SKU with live data and flushes the outbox; returns how many SKUs were enqueued. */
  async run(): Promise<number> {
    const found: { sku: string }[] = await this.dataSource.query(`SELECT sku FROM live_inventory ORDER BY sku`);
    await this.producer.enqueueEvaluations(found.map((r) => r.sku), 'sweep');
    await this.publisher.flush().catch((error: unknown) => this.logger.warn(`outbox flush failed: ${(error as Error).message}`));
    return found.length;
  }

  beforeApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
