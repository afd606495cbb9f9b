// price.changed comes from the real Kafka `price-changes` topic (a unique topic per run).
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel, type Admin, type Producer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveFeedService } from '../src/realtime/live-feed.service';
import { commitBatch, insertProducts } from './support/seed';
import { connectLive, type LiveClient } from './support/live-client';
import { startTestApi, type TestApi } from './support/test-api';

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const topic = `price-changes-test-${randomBytes(4).toString('hex')}`;
type PriceChanged = { changes: { sku: string; newPrice: number; reason: string; category: string }[] };

describe('price.changed from Kafka', () => {
  let api: TestApi;
  let admin: Admin;
  let producer: Producer;
  let tea: LiveClient;
  let mugs: LiveClient;

  beforeAll(async () => {
    const kafka = new Kafka({ clientId: 'api-test', brokers, logLevel: logLevel.NOTHING });
    admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
    producer = kafka.producer();
    await producer.connect();
    api = await startTestApi('api_prices_live', { KAFKA_CONSUMER_ENABLED: true, PRICE_CHANGES_TOPIC: topic, SOCKET_COALESCE_MS: 50 });
    const skus = [
      { sku: 'TEA-9', category: 'tea', onHand: 10 },
      { sku: 'MUG-9', category: 'mugs', onHand: 10 },
    ];
    await insertProducts(api.pg, skus);
    await commitBatch(api.pg, 1, skus);
    tea = await connectLive(api.url, { categories: ['tea'] });
    mugs = await connectLive(api.url, { categories: ['mugs'] });
    const feed = api.app.get(LiveFeedService);
    for (let waited = 0; feed.priceFeedState !== 'running'; waited += 100) {
      if (waited > 30_000) throw new Error('price-changes consumer did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
  });
  afterAll(async () => {
    tea?.close();
    mugs?.close();
    await api?.stop();
    await producer?.disconnect();
    await admin?.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin?.disconnect();
  });

  it('delivers a price change to subscribers of its SKU category only', async () => {
    const change = {
      sku: 'TEA-9',
      oldPrice: 4,
      newPrice: 4.4,
      reason: 'selling 2x baseline',
      rule: 'velocity',
      decidedAt: new Date().toISOString(),
      decisionId: 17,
    };
    // The consumer joins its group asynchronously; produce until the first message is seen.
    const seen = tea.waitFor<PriceChanged>('price.changed', () => true, 20_000);
    const timer = setInterval(() => void producer.send({ topic, messages: [{ key: change.sku, value: JSON.stringify(change) }] }), 500);
    try {
      const { payload } = await seen;
      expect(payload.changes[0]).toMatchObject({ sku: 'TEA-9', newPrice: 4.4, reason: 'selling 2x baseline', category: 'tea' });
    } finally {
      clearInterval(timer);
    }
    // A later change of a mug (one partition, one feed, one socket: delivered in order) bounds the absence of the tea one.
    await producer.send({ topic, messages: [{ key: 'MUG-9', value: JSON.stringify({ ...change, sku: 'MUG-9', decisionId: 18 }) }] });
    await mugs.waitFor<PriceChanged>('price.changed', (p) => p.changes.some((c) => c.sku === 'MUG-9'), 20_000);
    const toMugs = mugs.received.filter((r) => r.event === 'price.changed').flatMap((r) => (r.payload as PriceChanged).changes.map((c) => c.sku));
    expect(toMugs).toEqual(['MUG-9']);
  });
});
