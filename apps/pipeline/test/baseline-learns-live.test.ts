// The baseline learns from live sales: the stream records every validated event in sales_history next to
// the backfilled history, and the nightly baseline (backfill --only baseline, as of its run time) reads it.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeSalesEvent, type Product, type SalesEvent } from '@shelfstream/domain';
import { createTestTopic, type TestTopic } from '@shelfstream/kafka-connector/testing';
import type { TestDatabase } from '@shelfstream/postgres-connector/testing';
import { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBackfill } from '../src/commands/backfill.command';
import { startRetailStream } from '../src/retail/retail-stream';
import { seededDatabase } from './retail-fixture';

const DAY = 86_400_000;
const D1 = Date.UTC(2026, 10, 1);
const product: Product = {
  sku: 'BASE-1',
  name: 'Jar',
  category: 'kitchen',
  unitCost: 1,
  basePrice: 2,
  currentPrice: 2,
  priceFloor: 1.5,
  priceCeiling: 3,
  initialStock: 5000,
  lowStockThreshold: 5,
  restockLeadHours: 48,
};
let seq = 0;
/** One sale of `quantity` every hour of the day. */
const day = (startMs: number, quantity: number): SalesEvent[] =>
  Array.from({ length: 24 }, (_, h) => ({
    event_id: `b-${++seq}`,
    type: 'sale',
    sku: product.sku,
    store: 'united-kingdom',
    quantity,
    unit_price: 2,
    currency: 'GBP',
    event_time: new Date(startMs + h * 3_600_000 + 60_000).toISOString(),
  }));

describe('baseline from backfilled and live sales', () => {
  const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
  let db: TestDatabase;
  let topic: TestTopic;
  let dir: string;

  beforeAll(async () => {
    [db, topic, dir] = await Promise.all([
      seededDatabase('p13_base', [product]),
      createTestTopic('p13-base', 2, brokers),
      mkdtemp(join(tmpdir(), 'p13-base-')),
    ]);
  });
  afterAll(async () => {
    await Promise.all([db?.drop(), topic?.delete(), dir && rm(dir, { recursive: true, force: true })]);
  });

  it('recomputes from sales_history, which the stream fills with live sales', { timeout: 180_000 }, async () => {
    const pool = new Pool({ connectionString: db.url, max: 6 });
    try {
      const history = [...day(D1, 1), ...day(D1 + DAY, 1)];
      await writeFile(join(dir, 'history.ndjson'), history.map((e) => `${encodeSalesEvent(e)}\n`).join(''));
      const backfill = await runBackfill({ from: join(dir, 'history.ndjson'), baselineDays: 28 }, db.url);
      expect(backfill).toMatchObject({ historyRows: 48 });
      const rate = async () => Number((await pool.query('SELECT hourly_rate FROM sales_baseline WHERE sku = $1', [product.sku])).rows[0].hourly_rate);
      expect(await rate()).toBe(1);

      // two live days at three units an hour, through Kafka
      const live = [...day(D1 + 2 * DAY, 3), ...day(D1 + 3 * DAY, 3)];
      await topic.produce(live.map((e) => ({ key: e.sku, value: encodeSalesEvent(e) })));
      const stream = await startRetailStream(pool, { brokers, topic: topic.name, triggerMs: 100, startingOffsets: 'earliest' });
      try {
        await stream.processAllAvailable();
      } finally {
        await stream.stop();
      }
      const recorded = await pool.query<{ n: string; units: string }>(`SELECT count(*) AS n, -sum(stock_delta) AS units FROM sales_history WHERE sku = $1`, [
        product.sku,
      ]);
      expect(recorded.rows[0]).toEqual({ n: '96', units: String(48 + 144) });

      // the nightly job at 03:00 on the fifth day: the four whole days before it
      const nightly = await runBackfill(
        { from: join(dir, 'history.ndjson'), baselineDays: 28, only: ['baseline'], asOf: D1 + 4 * DAY + 3 * 3_600_000 },
        db.url,
      );
      expect(nightly).toMatchObject({ historyRows: 48, baselineRows: 1 });
      expect(await rate()).toBe((48 + 144) / (4 * 24));
      const range = (await pool.query('SELECT from_time, to_time, days FROM sales_baseline WHERE sku = $1', [product.sku])).rows[0];
      expect(range).toEqual({ from_time: new Date(D1), to_time: new Date(D1 + 4 * DAY), days: 4 });
    } finally {
      await pool.end();
    }
  });
});
