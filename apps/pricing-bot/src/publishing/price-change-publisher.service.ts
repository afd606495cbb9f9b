// Outbox publisher: price_changes rows with published_at null go to Kafka `price-changes`, after commit.
// One publisher at a time across processes (advisory lock) keeps the topic in commit order per SKU;
// a crash between send and mark republishes (at least once; consumers dedupe by decisionId).
import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { kafkaClient } from '@shelfstream/platform';
import { Partitioners, type Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { PricingBotConfig } from '../config/pricing-bot-config';
import type { PriceChangeMessage } from '@shelfstream/domain';

/** Advisory lock held while publishing (exported so tests can hold the publisher back). */
export const PUBLISHER_LOCK_KEY = 0x5e1f_0701;
const BATCH = 500;

@Injectable()
export class PriceChangePublisher implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(PriceChangePublisher.name);
  private readonly producer: Producer;
  private connected: Promise<void> | null = null;
  private running: Promise<number> | null = null;
  private again = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: PricingBotConfig,
  ) {
    const kafka = kafkaClient('pricing-bot', config.KAFKA_BROKERS);
    this.producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  }

  /** Republishes whatever a previous run left unpublished. */
  async onApplicationBootstrap(): Promise<void> {
    void this.flush().catch((error: unknown) => this.logger.warn(`outbox flush on start failed: ${(error as Error).message}`));
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.running?.catch(() => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.connected) await this.producer.disconnect().catch(() => undefined);
  }

  /** Publishes every pending change; concurrent calls coalesce into one more pass. Returns rows published. */
  flush(): Promise<number> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      let total = 0;
      do {
        this.again = false;
        let n: number;
        do {
          n = await this.publishBatch();
          total += n;
        } while (n === BATCH);
      } while (this.again);
      return total;
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async publishBatch(): Promise<number> {
    this.connected ??= this.producer.connect();
    await this.connected;
    return this.dataSource.transaction(async (em) => {
      await em.query('SELECT pg_advisory_xact_lock($1)', [PUBLISHER_LOCK_KEY]);
      const pending: { id: string; decision_id: string; sku: string; old_price: string; new_price: string; reason: string; rule: string; changed_at: Date }[] =
        await em.query(
          `SELECT id, decision_id, sku, old_price, new_price, reason, rule, changed_at
             FROM price_changes WHERE published_at IS NULL ORDER BY id LIMIT ${BATCH}`,
        );
      if (pending.length === 0) return 0;
      await this.producer.send({
        topic: this.config.PRICE_CHANGES_TOPIC,
        messages: pending.map((r) => ({
          key: r.sku,
          value: JSON.stringify({
            sku: r.sku,
            oldPrice: Number(r.old_price),
            newPrice: Number(r.new_price),
            reason: r.reason,
            rule: r.rule,
            decidedAt: r.changed_at.toISOString(),
            decisionId: Number(r.decision_id),
          } satisfies PriceChangeMessage),
        })),
      });
      await em.query(`UPDATE price_changes SET published_at = now() WHERE id = ANY($1::bigint[])`, [pending.map((r) => r.id)]);
      return pending.length;
    });
  }
}
