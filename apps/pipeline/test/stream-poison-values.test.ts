// Valid-looking records that used to skew or stop the stream, through the real broker and Postgres:
// values at the validation bounds (revenue past numeric(14,2), stock past int), an event dated 2099
// (it pushed the watermark and every later sale vanished), late rows (now counted per batch), and a
// database not accepting connections at start-up (SQLSTATE 55000: the stream waits, it does not exit).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { encodeSalesEvent, type SalesEvent } from '@shelfstream/domain';
import { Client, Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBackfill } from '../src/commands/backfill.command';
import { SelfHealingStream } from '../src/recovery/self-healing-stream';
import { startRetailStream } from '../src/retail/retail-stream';
import { type EquivalenceSetup, equivalenceSetup } from './retail-fixture';

const T0 = Date.UTC(2026, 10, 18, 9);
let n = 0;
const event = (sku: string, type: SalesEvent['type'], quantity: number, unitPrice: number, atMs: number): SalesEvent => ({
  event_id: `pv-${n++}`,
  type,
  sku,
  store: 'test',
  quantity,
  unit_price: unitPrice,
  currency: 'GBP',
  event_time: new Date(atMs).toISOString(),
});

describe('valid-looking records that used to skew or stop the stream', () => {
  let setup: EquivalenceSetup;
  let pool: Pool;

  beforeAll(async () => {
    setup = await equivalenceSetup('p_poison');
    pool = new Pool({ connectionString: setup.streamDb.url, max: 6 });
  });
  afterAll(async () => {
    await pool?.end();
    await setup?.dispose();
  });

  const streamAll = async (events: readonly (SalesEvent | string)[]) => {
    await setup.topic.produce(events.map((e) => (typeof e === 'string' ? { key: 'x', value: e } : { key: e.sku, value: encodeSalesEvent(e) })));
    const stream = await startRetailStream(pool, {
      brokers: setup.brokers,
      topic: setup.topic.name,
      triggerMs: 100,
      startingOffsets: 'earliest',
      maxOffsetsPerTrigger: 5000,
    });
    try {
      await stream.processAllAvailable();
    } finally {
      await stream.stop();
    }
  };

  it('values at the validation bounds fit every column: 101 sales of 100,000 x 99,999.99, 21,500 restocks of 100,000', { timeout: 240_000 }, async () => {
    const [a, b] = (await pool.query<{ sku: string; initial_stock: number }>('SELECT sku, initial_stock FROM products ORDER BY sku LIMIT 2')).rows;
    const sales = Array.from({ length: 101 }, (_, i) => event(a.sku, 'sale', 100_000, 99_999.99, T0 + i * 1000));
    // event times within the sales' 100 s: no batch split across the partitions makes a sale late
    const restocks = Array.from({ length: 21_500 }, (_, i) => event(b.sku, 'restock', 100_000, 1, T0 + (i % 100) * 1000));
    await streamAll([...sales, ...restocks]);

    const inventory = await pool.query<{ sku: string; on_hand: string; units_sold: string }>(
      'SELECT sku, on_hand::text, units_sold::text FROM live_inventory WHERE sku = ANY($1) ORDER BY sku',
      [[a.sku, b.sku]],
    );
    expect(inventory.rows).toEqual([
      { sku: a.sku, on_hand: String(a.initial_stock - 101 * 100_000), units_sold: String(101 * 100_000) },
      { sku: b.sku, on_hand: String(b.initial_stock + 21_500 * 100_000), units_sold: '0' },
    ]);
    expect(21_500 * 100_000).toBeGreaterThan(2 ** 31); // past int: it used to wrap or fail
    const velocity = await pool.query<{ units: string; revenue: string; orders: string }>(
      `SELECT units::text, revenue::text, orders::text FROM sales_velocity WHERE sku = $1 AND window_kind = '24h'`,
      [a.sku],
    );
    expect(velocity.rows).toEqual([{ units: '10100000', revenue: '1009999899000.00', orders: '101' }]); // past numeric(14,2)

    // the backfill of the same events agrees
    const file = join(setup.dir, 'bounds.ndjson');
    await writeFile(file, [...sales, ...restocks].map((e) => `${encodeSalesEvent(e)}\n`).join(''));
    await runBackfill({ from: file, baselineDays: 28, baseline: false }, setup.batchDb.url);
    const batch = new Pool({ connectionString: setup.batchDb.url, max: 1 });
    try {
      const batchVelocity = await batch.query(`SELECT units::text, revenue::text, orders::text FROM sales_velocity WHERE sku = $1 AND window_kind = '24h'`, [
        a.sku,
      ]);
      expect(batchVelocity.rows).toEqual(velocity.rows);
      const batchOnHand = await batch.query('SELECT sku, on_hand::text FROM live_inventory WHERE sku = ANY($1) ORDER BY sku', [[a.sku, b.sku]]);
      expect(batchOnHand.rows).toEqual(inventory.rows.map(({ sku, on_hand }) => ({ sku, on_hand })));
    } finally {
      await batch.end();
    }
  });

  it(
    'an event dated 2099 is dead-lettered (EVENT_TIME_IN_FUTURE), later sales still count, late drops are recorded per batch',
    { timeout: 240_000 },
    async () => {
      const sku = (await pool.query<{ sku: string }>('SELECT sku FROM products ORDER BY sku OFFSET 5 LIMIT 1')).rows[0].sku;
      const start = T0 + 86_400_000;
      const before = Array.from({ length: 30 }, (_, i) => event(sku, 'sale', 1, 2, start + i * 60_000));
      const future = event(sku, 'sale', 1, 2, Date.UTC(2099, 0, 1));
      const { rows: since } = await pool.query<{ query_name: string; b: string }>(
        'SELECT query_name, max(batch_id)::text AS b FROM pipeline_progress GROUP BY 1',
      );
      const firstBatch = Object.fromEntries(since.map((r) => [r.query_name, Number(r.b) + 1]));
      const after = Array.from({ length: 30 }, (_, i) => event(sku, 'sale', 2, 2, start + (30 + i) * 60_000));
      await streamAll(before);
      await streamAll([future]);
      await streamAll(after);
      // genuinely late now: a day before the watermark (newest event time − 10 minutes), its windows long closed
      await streamAll([event(sku, 'sale', 7, 2, start - 86_400_000)]);

      const letters = await pool.query<{ error_code: string }>(`SELECT error_code FROM dead_letters WHERE convert_from(raw, 'UTF8') LIKE $1`, [
        `%${future.event_id}"%`,
      ]);
      expect(letters.rows).toEqual([{ error_code: 'EVENT_TIME_IN_FUTURE' }]);
      const units = await pool.query<{ units: string }>(`SELECT sum(units)::text AS units FROM sales_velocity WHERE sku = $1 AND window_kind = '24h'`, [sku]);
      expect(units.rows[0].units).toBe(String(30 * 1 + 30 * 2)); // every on-time sale, the late one dropped
      const dropped = await pool.query<{ query_name: string; n: string }>(
        `SELECT query_name, sum(rows_dropped_by_watermark)::text AS n, sum((progress->>'numRowsDroppedByWatermark')::int)::text AS j
         FROM pipeline_progress WHERE batch_id >= coalesce(($1::jsonb ->> query_name)::bigint, 0) GROUP BY 1 ORDER BY 1`,
        [JSON.stringify(firstBatch)],
      );
      expect(dropped.rows).toEqual([
        { query_name: 'live_inventory', n: '0', j: '0' },
        { query_name: 'sales_velocity_1h', n: '1', j: '1' }, // dropped by the event-id dedupe step, before its windows
        { query_name: 'sales_velocity_24h', n: '1', j: '1' },
      ]);
    },
  );

  it('waits through SQLSTATE 55000 (database not accepting connections) at start-up instead of exiting', { timeout: 120_000 }, async () => {
    const admin = new Client({ connectionString: new URL('/postgres', setup.streamDb.url).toString() });
    await admin.connect();
    const name = setup.streamDb.name;
    const failures: string[] = [];
    let healing: SelfHealingStream<Awaited<ReturnType<typeof startRetailStream>>> | undefined;
    const closed = new Pool({ connectionString: setup.streamDb.url, max: 4 });
    try {
      await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
      let sawFailure: () => void = () => undefined;
      const firstFailure = new Promise<void>((resolve) => (sawFailure = resolve));
      healing = new SelfHealingStream({
        start: () => startRetailStream(closed, { brokers: setup.brokers, topic: setup.topic.name, triggerMs: 100, startingOffsets: 'earliest' }),
        policy: { initialDelayMs: 100, maxDelayMs: 500, maxOutageMs: 60_000, stopTimeoutMs: 30_000 },
        log: (line) => {
          failures.push(line);
          sawFailure();
        },
      });
      const running = healing.run();
      await firstFailure;
      expect(failures[0]).toMatch(/transient failure.*not currently accepting connections/);
      await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);
      const sku = (await pool.query<{ sku: string }>('SELECT sku FROM products ORDER BY sku OFFSET 9 LIMIT 1')).rows[0].sku;
      const marker = event(sku, 'restock', 3, 1, T0 + 2 * 86_400_000);
      await setup.topic.produce([{ key: sku, value: encodeSalesEvent(marker) }]);
      // the restarted stream catches up to the marker
      for (;;) {
        const { rows } = await pool.query('SELECT 1 FROM live_inventory WHERE sku = $1 AND last_event_at = $2', [sku, marker.event_time]);
        if (rows.length === 1) break;
        await Promise.race([running.then(() => Promise.reject(new Error('the stream ended'))), new Promise((r) => setTimeout(r, 200))]);
      }
      expect(healing.restarts).toBeGreaterThanOrEqual(1);
    } finally {
      await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`).catch(() => undefined);
      await healing?.stop();
      await closed.end();
      await admin.end();
    }
  });
});
