// Starts the system once for every e2e file: a fresh seeded database, unique Kafka topics and a unique
// BullMQ prefix, then `pipeline stream`, the API and the pricing bot as child processes. Teardown stops
// them and removes the database, topics and Redis keys.
import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { startApp, stopAllApps } from './app-process';
import { CATALOGUE } from './catalogue';
import type { E2eEnvironment } from './environment';
import { createTopics, deleteTopics, kafkaClient, waitForStableGroup } from './kafka-topics';
import { deleteRedisKeys } from './redis-keys';
import { createSeededDatabase } from './seed-database';

const TRIGGER_MS = 100;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const queuePrefix = `e2e-${randomBytes(4).toString('hex')}`;
  const queueName = 'repricing';
  const kafka = kafkaClient(brokers);
  const cleanups: (() => Promise<unknown>)[] = [];
  const teardown = async () => {
    await stopAllApps();
    for (const cleanup of cleanups.reverse()) await cleanup().catch((e: unknown) => console.error('[e2e] cleanup failed:', e));
  };
  try {
    const topics = await createTopics(kafka, { sales: 6, deadLetters: 3, priceChanges: 3 });
    cleanups.push(() => deleteTopics(kafka, Object.values(topics)));
    const db = await createSeededDatabase(CATALOGUE);
    cleanups.push(() => db.drop());
    cleanups.push(() => deleteRedisKeys(redisUrl, queuePrefix));

    const common = { DATABASE_URL: db.url, KAFKA_BROKERS: brokers.join(','), REDIS_URL: redisUrl };
    const started = Date.now();
    const [, api] = await Promise.all([
      startApp('pipeline', ['stream', '--topic', topics.sales, '--dead-letter-topic', topics.deadLetters, '--trigger', `${TRIGGER_MS}ms`], common),
      startApp('api', [], { ...common, HOST: '127.0.0.1', PORT: '0', PRICE_CHANGES_TOPIC: topics.priceChanges }),
      startApp('pricing-bot', [], {
        ...common,
        PRICE_CHANGES_TOPIC: topics.priceChanges,
        QUEUE_PREFIX: queuePrefix,
        REPRICING_QUEUE: queueName,
        SWEEP_INTERVAL_MS: '0',
      }),
    ]);
    await waitForStableGroup(kafka, `-${api.child.pid}-`, 60_000);
    const apiUrl = api.ready[1];
    if (!apiUrl) throw new Error(`[E2E_START] the API printed no URL: ${api.ready[0]}`);
    console.log(`[e2e] pipeline, API and pricing bot ready in ${Date.now() - started} ms (API ${apiUrl})`);

    const environment: E2eEnvironment = {
      databaseUrl: db.url,
      brokers,
      topics,
      redisUrl,
      queuePrefix,
      queueName,
      apiUrl,
      triggerMs: TRIGGER_MS,
    };
    project.provide('e2e', environment);
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}
