// Feeds the socket gateway from what the pipeline commits.
//
// Why Postgres LISTEN/NOTIFY for inventory and progress: the pipeline sends the NOTIFY inside the
// transaction that commits the batch, so a notification exists only for committed rows (never for a
// rolled-back batch), it arrives after the rows are visible to our read, and it costs no extra broker
// topic or second write path that could disagree with the tables. Notifications are not durable, so
// after a LISTEN reconnect the feed re-reads rows updated since (a minute before) the newest it saw.
// Price changes come from the Kafka `price-changes` topic the pricing bot already publishes.
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { decodeInventoryUpdated, decodePipelineProgress, INVENTORY_UPDATED_CHANNEL, PIPELINE_PROGRESS_CHANNEL } from '@shelfstream/db';
import { Kafka } from 'kafkajs';
import { ApiConfig } from '../config/api-config';
import type { InventoryRow } from '../inventory/inventory-columns';
import { InventoryService } from '../inventory/inventory.service';
import { LiveWindowService } from '../inventory/live-window.service';
import { SkuDetailCache } from '../inventory/sku-detail.cache';
import { MetricsService } from '../metrics/metrics.service';
import { PipelineService } from '../pipeline/pipeline.service';
import { Coalescer } from './coalescer';
import { LIVE_EVENTS, type PriceChangeMessage } from './live-events';
import { LiveGateway } from './live.gateway';
import { PgNotificationListener } from './pg-notification.listener';
import { PriceChangesConsumer } from './price-changes.consumer';

type Pending = { row: InventoryRow; becameLow: boolean; receivedAt: number };

