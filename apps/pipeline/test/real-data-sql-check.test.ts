// Done-when: on the real Online Retail data, the backfill's per-SKU totals (whole year) and hourly
// windows (November 2011) equal an independent SQL computation over the raw CSV rows, loaded into
// Postgres by the server's own COPY (no code of ours reads them) and mapped by docs/retail-data.md.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestDatabase } from '@shelfstream/postgres-connector/testing';
import { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBackfill } from '../src/commands/backfill.command';
import { runLoad } from '../src/commands/load.command';
import { catalogFrom } from '../src/commands/seed.command';
import { DEFAULT_RETAIL_DIR } from '../src/history/retail-source';
import { seededDatabase } from './retail-fixture';

// The documented mapping, in SQL: exact duplicates once, stock codes only, no "A" invoices, C = return,
// negative = write-off, price 0 without customer = adjustment, else sale; local times read as UTC.
const EVENTS_SQL = `
  WITH dedup AS (SELECT DISTINCT * FROM raw_retail),
  stock AS (
    SELECT upper(trim(stock_code)) AS sku, trim(invoice_no) AS invoice, quantity::int AS q, unit_price::numeric AS p,
           nullif(trim(customer_id), '') AS customer, (invoice_date::timestamp AT TIME ZONE 'UTC') AS t
      FROM dedup
     WHERE trim(invoice_no) NOT LIKE 'A%' AND trim(stock_code) ~ '^[0-9]{5}[A-Za-z]{0,2}$'
       AND unit_price::numeric >= 0 AND quantity::int <> 0)
  SELECT sku, t, p,
         CASE WHEN invoice LIKE 'C%' THEN 'return' WHEN q < 0 THEN 'adjustment'
              WHEN p = 0 AND customer IS NULL THEN 'adjustment' ELSE 'sale' END AS type,
         CASE WHEN invoice LIKE 'C%' THEN abs(q) WHEN q < 0 THEN q ELSE q END AS qty
    FROM stock`;

describe('backfill = independent SQL over the real data', () => {
  let db: TestDatabase;
  let pool: Pool;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'p5-real-'));
    await runLoad({ from: DEFAULT_RETAIL_DIR, out: dir, format: 'parquet' });
    db = await seededDatabase('p5_real', await catalogFrom(dir));
    pool = new Pool({ connectionString: db.url, max: 2 });
    await pool.query(`CREATE TABLE raw_retail (invoice_no text, stock_code text, description text, quantity text,
                      invoice_date text, unit_price text, customer_id text, country text)`);
    for (const name of (await readdir(DEFAULT_RETAIL_DIR)).filter((n) => n.endsWith('.csv')).sort()) {
      await pool.query(`COPY raw_retail FROM '${join(DEFAULT_RETAIL_DIR, name)}' WITH (FORMAT csv, HEADER true)`);
    }
    await pool.query(`CREATE TABLE sql_events AS ${EVENTS_SQL}`);
  }, 600_000);
  afterAll(async () => {
    await pool?.end();
    await db?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('loads every source row', async () => {
    const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM raw_retail');
    expect(Number(rows[0].n)).toBe(541_909);
  });

  it('per-SKU totals over the whole year', async () => {
    const summary = await runBackfill({ from: dir, baselineDays: 28, only: ['inventory'] }, db.url);
    const sqlEvents = await pool.query<{ n: string }>('SELECT count(*) AS n FROM sql_events');
    expect(summary.events).toBe(Number(sqlEvents.rows[0].n));
    const expected = await pool.query(`
      SELECT s.sku,
             sum(qty) FILTER (WHERE type = 'sale')::bigint AS sold,
             coalesce(sum(qty) FILTER (WHERE type = 'return'), 0)::bigint AS returned,
             coalesce(sum(qty) FILTER (WHERE type = 'adjustment'), 0)::bigint AS adjusted,
             (p.initial_stock - coalesce(sum(qty) FILTER (WHERE type = 'sale'), 0) + coalesce(sum(qty) FILTER (WHERE type <> 'sale'), 0))::bigint AS on_hand,
             max(t) AS last_event_at
        FROM sql_events s JOIN products p ON p.sku = s.sku
       GROUP BY s.sku, p.initial_stock ORDER BY s.sku`);
    const actual = await pool.query(`SELECT sku, units_sold AS sold, units_returned AS returned, units_adjusted AS adjusted, on_hand, last_event_at
                                       FROM live_inventory ORDER BY sku`);
    expect(actual.rows.length).toBeGreaterThan(3000);
    expect(actual.rows).toEqual(expected.rows.map((r) => ({ ...r, sold: r.sold ?? '0' })));
  }, 600_000);

  it('hourly windows (1 h sliding every 5 minutes) in November 2011', async () => {
    const november = join(dir, 'november');
    await runLoad({ from: DEFAULT_RETAIL_DIR, out: november, format: 'parquet', since: '2011-11-01', until: '2011-11-30' });
    await runBackfill({ from: november, baselineDays: 28, only: ['velocity-1h'] }, db.url);
    const expected = await pool.query(`
      SELECT sku, w AS window_start, w + interval '1 hour' AS window_end, sum(qty)::bigint AS units,
             round(sum(qty * p), 2) AS revenue, count(*)::bigint AS orders
        FROM sql_events,
             LATERAL (SELECT date_bin('5 minutes', t, TIMESTAMPTZ 'epoch') - k * interval '5 minutes' AS w FROM generate_series(0, 11) AS k) win
       WHERE type = 'sale' AND t >= '2011-11-01' AND t < '2011-12-01'
       GROUP BY sku, w ORDER BY sku, w`);
    const actual = await pool.query(`SELECT sku, window_start, window_end, units, revenue, orders FROM sales_velocity
                                      WHERE window_kind = '1h' ORDER BY sku, window_start`);
    expect(actual.rows.length).toBeGreaterThan(100_000);
    expect(actual.rows.length).toBe(expected.rows.length);
    let revenueOffByCent = 0;
    actual.rows.forEach((row, i) => {
      const want = expected.rows[i];
      expect({ ...row, revenue: undefined }).toEqual({ ...want, revenue: undefined });
      const diff = Math.abs(Number(row.revenue) - Number(want.revenue));
      expect(diff).toBeLessThanOrEqual(0.0100001); // float sums rounded to cents may land on the other cent
      if (diff > 0) revenueOffByCent++;
    });
    expect(revenueOffByCent).toBeLessThan(actual.rows.length / 1000);
  }, 600_000);
});
