// Issue 6: a socket.io client of the API receives `inventory.updated` for a SKU after each sales event for
// that SKU produced to Kafka (pipeline `stream`, 100 ms trigger). The delays are printed, not limited here:
// the benchmarks measure the two legs (Kafka -> committed row, `npm run bench` aims; commit -> socket, api:bench).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { LIVE_SKU } from './support/catalogue';
import { connectLive, type InventoryEvent, type LiveClient } from './support/live-client';
import { salesEvent, salesProducer, type SalesProducer } from './support/sales-events';

const env = inject('e2e');

describe('Kafka sale -> pipeline stream -> Postgres NOTIFY -> API socket', () => {
  let producer: SalesProducer;
  let client: LiveClient;

  beforeAll(async () => {
    producer = await salesProducer(env.brokers, env.topics.sales);
    client = await connectLive(env.apiUrl, { skus: [LIVE_SKU.sku] });
  });
  afterAll(async () => {
    client?.close();
    await producer?.close();
  });

  it('delivers inventory.updated for the SKU after each sale', async () => {
    const delays: number[] = [];
    let row: InventoryEvent['rows'][number] | undefined;
    // A few sales one after another, each awaited on the socket before the next.
    for (let i = 1; i <= 5; i++) {
      const sentAt = performance.now();
      await producer.send([salesEvent(LIVE_SKU.sku, { quantity: i })]);
      const unitsSold = (i * (i + 1)) / 2;
      const { payload, at } = await client.next<InventoryEvent>(
        'inventory.updated',
        (p) => p.rows.some((r) => r.sku === LIVE_SKU.sku && r.unitsSold === unitsSold),
        10_000,
      );
      delays.push(Math.round(at - sentAt));
      row = payload.rows.find((r) => r.sku === LIVE_SKU.sku);
    }
    console.log(`[e2e] produce -> inventory.updated delays (ms, ${env.triggerMs} ms trigger): ${delays.join(', ')}; max ${Math.max(...delays)}`);
    expect(row).toMatchObject({ onHand: LIVE_SKU.initialStock - 15, unitsSold: 15 });
  });
});
