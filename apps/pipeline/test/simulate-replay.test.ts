// simulate and replay against the real broker: records arrive keyed by SKU, one SKU per partition,
// valid per the contract (except the requested malformed share), and replay sends every history event.
import { validateSalesRecord } from '@shelfstream/domain';
import { createTestTopic, type TestTopic } from '@shelfstream/kafka-connector/testing';
import type { TestDatabase } from '@shelfstream/postgres-connector/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReplay } from '../src/commands/replay.command';
import { runSimulate } from '../src/commands/simulate.command';
import { kafkaClient } from '@shelfstream/platform';
import { SALES_KAFKA_OPTIONS } from '../src/kafka/kafka-producer';
import { BUNDLED_HISTORY, bundledCatalog, seededDatabase } from './retail-fixture';

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');

async function readAll(topic: string, expected: number) {
  const consumer = kafkaClient('p5-read', brokers.join(','), SALES_KAFKA_OPTIONS).consumer({ groupId: `p5-read-${topic}` });
  const records: { partition: number; key: string; value: string }[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`only ${records.length} of ${expected} records`)), 60_000);
    void consumer.run({
      eachMessage: async ({ partition, message }) => {
        records.push({ partition, key: message.key?.toString() ?? '', value: message.value?.toString() ?? '' });
        if (records.length >= expected) {
          clearTimeout(timer);
          resolve();
        }
      },
    });
  });
  await consumer.disconnect();
  return records;
}

describe('simulate and replay into Kafka', () => {
  let db: TestDatabase;
  let topic: TestTopic;
  const previousUrl = process.env.DATABASE_URL;
  beforeAll(async () => {
    db = await seededDatabase('p5_sim', await bundledCatalog());
    process.env.DATABASE_URL = db.url;
    topic = await createTestTopic('p5-sim', 6, brokers);
  });
  afterAll(async () => {
    process.env.DATABASE_URL = previousUrl;
    await topic?.delete();
    await db?.drop();
  });

  it('simulate: keyed by SKU, one partition per SKU, malformed share as asked', { timeout: 120_000 }, async () => {
    const { sent } = await runSimulate({
      rate: 500,
      skus: 50,
      seed: 3,
      malformed: 0.05,
      returns: 0.03,
      flat: true,
      topic: topic.name,
      tick: 50,
      duration: 3000,
      restockDelay: 60_000,
    });
    expect(sent).toBeGreaterThan(1000);
    const records = await readAll(topic.name, sent);
    const partitionOfSku = new Map<string, number>();
    let invalid = 0;
    for (const r of records) {
      expect(partitionOfSku.get(r.key) ?? r.partition).toBe(r.partition);
      partitionOfSku.set(r.key, r.partition);
      if (!validateSalesRecord(r.value).ok) invalid++;
    }
    expect(partitionOfSku.size).toBeLessThanOrEqual(50 + 1); // + malformed UNKNOWN_SKU keys
    expect(invalid / records.length).toBeGreaterThan(0.02);
    expect(invalid / records.length).toBeLessThan(0.08);
  });

  it('replay: every event of the history, in event-time order per SKU', { timeout: 120_000 }, async () => {
    const replayTopic = await createTestTopic('p5-replay', 6, brokers);
    try {
      const { sent } = await runReplay({ from: `${BUNDLED_HISTORY}/sales-2011-12-09.parquet`, speed: 1_000_000, topic: replayTopic.name, retime: false });
      const records = await readAll(replayTopic.name, sent);
      expect(records.length).toBe(sent);
      const lastTime = new Map<string, string>();
      for (const r of records) {
        const result = validateSalesRecord(r.value);
        if (!result.ok) throw new Error(result.message);
        expect(result.event.event_time >= (lastTime.get(r.key) ?? '')).toBe(true);
        lastTime.set(r.key, result.event.event_time);
      }
    } finally {
      await replayTopic.delete();
    }
  });
});
