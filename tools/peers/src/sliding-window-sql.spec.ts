// The DuckDB sliding-window query against a plain TypeScript oracle of Spark's window() semantics.
import { DuckDBInstance } from '@duckdb/node-api';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parquetEventsSql, slidingWindowSql, sqlString } from './sliding-window-sql';

interface Event {
  sku: string;
  quantity: number;
  unitPrice: number;
  time: string;
}

const SLIDE_MS = 5 * 60_000;
const text = (value: unknown): string => {
  if (typeof value !== 'string') throw new Error(`expected a string, got ${typeof value}`);
  return value;
};
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'peers-sql-'));
const parquet = path.join(dir, 'events.parquet');

// Deterministic events over ~3 hours; some times carry a +01:00 offset, some sit exactly on a boundary.
const events: Event[] = Array.from({ length: 300 }, (_, i) => {
  const ms = Date.UTC(2026, 0, 5, 9) + ((i * 7919) % 180) * 60_000 + (i % 3 === 0 ? 0 : (i * 13) % 60) * 1000;
  const iso = new Date(ms).toISOString();
  const time = i % 4 === 0 ? new Date(ms + 3_600_000).toISOString().replace('Z', '+01:00') : iso;
  return { sku: `SKU-${i % 7}`, quantity: 1 + (i % 5), unitPrice: 0.5 + (i % 11), time };
});

function oracle(input: Event[]): string[] {
  const groups = new Map<string, { orders: number; units: number; revenue: number }>();
  for (const e of input) {
    const t = Date.parse(e.time);
    for (let k = 0; k < 12; k++) {
      const start = (Math.floor(t / SLIDE_MS) - k) * SLIDE_MS;
      const key = `${e.sku}|${start}`;
      const g = groups.get(key) ?? { orders: 0, units: 0, revenue: 0 };
      g.orders += 1;
      g.units += e.quantity;
      g.revenue += e.quantity * e.unitPrice;
      groups.set(key, g);
    }
  }
  return [...groups].map(([key, g]) => `${key}|${g.orders}|${g.units}|${g.revenue.toFixed(6)}`).sort();
}

let connection: Awaited<ReturnType<DuckDBInstance['connect']>>;
let instance: DuckDBInstance;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
  await connection.run(`set TimeZone = 'UTC'`);
  const values = events.map((e) => `(${sqlString(e.sku)}, ${e.quantity}, ${e.unitPrice}, ${sqlString(e.time)})`).join(', ');
  await connection.run(`copy (select * from (values ${values}) as t(sku, quantity, unit_price, event_time)) to ${sqlString(parquet)} (format parquet)`);
});

afterAll(() => {
  connection.closeSync();
  instance.closeSync();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('slidingWindowSql', () => {
  it('puts each event in the 12 epoch-aligned 1-hour windows that contain it, per SKU', async () => {
    const reader = await connection.runAndReadAll(slidingWindowSql(parquetEventsSql(parquet)));
    const rows = reader
      .getRowObjectsJS()
      .map((r) => `${text(r.sku)}|${Number(r.window_start_us) / 1000}|${Number(r.orders)}|${Number(r.units)}|${Number(r.revenue).toFixed(6)}`)
      .sort();
    expect(rows).toEqual(oracle(events));
  });

  it('quotes file names safely', () => {
    expect(sqlString("it's.parquet")).toBe("'it''s.parquet'");
  });
});
