// A running stream picks up products seeded after it started (no UNKNOWN_SKU dead letter) and new
// baselines, without a restart; it reads the dimension again only when its version moved.
import { encodeSalesEvent, type Product, type SalesEvent } from '@shelfstream/domain';
import { createTestTopic, type TestTopic } from '@shelfstream/kafka-connector/testing';
import type { TestDatabase } from '@shelfstream/postgres-connector/testing';
import { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertProducts } from '../src/db/product-store';
import { type RetailStream, startRetailStream } from '../src/retail/retail-stream';
import { seededDatabase } from './retail-fixture';

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const product = (sku: string): Product => ({
  sku,
  name: `Mug ${sku}`,
  category: 'home decor',
  unitCost: 1,
  basePrice: 2,
  currentPrice: 2,
  priceFloor: 1.5,
  priceCeiling: 3,
  initialStock: 100,
  lowStockThreshold: 5,
  restockLeadHours: 48,
});
let seq = 0;
const sale = (sku: string, quantity: number): { key: string; value: string } => {
  const event: SalesEvent = {
    event_id: `dim-${++seq}`,
    type: 'sale',
    sku,
    store: 'united-kingdom',
    quantity,
    unit_price: 2,
    currency: 'GBP',
    event_time: new Date().toISOString(),
  };
  return { key: sku, value: encodeSalesEvent(event) };
};

describe('stream dimension refresh', () => {
  let db: TestDatabase;
  let topic: TestTopic;
  let pool: Pool;
  let stream: RetailStream;

  beforeAll(async () => {
    db = await seededDatabase('p13_dim', [product('OLD-1')]);
    topic = await createTestTopic('p13-dim', 2, brokers);
    pool = new Pool({ connectionString: db.url, max: 6 });
    stream = await startRetailStream(pool, { brokers, topic: topic.name, triggerMs: 100, startingOffsets: 'earliest' });
  });
  afterAll(async () => {
    await stream?.stop();
    await pool?.end();
    await Promise.all([db?.drop(), topic?.delete()]);
  });

  const row = async (sku: string) =>
    (
      await pool.query(
        'SELECT on_hand::float8 AS on_hand, units_last_hour::float8 AS units_last_hour, baseline_hourly_rate, velocity_ratio FROM live_inventory WHERE sku = $1',
        [sku],
      )
    ).rows[0];
  const deadLetters = async () => (await pool.query<{ error_code: string }>('SELECT error_code FROM dead_letters ORDER BY id')).rows.map((r) => r.error_code);

  it('accepts a product seeded after the start and uses a baseline written after it', { timeout: 120_000 }, async () => {
    await topic.produce([sale('NEW-1', 2), sale('OLD-1', 1)]);
    await stream.processAllAvailable();
    expect(await deadLetters()).toEqual(['UNKNOWN_SKU']); // NEW-1 is not a product yet
    expect(await row('OLD-1')).toMatchObject({ on_hand: 99, baseline_hourly_rate: 0, velocity_ratio: null });
    const readsBefore = stream.dimension.reads;

    await upsertProducts(db.url, [product('NEW-1')]);
    await pool.query(`INSERT INTO sales_baseline (sku, hourly_rate, daily_units, days, from_time, to_time) VALUES ('OLD-1', 0.5, 12, 28, now(), now())`);
    await topic.produce([sale('NEW-1', 3), sale('OLD-1', 1)]);
    await stream.processAllAvailable();

    expect(await deadLetters()).toEqual(['UNKNOWN_SKU']);
    expect(await row('NEW-1')).toMatchObject({ on_hand: 97, units_last_hour: 3 });
    expect(await row('OLD-1')).toMatchObject({ on_hand: 98, units_last_hour: 2, baseline_hourly_rate: 0.5, velocity_ratio: 4 });
    expect(stream.dimension.reads).toBe(readsBefore + 1);
  });
});
