// Consumer-group scale-out: two members of one group split the partitions (one retail stream per
// owned partition) and end with the same tables as a backfill of the same events. Each partition's stream
// has its own store clock (its watermark), so the windowed figures are checked against the sales in the
// windows ending at each row's figures_as_of; everything else equals the backfill.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBackfill } from '../src/commands/backfill.command';
import { startRetailStreamGroup } from '../src/retail/retail-stream-group';
import { bundledCatalog, type EquivalenceSetup, equivalenceSetup, simulatedRecords } from './retail-fixture';

const INVENTORY_SQL = `SELECT sku, on_hand, units_sold, units_returned, units_restocked, units_adjusted, low_stock, last_event_at,
  last_sale_at FROM live_inventory ORDER BY sku`;
const WINDOWED_SQL = 'SELECT sku, units_last_hour, units_last_24h, figures_as_of FROM live_inventory ORDER BY sku';
const FIVE_MIN = 300_000;
const HOUR = 3_600_000;
const floor = (ms: number, step: number) => Math.floor(ms / step) * step;
const VELOCITY_SQL = 'SELECT sku, window_kind, window_start, units, revenue, orders FROM sales_velocity ORDER BY sku, window_kind, window_start';

async function query(url: string, sql: string) {
  const pool = new Pool({ connectionString: url, max: 1 });
  try {
    return (await pool.query(sql)).rows;
  } finally {
    await pool.end();
  }
}

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the group to settle');
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('consumer group of two stream members = backfill', () => {
  let setup: EquivalenceSetup;

  beforeAll(async () => {
    setup = await equivalenceSetup('p5_grp');
  });
  afterAll(() => setup?.dispose());

  it('splits the partitions and gives the backfill tables', { timeout: 300_000 }, async () => {
    const { batchDb, streamDb, topic, dir, brokers } = setup;
    const records = simulatedRecords(await bundledCatalog(), { startMs: Date.UTC(2026, 10, 17, 9), hours: 2, rate: 2, malformed: 0, seed: 5 });
    await writeFile(join(dir, 'sales.ndjson'), records.map((r) => `${r.value}\n`).join(''));
    await runBackfill({ from: join(dir, 'sales.ndjson'), baselineDays: 28, baseline: false }, batchDb.url);

    await topic.produce(records.map((r) => ({ key: r.key, value: r.value })));
    const pool = new Pool({ connectionString: streamDb.url, max: 12 });
    const settings = { brokers, topic: topic.name, triggerMs: 200, startingOffsets: 'earliest' as const, group: `p5-grp-${topic.name}` };
    const first = await startRetailStreamGroup(pool, settings);
    const second = await startRetailStreamGroup(pool, settings);
    try {
      await until(
        () => first.partitions().length > 0 && second.partitions().length > 0 && first.partitions().length + second.partitions().length === 6,
        120_000,
      );
      expect([...first.partitions(), ...second.partitions()].sort()).toEqual([0, 1, 2, 3, 4, 5]);
      await first.processAllAvailable();
      await second.processAllAvailable();
    } finally {
      await Promise.all([first.stop(), second.stop()]);
      await pool.end();
    }
    const [batchInventory, streamInventory] = await Promise.all([query(batchDb.url, INVENTORY_SQL), query(streamDb.url, INVENTORY_SQL)]);
    expect(batchInventory.length).toBeGreaterThan(100);
    expect(streamInventory).toEqual(batchInventory);
    const sales = records.flatMap((r) => (r.event?.type === 'sale' ? [{ sku: r.event.sku, quantity: r.event.quantity, at: r.eventTimeMs }] : []));
    for (const row of await query(streamDb.url, WINDOWED_SQL)) {
      const asOf = (row.figures_as_of as Date).getTime();
      const mine = sales.filter((e) => e.sku === row.sku && e.at <= asOf);
      const sum = (from: number) => mine.filter((e) => e.at >= from).reduce((n, e) => n + e.quantity, 0);
      expect([row.sku, Number(row.units_last_hour), Number(row.units_last_24h)]).toEqual([
        row.sku,
        sum(floor(asOf, FIVE_MIN) - 11 * FIVE_MIN),
        sum(floor(asOf, HOUR) - 23 * HOUR),
      ]);
    }
    const [batchVelocity, streamVelocity] = await Promise.all([query(batchDb.url, VELOCITY_SQL), query(streamDb.url, VELOCITY_SQL)]);
    expect(streamVelocity).toEqual(batchVelocity);
  });
});
