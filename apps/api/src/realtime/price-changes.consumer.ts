// Consumes the pricing bot's `price-changes` topic for `price.changed` socket events. Every API
// instance must see every change, so each uses its own consumer group (deleted on shutdown) and
// starts at the end of the topic. Kafka being down or the topic missing only delays this feed:
// it retries in the background while the REST API keeps serving.
import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Consumer, Kafka } from 'kafkajs';
import { parsePriceChange, type PriceChangeMessage } from './live-events';

export class PriceChangesConsumer {
  private readonly logger = new Logger('PriceChangesConsumer');
  private readonly groupId = `shelfstream-api-${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  private consumer: Consumer | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private started = false;

  constructor(
    private readonly kafka: Kafka,
    private readonly topic: string,
    private readonly onChange: (change: PriceChangeMessage) => void,
  ) {}

  /** Starts in the background; never throws. */
  start(): void {
    void this.attempt();
  }

  /** True once the consumer runs (joined its group, subscribed). */
  get running(): boolean {
    return this.started;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    const consumer = this.consumer;
    this.consumer = undefined;
    if (!consumer) return;
    await consumer.disconnect().catch(() => undefined);
    if (this.started) {
      const admin = this.kafka.admin();
      await admin
        .connect()
        .then(() => admin.deleteGroups([this.groupId]))
        .catch(() => undefined)
        .finally(() => admin.disconnect().catch(() => undefined));
    }
  }

  private async attempt(): Promise<void> {
    if (this.stopped) return;
    const consumer = this.kafka.consumer({ groupId: this.groupId, sessionTimeout: 10_000, heartbeatInterval: 1000, retry: { retries: 2 } });
    this.consumer = consumer;
    try {
      await consumer.connect();
      await consumer.subscribe({ topic: this.topic, fromBeginning: false });
      consumer.on(consumer.events.CRASH, (e) => {
        if (this.stopped || e.payload.restart) return;
        this.logger.warn(`consumer crashed: ${e.payload.error.message}; retrying`);
        this.retryLater(consumer);
      });
      await consumer.run({
        eachMessage: async ({ message }) => {
          const change = parsePriceChange(message.value);
          if (change) this.onChange(change);
          else this.logger.warn(`ignoring malformed ${this.topic} message at offset ${message.offset}`);
        },
      });
      this.started = true;
    } catch (error) {
      if (this.stopped) return;
      this.logger.warn(`cannot consume ${this.topic} yet (${(error as Error).message}); retrying in 5 s`);
      this.retryLater(consumer);
    }
  }

  private retryLater(consumer: Consumer): void {
    this.started = false;
    void consumer.disconnect().catch(() => undefined);
    this.retryTimer = setTimeout(() => void this.attempt(), 5000);
  }
}
