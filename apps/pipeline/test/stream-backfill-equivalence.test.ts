// Done-when: backfilling a history and streaming the same events through the real Kafka broker give
// the same live_inventory and sales_velocity tables (plus the malformed records as dead letters), also
// when the stream is stopped half-way and a new process resumes from the checkpoints. The windowed figures
// of both are as of the newest event: the backfill's end of history, the stream's store clock once every
// quiet SKU has checked its figures (processing time is a test clock here, so that moment is exact).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ManualClock } from '@shelfstream/engine/testing';
import { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBackfill } from '../src/commands/backfill.command';
import { startRetailStream } from '../src/retail/retail-stream';
import { bundledCatalog, type EquivalenceSetup, equivalenceSetup, simulatedRecords } from './retail-fixture';

const INVENTORY_SQL = `SELECT sku, name, category, on_hand, units_sold, units_returned, units_restocked, units_adjusted,
  units_last_hour, units_last_24h, baseline_hourly_rate, velocity_ratio, forecast_24h, stockout_eta, reorder_suggestion,
  current_price, low_stock, last_event_at, last_sale_at FROM live_inventory ORDER BY sku`;
const HISTORY_SQL = 'SELECT event_id, type, sku, store, quantity, unit_price, currency, event_time, stock_delta FROM sales_history ORDER BY event_id';
const AS_OF_SQL =
  'SELECT max(figures_as_of) AS newest, min(figures_as_of) AS oldest, count(*) FILTER (WHERE figures_as_of < last_event_at) AS before FROM live_inventory';
const VELOCITY_SQL = 'SELECT sku, window_kind, window_start, window_end, units, revenue, orders FROM sales_velocity ORDER BY sku, window_kind, window_start';

describe('stream through Kafka = backfill of the same events', () => {
  let setup: EquivalenceSetup;

  beforeAll(async () => {
    setup = await equivalenceSetup('p5_eq');
  });
  afterAll(() => setup?.dispose());

  it('gives identical tables, across a restart', { timeout: 300_000 }, async () => {
    const { batchDb, streamDb, topic, dir, brokers } = setup;
    const records = simulatedRecords(await bundledCatalog(), { startMs: Date.UTC(2026, 10, 16, 9), hours: 3, rate: 2, malformed: 0.01, seed: 11 });
    const valid = records.filter((r) => r.event);
    expect(records.length - valid.length).toBeGreaterThan(50);

    // batch: the valid events as an NDJSON history
    await writeFile(join(dir, 'sales.ndjson'), valid.map((r) => `${r.value}\n`).join(''));
    const summary = await runBackfill({ from: join(dir, 'sales.ndjson'), baselineDays: 28, baseline: false }, batchDb.url);
    expect(summary.events).toBe(valid.length);

    // stream: every record (malformed ones too) through the real broker, keyed by SKU
    // stream: every record (malformed ones too) through the real broker, keyed by SKU, in two runs:
    // the second process resumes from the checkpoints the first one committed
    const pool = new Pool({ connectionString: streamDb.url, max: 6 });
    const clock = new ManualClock(Date.UTC(2026, 11, 1));
    const half = Math.floor(records.length / 2);
    for (const [i, part] of [records.slice(0, half), records.slice(half)].entries()) {
      await topic.produce(part.map((r) => ({ key: r.key, value: r.value })));
      const stream = await startRetailStream(pool, {
        brokers,
        topic: topic.name,
        triggerMs: 200,
        startingOffsets: 'earliest',
        maxOffsetsPerTrigger: 5000,
        clock,
        decayCheck: 1,
      });
      try {
        await stream.processAllAvailable();
        if (i === 1) {
          clock.advance(2); // every SKU checks its figures against the final store clock (the newest event)
          await stream.processAllAvailable();
        }
      } finally {
        await stream.stop();
      }
    }

    const read = async (url: string, sql: string) => {
      const p = new Pool({ connectionString: url, max: 1 });
      try {
        return (await p.query(sql)).rows;
      } finally {
        await p.end();
      }
    };
    const [batchInventory, streamInventory] = await Promise.all([read(batchDb.url, INVENTORY_SQL), read(streamDb.url, INVENTORY_SQL)]);
    expect(batchInventory.length).toBeGreaterThan(100);
    expect(streamInventory).toEqual(batchInventory);
    const newest = new Date(Math.max(...valid.map((r) => r.eventTimeMs)));
    const [batchAsOf, streamAsOf] = await Promise.all([read(batchDb.url, AS_OF_SQL), read(streamDb.url, AS_OF_SQL)]);
    expect(batchAsOf[0]).toEqual({ newest, oldest: newest, before: '0' });
    // the stream's rows were last confirmed within the hour before (figures unchanged since), never later
    expect(streamAsOf[0]).toMatchObject({ newest, before: '0' });
    expect(newest.getTime() - streamAsOf[0].oldest.getTime()).toBeLessThan(3_600_000);
    const [batchVelocity, streamVelocity] = await Promise.all([read(batchDb.url, VELOCITY_SQL), read(streamDb.url, VELOCITY_SQL)]);
    expect(batchVelocity.length).toBeGreaterThan(1000);
    expect(streamVelocity).toEqual(batchVelocity);

    const [batchHistory, streamHistory] = await Promise.all([read(batchDb.url, HISTORY_SQL), read(streamDb.url, HISTORY_SQL)]);
    expect(batchHistory.length).toBe(new Set(valid.map((r) => r.event?.event_id)).size);
    expect(streamHistory).toEqual(batchHistory);

    const deadLetters = await pool.query<{ n: string }>('SELECT count(*) AS n FROM dead_letters');
    expect(Number(deadLetters.rows[0].n)).toBe(records.length - valid.length);
    await pool.end();
  });
});
