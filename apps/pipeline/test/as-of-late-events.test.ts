// As-of by event time through the real stream: a return that arrives in a later batch than a newer sale
// changes the as-of answers from its own event time on, and none before it. Then, on the same checkpoint,
// a checkpoint signed by a pre-decay build is refused with a clear error (docs/retail-pipeline.md, upgrading).
import { INVENTORY_AS_OF_SQL } from '@shelfstream/db';
import { encodeSalesEvent, LIVE_INVENTORY_SCHEMA, type Product, type SalesEvent } from '@shelfstream/domain';
import { createTestTopic, type TestTopic } from '@shelfstream/kafka-connector/testing';
import { ENGINE_SCHEMA } from '@shelfstream/postgres-connector';
import { type TestDatabase } from '@shelfstream/postgres-connector/testing';
import { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRetailStream } from '../src/retail/retail-stream';
import { seededDatabase } from './retail-fixture';

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const product: Product = {
  sku: 'ASOF-1',
  name: 'Tin',
  category: 'kitchen',
  unitCost: 1,
  basePrice: 2,
  currentPrice: 2,
  priceFloor: 1.5,
  priceCeiling: 3,
  initialStock: 100,
  lowStockThreshold: 5,
  restockLeadHours: 48,
};
const at = (time: string) => `2026-11-20T${time}:00.000Z`;
const event = (id: string, type: SalesEvent['type'], quantity: number, time: string) => {
  const e: SalesEvent = { event_id: id, type, sku: product.sku, store: 'united-kingdom', quantity, unit_price: 2, currency: 'GBP', event_time: at(time) };
  return { key: e.sku, value: encodeSalesEvent(e) };
};

describe('as-of reads with events out of order across batches', () => {
  let db: TestDatabase;
  let topic: TestTopic;

  beforeAll(async () => {
    [db, topic] = await Promise.all([seededDatabase('p13_asof', [product]), createTestTopic('p13-asof', 1, brokers)]);
  });
  afterAll(async () => {
    await Promise.all([db?.drop(), topic?.delete()]);
  });

  it('counts a late return from its event time on', { timeout: 120_000 }, async () => {
    const pool = new Pool({ connectionString: db.url, max: 6 });
    const stream = await startRetailStream(pool, { brokers, topic: topic.name, triggerMs: 100, startingOffsets: 'earliest' });
    const asOf = async (time: string) => (await pool.query(INVENTORY_AS_OF_SQL, [at(time), product.sku])).rows[0];
    try {
      await topic.produce([event('s1', 'sale', 5, '12:00'), event('s2', 'sale', 3, '13:00')]);
      await stream.processAllAvailable();
      expect(await asOf('13:30')).toMatchObject({ on_hand: 92 });
      await topic.produce([event('r1', 'return', 2, '12:30')]); // arrives after the 13:00 sale was committed
      await stream.processAllAvailable();
    } finally {
      await stream.stop();
    }
    const batches = await pool.query<{ event_id: string; batch_id: string }>('SELECT event_id, batch_id FROM sales_history ORDER BY event_id');
    expect(Number(batches.rows.find((r) => r.event_id === 'r1')?.batch_id)).toBeGreaterThan(Number(batches.rows.find((r) => r.event_id === 's2')?.batch_id));

    expect(await asOf('11:59')).toBeUndefined();
    expect(await asOf('12:15')).toMatchObject({ on_hand: 95, units_last_hour: 5, last_event_at: new Date(at('12:00')) });
    expect(await asOf('12:45')).toMatchObject({ on_hand: 97, units_last_hour: 5, last_event_at: new Date(at('12:30')) });
    expect(await asOf('13:30')).toMatchObject({ on_hand: 94, units_last_hour: 3, units_last_24h: 8, last_sale_at: new Date(at('13:00')) });
    const live = await pool.query('SELECT on_hand::float8 AS on_hand FROM live_inventory WHERE sku = $1', [product.sku]);
    expect(live.rows[0]).toEqual({ on_hand: 94 }); // the ledger and the live row agree at the end
    await pool.end();
  });

  it('refuses to start over the checkpoints of the four-query pipeline, naming them and the upgrade', { timeout: 120_000 }, async () => {
    const pool = new Pool({ connectionString: db.url, max: 6 });
    try {
      await pool.query(`INSERT INTO ${ENGINE_SCHEMA}.checkpoint_metadata (query_name, metadata) VALUES ('sales_velocity_1h', '{}'), ('live_inventory', '{}')`);
      await pool.query(`UPDATE ${ENGINE_SCHEMA}.checkpoint_metadata SET query_name = 'retail-moved' WHERE query_name = 'retail'`);
      await expect(startRetailStream(pool, { brokers, topic: topic.name, triggerMs: 100, startingOffsets: 'earliest' })).rejects.toMatchObject({
        code: 'CHECKPOINT_MISMATCH',
        message: expect.stringMatching(/\(live_inventory, sales_velocity_1h\).*Upgrading from four queries/),
      });
    } finally {
      await pool.query(`DELETE FROM ${ENGINE_SCHEMA}.checkpoint_metadata WHERE query_name IN ('sales_velocity_1h', 'live_inventory')`);
      await pool.query(`UPDATE ${ENGINE_SCHEMA}.checkpoint_metadata SET query_name = 'retail' WHERE query_name = 'retail-moved'`);
      await pool.end();
    }
  });

  it('refuses a live inventory checkpoint written before decay and dedupe with a clear error', { timeout: 120_000 }, async () => {
    const pool = new Pool({ connectionString: db.url, max: 6 });
    try {
      // what a pre-decay build wrote: one keyed-state operator (named by class), no last_sale_at / figures_as_of
      const columns = LIVE_INVENTORY_SCHEMA.fields.map((f) => f.name).filter((name) => name !== 'last_sale_at' && name !== 'figures_as_of');
      await pool.query(
        `UPDATE ${ENGINE_SCHEMA}.checkpoint_metadata SET metadata = jsonb_set(metadata, '{stateOperators}', $1::jsonb)
                         WHERE query_name = 'retail'`,
        [JSON.stringify([`live_inventory/0:GroupStateOperator:${columns.join(',')}`])],
      );
      await expect(startRetailStream(pool, { brokers, topic: topic.name, triggerMs: 100, startingOffsets: 'earliest' })).rejects.toMatchObject({
        code: 'CHECKPOINT_MISMATCH',
      });
    } finally {
      await pool.end();
    }
  });
});
