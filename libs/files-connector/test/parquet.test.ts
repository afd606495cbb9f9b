// Parquet written by DuckDB (another writer) reads back exactly: nulls, timestamps, decimals,
// dictionary-encoded strings (read as Arrow dictionaries), several row groups.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { Field, Float64, Schema, Type } from 'apache-arrow';
import { parquetMetadataAsync } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectTable, readParquet, readParquetFiles } from '../src';

let dir: string;
let duck: DuckDBConnection;
const ROWS = 10_000;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parquet-test-'));
  duck = await (await DuckDBInstance.create(':memory:')).connect();
  await duck.run(`
    CREATE TABLE t AS SELECT
      i::INTEGER AS id,
      (i * 1000000007)::BIGINT AS big,
      CASE WHEN i % 7 = 0 THEN NULL ELSE 'sku-' || (i % 13) END AS sku,
      ((i % 5000) * 1.37)::DECIMAL(12,2) AS price,
      CASE WHEN i % 11 = 0 THEN NULL ELSE TIMESTAMP '2024-03-01 00:00:00' + INTERVAL (i * 61) SECOND END AS ts,
      TIMESTAMPTZ '2024-03-01 00:00:00+00' + INTERVAL (i) MINUTE AS tstz,
      DATE '2020-01-01' + (i % 400)::INTEGER AS day,
      i % 3 = 0 AS flag,
      CASE WHEN i % 4 = 0 THEN NULL ELSE i / 8.0 END AS ratio
    FROM range(${ROWS}) r(i)`);
  await duck.run(`COPY t TO '${join(dir, 'a.parquet')}' (FORMAT parquet, ROW_GROUP_SIZE 3000)`);
  await duck.run(`COPY (SELECT * FROM t WHERE id < 100) TO '${join(dir, 'b.parquet')}' (FORMAT parquet)`);
});

afterAll(async () => {
  duck?.closeSync();
  await rm(dir, { recursive: true, force: true });
});

describe('readParquet over DuckDB output', () => {
  it('uses dictionary encoding and several row groups (the cases under test)', async () => {
    const bytes = await readFile(join(dir, 'a.parquet'));
    const meta = await parquetMetadataAsync(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    expect(meta.row_groups.length).toBeGreaterThan(1);
    const skuChunk = meta.row_groups[0].columns.find((c) => c.meta_data?.path_in_schema[0] === 'sku');
    expect(skuChunk?.meta_data?.encodings.some((e) => e.includes('DICTIONARY'))).toBe(true);
  });

  it('maps types and reads every value as DuckDB sees it', async () => {
    const table = await collectTable(readParquet(join(dir, 'a.parquet'), { batchSize: 2048 }));
    expect(table.numRows).toBe(ROWS);
    const types = Object.fromEntries(table.schema.fields.map((f) => [f.name, f.type.typeId]));
    expect(types).toEqual({
      id: Type.Int,
      big: Type.Int,
      sku: Type.Dictionary,
      price: Type.Float,
      ts: Type.Timestamp,
      tstz: Type.Timestamp,
      day: Type.Date,
      flag: Type.Bool,
      ratio: Type.Float,
    });
    const expected = (
      await duck.runAndReadAll(`
        SELECT id, big::VARCHAR AS big, sku, price::VARCHAR AS price, epoch_ms(ts) AS ts, epoch_ms(tstz) AS tstz,
               epoch_ms(day::TIMESTAMP) AS day, flag, ratio
        FROM t ORDER BY id`)
    ).getRowObjectsJS();
    const col = (name: string) => table.getChild(name)!;
    for (let i = 0; i < ROWS; i++) {
      const e = expected[i];
      const row = {
        id: col('id').get(i),
        big: String(col('big').get(i)),
        sku: col('sku').get(i),
        price: col('price').get(i),
        ts: col('ts').get(i),
        tstz: col('tstz').get(i),
        day: col('day').get(i),
        flag: col('flag').get(i),
        ratio: col('ratio').get(i),
      };
      expect(row).toEqual({
        id: e.id,
        big: e.big,
        sku: e.sku,
        price: Number(e.price),
        ts: e.ts === null ? null : Number(e.ts),
        tstz: Number(e.tstz),
        day: Number(e.day),
        flag: e.flag,
        ratio: e.ratio,
      });
    }
    expect(col('sku').nullCount).toBe(Math.ceil(ROWS / 7));
  });

  it('reads a folder, batches bounded by batchSize and by row group', async () => {
    const sizes: number[] = [];
    for await (const b of readParquetFiles(dir, { batchSize: 1000 })) sizes.push(b.numRows);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(ROWS + 100);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(1000);
  });

  it('reads selected columns with a target type', async () => {
    const table = await collectTable(
      readParquet(join(dir, 'b.parquet'), {
        columns: ['big', 'sku'],
        schema: new Schema([new Field('big', new Float64())]),
      }),
    );
    expect(table.schema.fields.map((f) => `${f.name}:${String(f.type)}`)).toEqual(['big:Float64', 'sku:Dictionary<Int32, Utf8>']);
    expect(table.getChild('big')!.get(3)).toBe(3 * 1000000007);
  });

  it('fails with a code on a missing file', async () => {
    await expect(collectTable(readParquet(join(dir, 'nope.parquet')))).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
  });
});
