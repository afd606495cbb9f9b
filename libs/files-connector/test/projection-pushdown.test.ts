// Projection pushdown: file readers are asked only for the columns a query uses, with the same results
// as reading every column (real retail CSVs, a DuckDB-written Parquet file, the file stream source).
import { copyFile, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RETAIL_CSV_SCHEMA, RETAIL_DAYS_DIR } from './support/retail-csv';
import { type BatchSource, col, count, createEngine, type DataFrame, sum } from '@shelfstream/engine';
import { fileSource, fileSources, fileStreamSource } from '../src';

const DATA = RETAIL_DAYS_DIR;
const RETAIL = RETAIL_CSV_SCHEMA;

let tmp: string;
let csvDir: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'pushdown-'));
  csvDir = join(tmp, 'csv');
  await mkdir(csvDir);
  for (const f of (await readdir(DATA)).sort().slice(0, 3)) await copyFile(join(DATA, f), join(csvDir, f));
  const duck = await (await DuckDBInstance.create(':memory:')).connect();
  await duck.run(`COPY (SELECT i AS id, 'sku-' || (i % 97) AS sku, i % 13 AS qty, (i % 1000) / 10.0 AS price,
      TIMESTAMP '2026-01-01' + INTERVAL (i) SECOND AS ts, 'store-' || (i % 7) AS store, i * 2 AS a, 'x' || i AS b
    FROM range(50000) t(i)) TO '${join(tmp, 'wide.parquet')}' (FORMAT parquet, ROW_GROUP_SIZE 10000)`);
  duck.closeSync();
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

/** Wraps a source: records the columns asked for; `pushdown: false` hides withColumns (reads all). */
function recording(source: BatchSource, pushdown = true): BatchSource & { asked: (readonly string[])[] } {
  const asked: (readonly string[])[] = [];
  const wrap = (s: BatchSource): BatchSource => ({
    schema: s.schema,
    batches: () => s.batches(),
    withColumns: pushdown ? (columns) => (asked.push(columns), wrap(s.withColumns!(columns))) : undefined,
  });
  return Object.assign(wrap(source), { asked });
}

const sorted = (rows: Record<string, unknown>[]) => rows.map((r) => JSON.stringify(r)).sort();
const salesByCountry = (df: DataFrame) => df.filter(col('UnitPrice').gt(1)).groupBy('Country').agg(sum('Quantity').as('units'), count().as('lines'));

describe('projection pushdown', () => {
  it('CSV: reads only the used columns, same result as reading all (3 real retail days)', async () => {
    const engine = createEngine({ files: fileSources });
    const pushed = recording(await fileSource(csvDir, { format: 'csv', schema: RETAIL }));
    const plain = recording(await fileSource(csvDir, { format: 'csv', schema: RETAIL }), false);
    const a = await salesByCountry(engine.read.source(pushed)).collect();
    const b = await salesByCountry(engine.read.source(plain)).collect();
    expect(pushed.asked).toEqual([['Quantity', 'UnitPrice', 'Country']]);
    expect(a.length).toBeGreaterThan(1);
    expect(sorted(a)).toEqual(sorted(b));
  });

  it('Parquet: select of 3 of 8 columns decodes 3, rows identical', async () => {
    const engine = createEngine({ files: fileSources });
    const path = join(tmp, 'wide.parquet');
    const pushed = recording(await fileSource(path, { format: 'parquet' }));
    const plain = recording(await fileSource(path, { format: 'parquet' }), false);
    const query = (df: DataFrame) => df.select('sku', 'qty', 'ts').filter(col('qty').gt(3));
    const a = await query(engine.read.source(pushed)).collect();
    const b = await query(engine.read.source(plain)).collect();
    expect(pushed.asked).toEqual([['sku', 'qty', 'ts']]);
    expect(query(engine.read.source(pushed)).explain()).toContain('Scan 0: sku, qty, ts (3 of 8)');
    expect(a).toEqual(b);
    expect(a.length).toBeGreaterThan(30_000);
    // engine.read.parquet goes the same way
    expect(await query(await engine.read.parquet(path)).collect()).toEqual(b);
  });

  it('join and count(): the static side reads its key and used columns; count() reads one column', async () => {
    const engine = createEngine({ files: fileSources });
    const path = join(tmp, 'wide.parquet');
    const left = recording(await fileSource(path, { format: 'parquet' }));
    const right = recording(await fileSource(path, { format: 'parquet' }));
    const dims = engine.read.source(right).select('id', 'store', 'b');
    const joined = engine.read.source(left).select('id', 'qty').join(dims, 'id').groupBy('store').agg(sum('qty').as('q'));
    const rows = await joined.collect();
    expect(rows).toHaveLength(7);
    expect(left.asked).toEqual([['id', 'qty']]);
    expect(right.asked).toEqual([['id', 'store']]);
    const counted = recording(await fileSource(path, { format: 'parquet' }));
    expect(await engine.read.source(counted).count()).toBe(50_000);
    expect(counted.asked).toEqual([['id']]);
  });

  it('file stream source: the pruned stream gives the batch answer', async () => {
    const engine = createEngine({ files: fileSources });
    const source = fileStreamSource(csvDir, { format: 'csv', schema: RETAIL, maxFilesPerTrigger: 1 });
    const asked: (readonly string[])[] = [];
    const withColumns = source.withColumns.bind(source);
    source.withColumns = (columns) => (asked.push(columns), withColumns(columns));
    const query = await salesByCountry(engine.readStream.source(source))
      .writeStream.outputMode('complete')
      .format('memory')
      .queryName('pushdown_stream')
      .trigger({ availableNow: true })
      .start();
    await query.awaitTermination(60_000);
    const batch = await salesByCountry(engine.read.source(await fileSource(csvDir, { format: 'csv', schema: RETAIL }))).collect();
    expect(asked).toEqual([['Quantity', 'UnitPrice', 'Country']]);
    expect(sorted(engine.memorySink('pushdown_stream')!.rows())).toEqual(sorted(batch));
  });
});
