// The sweep: re-evaluates every SKU (expired promotions, slow movers, surge reverts, missed notifications).
// Run once per fleet tick by the SWEEP_JOB scheduler (schedules/fleet-schedules.service.ts), and by a
// listener that reconnected.
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PriceChangePublisher } from '../publishing/price-change-publisher.service';
import { RepricingProducer } from '../repricing/repricing.producer';

@Injectable()
export class SweepService {
  private readonly logger = new Logger(SweepService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly producer: RepricingProducer,
    private readonly publisher: PriceChangePublisher,
  ) {}

  /** Enqueues every SKU with live data and flushes the outbox; returns how many SKUs were enqueued. */
  async run(): Promise<number> {
    const found: { sku: string }[] = await this.dataSource.query(`SELECT sku FROM live_inventory ORDER BY sku`);
    await this.producer.enqueueEvaluations(
      found.map((r) => r.sku),
      'sweep',
    );
    await this.publisher.flush().catch((error: unknown) => this.logger.warn(`outbox flush failed: ${(error as Error).message}`));
    return found.length;
  }
}
