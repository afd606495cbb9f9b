// LISTEN inventory_updated: every committed pipeline batch enqueues an evaluation of the SKUs it touched.
import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { decodeInventoryUpdated, INVENTORY_UPDATED_CHANNEL, type InventoryUpdatedPayload } from '@shelfstream/db';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { PricingBotConfig } from '../config/pricing-bot-config';
import { RepricingProducer } from '../repricing/repricing.producer';
import { SweepService } from './sweep.service';

const RECONNECT_MS = 1000;

@Injectable()
export class InventoryListener implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(InventoryListener.name);
  private client: Client | null = null;
  private stopped = false;
  /** Notifications are handled in arrival order. */
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly config: PricingBotConfig,
    private readonly dataSource: DataSource,
    private readonly producer: RepricingProducer,
    private readonly sweep: SweepService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.connect();
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.config.DATABASE_URL, application_name: 'pricing-bot-listener' });
    client.on('notification', (msg) => {
      if (msg.channel !== INVENTORY_UPDATED_CHANNEL || !msg.payload) return;
      const text = msg.payload;
      this.chain = this.chain.then(() => this.handle(text)).catch((error: unknown) => this.logger.warn(`notification dropped: ${(error as Error).message}`));
    });
    client.on('error', (error) => this.reconnect(client, error));
    client.on('end', () => this.reconnect(client, new Error('connection ended')));
    await client.connect();
    await client.query(`LISTEN ${INVENTORY_UPDATED_CHANNEL}`);
    this.client = client;
  }

  /** After a lost connection, listen again and sweep once to catch what was missed meanwhile. */
  private reconnect(client: Client, error: Error): void {
    if (this.stopped || this.client !== client) return;
    this.client = null;
    this.logger.warn(`listener connection lost (${error.message}); reconnecting`);
    client.end().catch(() => undefined);
    setTimeout(() => {
      if (this.stopped) return;
      this.connect()
        .then(() => this.sweep.run())
        .catch((e: unknown) => this.reconnect(client, e as Error));
    }, RECONNECT_MS).unref();
  }

  async handle(text: string): Promise<void> {
    const payload: InventoryUpdatedPayload = decodeInventoryUpdated(text);
    const skus = payload.skus ?? (await this.skusOfBatch(payload.batchId));
    await this.producer.enqueueEvaluations(skus, 'notification', payload.batchId);
  }

  private async skusOfBatch(batchId: number): Promise<string[]> {
    const found: { sku: string }[] = await this.dataSource.query(`SELECT sku FROM live_inventory WHERE batch_id = $1`, [batchId]);
    return found.map((r) => r.sku);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.chain;
    await this.client?.end().catch(() => undefined);
  }
}
