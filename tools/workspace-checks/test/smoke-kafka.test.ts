// The real broker from `npm run infra:up` round-trips 10,000 keyed messages through a 6-partition
// topic with kafkajs 2.2.4: every message comes back once and each key stays on one partition.
import { randomBytes } from 'node:crypto';
import { ConfigResourceTypes, Kafka, logLevel, Partitioners, type Admin } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTopicsReady } from '@shelfstream/kafka-connector';

const MESSAGES = 10_000;
const PARTITIONS = 6;
const KEYS = 500;

const kafka = new Kafka({
  clientId: 'smoke-kafka',
  brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
  logLevel: logLevel.ERROR,
});
const topic = `smoke-kafka-${randomBytes(4).toString('hex')}`;
let admin: Admin;

beforeAll(async () => {
  admin = kafka.admin();
  await admin.connect();
  await createTopicsReady(admin, [{ topic, numPartitions: PARTITIONS, replicationFactor: 1 }]);
});

afterAll(async () => {
  await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await admin.disconnect();
});

describe('kafka smoke', () => {
  it('creates the topic with 6 partitions (auto-create stays off)', async () => {
    const [metadata] = (await admin.fetchTopicMetadata({ topics: [topic] })).topics;
    expect(metadata.partitions).toHaveLength(PARTITIONS);
    const config = await admin.describeConfigs({ resources: [{ type: ConfigResourceTypes.BROKER, name: '1' }], includeSynonyms: false });
    const autoCreate = config.resources[0].configEntries.find((e) => e.configName === 'auto.create.topics.enable');
    expect(autoCreate?.configValue).toBe('false');
  });

  it('produces 10,000 keyed messages and consumes every one back; keys keep their partition', async () => {
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    for (let start = 0; start < MESSAGES; start += 1000) {
      const messages = Array.from({ length: 1000 }, (_, j) => ({ key: `sku-${(start + j) % KEYS}`, value: String(start + j) }));
      await producer.send({ topic, messages });
    }
    await producer.disconnect();

    const seen = new Set<string>();
    const partitionOfKey = new Map<string, number>();
    const conflicts: string[] = [];
    const consumer = kafka.consumer({ groupId: `${topic}-group` });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const allSeen = new Promise<void>((resolve) => {
      void consumer.run({
        eachBatch: async ({ batch }) => {
          for (const message of batch.messages) {
            const key = message.key?.toString() ?? '';
            const known = partitionOfKey.get(key);
            if (known === undefined) partitionOfKey.set(key, batch.partition);
            else if (known !== batch.partition) conflicts.push(`${key}: ${known} and ${batch.partition}`);
            seen.add(message.value?.toString() ?? '');
          }
          if (seen.size >= MESSAGES) resolve();
        },
      });
    });
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`only ${seen.size} of ${MESSAGES} consumed`)), 90_000));
    try {
      await Promise.race([allSeen, timeout]);
    } finally {
      await consumer.disconnect();
    }

    expect(seen.size).toBe(MESSAGES);
    expect(conflicts).toEqual([]);
    expect(partitionOfKey.size).toBe(KEYS);
    expect(new Set(partitionOfKey.values()).size).toBe(PARTITIONS);
  }, 120_000);
});