@Injectable()
export class LiveFeedService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('LiveFeedService');
  /** What the feed knows per SKU: category (to address price changes) and low-stock state (to detect transitions). */
  private readonly known = new Map<string, { category: string; lowStock: boolean }>();
  /** Notifications are handled one after another, so a later commit's read never lands before an earlier one's. */
  private queue: Promise<void> = Promise.resolve();
  /** Newest updated_at the feed has seen (for the re-read after a LISTEN reconnect). */
  private lastSeen = new Date(0);
  private listener?: PgNotificationListener;
  private consumer?: PriceChangesConsumer;
  private readonly inventory: Coalescer<Pending>;
  private readonly prices: Coalescer<PriceChangeMessage>;

  constructor(
    @Inject(ApiConfig) private readonly config: ApiConfig,
    @Inject(InventoryService) private readonly rows: InventoryService,
    @Inject(PipelineService) private readonly pipeline: PipelineService,
    @Inject(LiveGateway) private readonly gateway: LiveGateway,
    @Inject(MetricsService) private readonly metrics: MetricsService,
    @Inject(Kafka) private readonly kafka: Kafka,
    @Inject(SkuDetailCache) private readonly cache: SkuDetailCache,
    @Inject(LiveWindowService) private readonly liveWindow: LiveWindowService,
  ) {
    // Newest row wins; a low-stock transition survives being coalesced with a later row that is still low.
    this.inventory = new Coalescer(
      config.SOCKET_COALESCE_MS,
      (items) => this.flushInventory(items),
      (older, newer) => ({ ...newer, becameLow: newer.becameLow || (older.becameLow && newer.row.lowStock), receivedAt: older.receivedAt }),
    );
    this.prices = new Coalescer(config.SOCKET_COALESCE_MS, (items) => this.flushPrices(items));
  }

  async onApplicationBootstrap(): Promise<void> {
    const seed = await this.rows.feedSeed();
    for (const s of seed) this.known.set(s.sku, { category: s.category, lowStock: s.lowStock });
    for (const s of seed) if (s.updatedAt > this.lastSeen) this.lastSeen = s.updatedAt;
    this.listener = new PgNotificationListener(this.config.DATABASE_URL, [INVENTORY_UPDATED_CHANNEL, PIPELINE_PROGRESS_CHANNEL], {
      notification: (channel, payload) => {
        const receivedAt = performance.now();
        this.enqueue(() => this.onNotification(channel, payload, receivedAt));
      },
      resync: () => this.enqueue(() => this.resync()),
    });
    await this.listener.start();
    if (this.config.KAFKA_CONSUMER_ENABLED) {
      this.consumer = new PriceChangesConsumer(this.kafka, this.config.PRICE_CHANGES_TOPIC, (c) => {
        this.cache.invalidate([c.sku]);
        this.prices.offer(c.sku, c);
      });
      this.consumer.start();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.inventory.stop();
    this.prices.stop();
    await this.listener?.stop();
    await this.consumer?.stop();
  }

  /** The Kafka price-changes consumer: `off` when disabled, `starting` until it has joined its group. */
  get priceFeedState(): 'running' | 'starting' | 'off' {
    if (!this.consumer) return 'off';
    return this.consumer.running ? 'running' : 'starting';
  }

  private enqueue(task: () => Promise<void>): void {
    this.queue = this.queue.then(task, task);
  }

  private async onNotification(channel: string, payload: string, receivedAt: number): Promise<void> {
    this.metrics.notifications.inc({ channel });
    try {
      if (channel === INVENTORY_UPDATED_CHANNEL) {
        const { batchId, skus } = decodeInventoryUpdated(payload);
        if (skus) this.cache.invalidate(skus);
        else this.cache.invalidateAll();
        const rows = skus === null ? await this.rows.rowsByBatch(batchId) : skus.length ? await this.rows.rowsBySku(skus) : [];
        this.offerRows(rows, receivedAt);
      } else if (channel === PIPELINE_PROGRESS_CHANNEL) {
        const { queryName, batchId } = decodePipelineProgress(payload);
        const summary = await this.pipeline.batch(queryName, batchId);
        if (summary) this.gateway.broadcast(LIVE_EVENTS.pipelineProgress, summary);
        if (summary && this.liveWindow.observe(summary.queryName, summary.watermark)) this.gateway.broadcast(LIVE_EVENTS.liveWindow, this.liveWindow.window());
      }
    } catch (error) {
      this.logger.warn(`ignoring ${channel} notification: ${(error as Error).message}`);
    }
  }

  private async resync(): Promise<void> {
    this.cache.invalidateAll();
    try {
      await this.liveWindow.reload();
      this.gateway.broadcast(LIVE_EVENTS.liveWindow, this.liveWindow.window());
      this.offerRows(await this.rows.rowsUpdatedAround(this.lastSeen), performance.now());
    } catch (error) {
      this.logger.warn(`resync failed: ${(error as Error).message}`);
    }
  }

  private offerRows(rows: InventoryRow[], receivedAt: number): void {
    for (const row of rows) {
      if (row.updatedAt > this.lastSeen) this.lastSeen = row.updatedAt;
      const before = this.known.get(row.sku);
      this.known.set(row.sku, { category: row.category, lowStock: row.lowStock });
      const becameLow = row.lowStock && before?.lowStock !== true;
      this.inventory.offer(row.sku, { row, becameLow, receivedAt });
    }
  }

  private flushInventory(items: Pending[]): void {
    const rows = items.map((i) => this.rows.served(i.row));
    this.gateway.deliver(LIVE_EVENTS.inventoryUpdated, rows, (r) => ({ rows: r }));
    const low = items.filter((i) => i.becameLow).map((i) => this.rows.served(i.row));
    if (low.length) this.gateway.deliver(LIVE_EVENTS.stockLow, low, (r) => ({ rows: r }));
    const now = performance.now();
    for (const i of items) this.metrics.notificationToEmit.observe((now - i.receivedAt) / 1000);
  }

  private flushPrices(changes: PriceChangeMessage[]): void {
    const addressed = changes.map((c) => ({ ...c, category: this.known.get(c.sku)?.category }));
    this.gateway.deliver(LIVE_EVENTS.priceChanged, addressed, (c) => ({ changes: c }));
  }
}
