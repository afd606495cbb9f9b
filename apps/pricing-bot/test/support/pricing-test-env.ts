// A fresh database, queue prefix and Kafka topic per suite, and the worker config pointing at them.
import { randomBytes } from 'node:crypto';
import { runMigrations } from '@shelfstream/db';
import { createTestDatabase, type TestDatabase } from '@shelfstream/postgres-connector/testing';
import type { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { Kafka, Partitioners, type Admin, type Producer } from 'kafkajs';
import { Client } from 'pg';
import { loadPricingBotConfig, type PricingBotConfig } from '../../src/config/pricing-bot-config';
import { createTopicsReady } from '@shelfstream/kafka-connector';

export interface PricingTestEnv {
  db: TestDatabase;
  client: Client;
  topic: string;
  queuePrefix: string;
  /** Environment variables for a worker (in-process config or child process). */
  env: Record<string, string>;
  config(overrides?: Partial<PricingBotConfig>): PricingBotConfig;
  kafka: Kafka;
  close(): Promise<void>;
}

export const KAFKA_BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';

export async function createPricingTestEnv(name: string, extraEnv: Record<string, string> = {}): Promise<PricingTestEnv> {
  const id = randomBytes(4).toString('hex');
  const db = await createTestDatabase(`pricing_${name}`);
  await runMigrations(db.url);
  const client = new Client({ connectionString: db.url });
  await client.connect();
  const kafka = new Kafka({ clientId: `pricing-test-${id}`, brokers: KAFKA_BROKERS.split(','), logLevel: 1 });
  const admin: Admin = kafka.admin();
  await admin.connect();
  const topic = `price-changes-test-${name}-${id}`;
  await createTopicsReady(admin, [{ topic, numPartitions: 3, replicationFactor: 1 }]);
  const queuePrefix = `pricing-test-${name}-${id}`;
  const env: Record<string, string> = {
    DATABASE_URL: db.url,
    KAFKA_BROKERS,
    PRICE_CHANGES_TOPIC: topic,
    QUEUE_PREFIX: queuePrefix,
    SWEEP_INTERVAL_MS: '0',
    JOB_BACKOFF_MS: '50',
    ...extraEnv,
  };
  return {
    db,
    client,
    topic,
    queuePrefix,
    env,
    kafka,
    config: (overrides = {}) => loadPricingBotConfig(env, overrides),
    async close() {
      await client.end().catch(() => undefined);
      await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
      await admin.disconnect();
      await db.drop();
      await deleteKeys(`${queuePrefix}:*`);
    },
  };
}

/** Polls `check` until it returns a value (not undefined) or the time runs out. */
export async function waitFor<T>(check: () => Promise<T | undefined>, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Waits until BullMQ has no job left to run (none waiting, delayed, prioritized or active): no evaluation is still to come. */
export async function waitForIdleQueue(queue: Queue, timeoutMs = 15_000): Promise<void> {
  await waitFor(
    async () => {
      const counts = await queue.getJobCounts('waiting', 'delayed', 'prioritized', 'waiting-children', 'active');
      return Object.values(counts).every((n) => n === 0) ? true : undefined;
    },
    timeoutMs,
    'an idle repricing queue',
  );
}

/** Waits until the outbox has sent every price change to Kafka (published_at set in the send's transaction). */
export async function waitForPublished(client: Client, timeoutMs = 15_000): Promise<void> {
  await waitFor(
    async () => ((await client.query('SELECT 1 FROM price_changes WHERE published_at IS NULL LIMIT 1')).rowCount === 0 ? true : undefined),
    timeoutMs,
    'the outbox to publish every price change',
  );
}

export interface TopicCollector {
  /** Every message so far, from the beginning of the topic (markers left out). */
  readonly messages: { key: string; value: Record<string, unknown> }[];
  /**
   * Sends a marker keyed `key` (so to that key's partition) and waits until it is collected: every message
   * the partition held before it is then in `messages`. The bound for asserting that no further message came.
   */
  untilMarker(key: string): Promise<{ key: string; value: Record<string, unknown> }[]>;
  stop(): Promise<void>;
}

/** Collects every message of a topic from the beginning. */
export async function collectTopic(kafka: Kafka, topic: string): Promise<TopicCollector> {
  const consumer = kafka.consumer({ groupId: `collector-${randomBytes(4).toString('hex')}` });
  const messages: TopicCollector['messages'] = [];
  const markers = new Set<string>();
  let producer: Producer | undefined;
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const value = JSON.parse(message.value?.toString() ?? 'null') as Record<string, unknown>;
      if (typeof value?.['testMarker'] === 'string') markers.add(value['testMarker']);
      else messages.push({ key: message.key?.toString() ?? '', value });
    },
  });
  return {
    messages,
    async untilMarker(key) {
      if (!producer) {
        producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner }); // the publisher's partitioner
        await producer.connect();
      }
      const id = randomBytes(4).toString('hex');
      await producer.send({ topic, messages: [{ key, value: JSON.stringify({ testMarker: id }) }] });
      await waitFor(async () => (markers.has(id) ? true : undefined), 15_000, `the marker on the partition of ${key}`);
      return messages;
    },
    async stop() {
      await consumer.disconnect();
      await producer?.disconnect();
    },
  };
}

/** Removes a test's Redis keys (its BullMQ queue and kill switch). */
async function deleteKeys(pattern: string): Promise<void> {
  const redis = new IORedis({ maxRetriesPerRequest: null });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
