// The DuckDB batch peer over a synthetic Parquet history: same figures with one thread and all.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDuckDbBatch } from './duckdb-batch';
import { writeSyntheticSalesParquet } from './synthetic-sales';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'peers-batch-'));
const parquet = path.join(dir, 'sales.parquet');

beforeAll(async () => {
  await writeSyntheticSalesParquet({ path: parquet, events: 20_000, skus: 50, hours: 6 });
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('runDuckDbBatch', () => {
  it('reports the same figures with one thread and with all threads, each event in 12 windows', async () => {
    const singles = await runDuckDbBatch({ parquet, threads: 1 });
    expect(singles).toHaveLength(1);
    const single = singles.at(0);
    if (!single) throw new Error('no single-thread run');
    const all = await runDuckDbBatch({ parquet, threads: 'all', repeats: 2 });
    expect(single.threads).toBe(1);
    expect(single.events).toBe(20_000);
    expect(single.orders).toBe(12 * 20_000);
    expect(single.eventsPerSecond).toBeGreaterThan(0);
    expect(all).toHaveLength(2);
    for (const run of all) {
      expect(run.threads).toBe(os.availableParallelism());
      expect({ windows: run.windows, orders: run.orders, units: run.units }).toEqual({ windows: single.windows, orders: single.orders, units: single.units });
      expect(run.revenue).toBeCloseTo(single.revenue, 3);
    }
  });

  it('rejects bad options with a code', async () => {
    await expect(runDuckDbBatch({ parquet, threads: 0 })).rejects.toMatchObject({ code: 'PEER_BAD_OPTIONS' });
    await expect(runDuckDbBatch({ parquet: path.join(dir, 'missing.parquet'), threads: 1 })).rejects.toMatchObject({ code: 'PEER_QUERY_FAILED' });
  });
});

describe('writeSyntheticSalesParquet', () => {
  it('rejects a non-positive event count with a code', async () => {
    await expect(writeSyntheticSalesParquet({ path: path.join(dir, 'x.parquet'), events: 0, skus: 1 })).rejects.toMatchObject({ code: 'PEER_BAD_OPTIONS' });
  });
});
