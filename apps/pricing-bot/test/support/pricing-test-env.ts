// A fresh database, queue prefix and Kafka topic per suite, and the worker config pointing at them.
import { randomBytes } from 'node:crypto';
import { runMigrations } from '@shelfstream/db';
import { createTestDatabase, type TestDatabase } from '@shelfstream/postgres-connector/testing';
import IORedis from 'ioredis';
import { Kafka, type Admin } from 'kafkajs';
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

/** Collects every message of a topic from the beginning. */
export async function collectTopic(
  kafka: Kafka,
  topic: string,
): Promise<{ messages: { key: string; value: Record<string, unknown> }[]; stop(): Promise<void> }> {
  const consumer = kafka.consumer({ groupId: `collector-${randomBytes(4).toString('hex')}` });
  const messages: { key: string; value: Record<string, unknown> }[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      messages.push({ key: message.key?.toString() ?? '', value: JSON.parse(message.value?.toString() ?? 'null') as Record<string, unknown> });
    },
  });
  return { messages, stop: () => consumer.disconnect() };
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
