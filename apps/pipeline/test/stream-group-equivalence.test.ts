// Consumer-group scale-out: two members of one group split the partitions (one retail stream per
// owned partition) and end with the same tables as a backfill of the same events. Each partition's stream
// has its own store clock (its watermark), so the windowed figures are checked against the sales in the
// windows ending at each row's figures_as_of; everything else equals the backfill.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBackfill } from '../src/commands/backfill.command';
import { claimPartitions } from '@shelfstream/postgres-connector';
import { type RetailStreamGroup, startRetailStreamGroup } from '../src/retail/retail-stream-group';
import { retailQueryName } from '../src/retail/retail-stream';
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

const tables = async (url: string) => ({ inventory: await query(url, INVENTORY_SQL), velocity: await query(url, VELOCITY_SQL) });

/** Processes what the members have until the stream tables equal `expected` (a rebalance may move a partition mid-way), or 60 s. */
async function processUntilEqual(groups: readonly RetailStreamGroup[], url: string, expected: unknown) {
  const deadline = Date.now() + 60_000;
  let tablesNow: Awaited<ReturnType<typeof tables>>;
  do {
    await Promise.all(groups.map((g) => g.processAllAvailable().catch(() => new Promise((r) => setTimeout(r, 500)))));
    tablesNow = await tables(url);
  } while (!isDeepStrictEqual(tablesNow, expected) && Date.now() < deadline);
  return tablesNow;
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
    const fatal: string[] = [];
    const settings = {
      brokers,
      topic: topic.name,
      triggerMs: 200,
      startingOffsets: 'earliest' as const,
      group: `p5-grp-${topic.name}`,
      onFatal: (partition: number, error: unknown) => fatal.push(`partition ${partition}: ${String(error)}`),
    };
    const batch = await tables(batchDb.url);
    expect(batch.inventory.length).toBeGreaterThan(100);
    const first = await startRetailStreamGroup(pool, settings);
    const second = await startRetailStreamGroup(pool, settings);
    let stream: Awaited<ReturnType<typeof tables>>;
    try {
      await until(
        () => first.partitions().length > 0 && second.partitions().length > 0 && first.partitions().length + second.partitions().length === 6,
        120_000,
      );
      expect([...first.partitions(), ...second.partitions()].sort()).toEqual([0, 1, 2, 3, 4, 5]);
      stream = await processUntilEqual([first, second], streamDb.url, batch);
    } finally {
      await Promise.all([first.stop(), second.stop()]);
      await pool.end();
    }
    expect(fatal).toEqual([]);
    expect(stream.inventory).toEqual(batch.inventory);
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
    expect(stream.velocity).toEqual(batch.velocity);
  });

  it('takes a partition back from a member that claimed it on an older assignment', { timeout: 300_000 }, async () => {
    const fence = await equivalenceSetup('p5_fence');
    try {
      const { batchDb, streamDb, topic, dir, brokers } = fence;
      const records = simulatedRecords(await bundledCatalog(), { startMs: Date.UTC(2026, 10, 17, 9), hours: 1, rate: 2, malformed: 0, seed: 6 });
      await writeFile(join(dir, 'sales.ndjson'), records.map((r) => `${r.value}\n`).join(''));
      await runBackfill({ from: join(dir, 'sales.ndjson'), baselineDays: 28, baseline: false }, batchDb.url);
      const batch = await tables(batchDb.url);
      const half = Math.floor(records.length / 2);
      await topic.produce(records.slice(0, half).map((r) => ({ key: r.key, value: r.value })));

      const pool = new Pool({ connectionString: streamDb.url, max: 12 });
      const fatal: string[] = [];
      const starts: string[] = [];
      const member = await startRetailStreamGroup(pool, {
        brokers,
        topic: topic.name,
        triggerMs: 200,
        startingOffsets: 'earliest',
        group: `p5-fence-${topic.name}`,
        onFatal: (partition, error) => fatal.push(`partition ${partition}: ${String(error)}`),
        onStream: (stream) => starts.push(stream.query.name),
      });
      let stream: Awaited<ReturnType<typeof tables>>;
      try {
        await until(() => member.partitions().length === 6, 120_000);
        await member.processAllAvailable();
        // a member acting on an older assignment claims partition 0: the next commit of ours is fenced
        await claimPartitions(pool, retailQueryName('p0/'), `kafka:${topic.name}`, [0], 'stale-member');
        await topic.produce(records.slice(half).map((r) => ({ key: r.key, value: r.value })));
        stream = await processUntilEqual([member], streamDb.url, batch);
      } finally {
        await member.stop();
        await pool.end();
      }
      expect(fatal).toEqual([]);
      expect(starts.filter((name) => name === retailQueryName('p0/'))).toHaveLength(2);
      expect(stream.inventory).toEqual(batch.inventory);
      expect(stream.velocity).toEqual(batch.velocity);
    } finally {
      await fence.dispose();
    }
  });
});
