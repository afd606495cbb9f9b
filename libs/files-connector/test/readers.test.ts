// Spark-style readers on the engine: read.parquet / csv / json / arrow(path) and readStream.files give
// the same answer as an independent computation over the same files.
import { DuckDBInstance } from '@duckdb/node-api';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { mkdtemp, rm, writeFile, copyFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { col, count, createEngine, schema, sum } from '@shelfstream/engine';
import { MemorySink } from '@shelfstream/engine/testing';
import { fileSources } from '../src';

const DATA = join(__dirname, '../../../data/online-retail-by-day');
const RETAIL = schema({
  InvoiceNo: 'string',
  StockCode: 'string',
  Description: 'string',
  Quantity: 'int',
  InvoiceDate: 'timestamp',
  UnitPrice: 'double',
  CustomerID: 'double',
  Country: 'string',
});
const rows = [
  { sku: 'A', qty: 2, price: 1.5 },
  { sku: 'B', qty: 5, price: 3 },
  { sku: 'A', qty: 1, price: 1.5 },
];
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'readers-'));
  await writeFile(join(dir, 'sales.ndjson'), rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const table = tableFromArrays({
    sku: rows.map((r) => r.sku),
    qty: Int32Array.from(rows.map((r) => r.qty)),
    price: Float64Array.from(rows.map((r) => r.price)),
  });
  await writeFile(join(dir, 'sales.arrow'), tableToIPC(table, 'file'));
  const duck = await (await DuckDBInstance.create(':memory:')).connect();
  await duck.run(`COPY (SELECT * FROM read_json_auto('${join(dir, 'sales.ndjson')}')) TO '${join(dir, 'sales.parquet')}' (FORMAT parquet)`);
  duck.closeSync();
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const totals = (out: Record<string, unknown>[]) => Object.fromEntries(out.map((r) => [r['sku'], [Number(r['n']), Number(r['q'])]]));

describe('engine.read file readers', () => {
  it('read.parquet, read.json and read.arrow(path) give the same aggregate', async () => {
    const engine = createEngine({ files: fileSources });
    const byFormat = [
      await engine.read.parquet(join(dir, 'sales.parquet')),
      await engine.read.json(join(dir, 'sales.ndjson')),
      await engine.read.arrow(join(dir, 'sales.arrow')),
    ];
    for (const df of byFormat) {
      const out = await df.groupBy(col('sku')).agg(count().as('n'), sum('qty').as('q')).collect();
      expect(totals(out)).toEqual({ A: [2, 3], B: [1, 5] });
    }
  });

  it('read.csv over a real retail day equals the row count and quantity sum of the file', async () => {
    const engine = createEngine({ files: fileSources });
    const df = await engine.read.csv(join(DATA, '2010-12-01.csv'), { schema: RETAIL });
    const [row] = await df.groupBy().agg(count().as('n'), sum('Quantity').as('q')).collect();
    const duck = await (await DuckDBInstance.create(':memory:')).connect();
    const reader = await duck.runAndReadAll(
      `SELECT count(*)::BIGINT AS n, sum(Quantity)::BIGINT AS q FROM read_csv('${join(DATA, '2010-12-01.csv')}', header = true, all_varchar = true, columns = {'InvoiceNo':'VARCHAR','StockCode':'VARCHAR','Description':'VARCHAR','Quantity':'BIGINT','InvoiceDate':'VARCHAR','UnitPrice':'VARCHAR','CustomerID':'VARCHAR','Country':'VARCHAR'})`,
    );
    const [expected] = reader.getRowObjects();
    duck.closeSync();
    expect([Number(row?.['n']), Number(row?.['q'])]).toEqual([Number(expected?.['n']), Number(expected?.['q'])]);
  });
});

describe('engine.readStream.files', () => {
  it('streams a folder one file per batch and picks up files added later', async () => {
    const folder = join(dir, 'incoming');
    await mkdir(folder);
    await copyFile(join(DATA, '2010-12-01.csv'), join(folder, '2010-12-01.csv'));
    const engine = createEngine({ files: fileSources });
    const stream = engine.readStream.files(folder, { format: 'csv', schema: RETAIL, maxFilesPerTrigger: 1 });
    const sink = new MemorySink();
    const query = await stream.groupBy(col('Country')).agg(count().as('n')).writeStream.outputMode('complete').sink(sink).start();
    try {
      await query.processAllAvailable();
      const first = query.lastProgress?.numInputRows ?? 0;
      await copyFile(join(DATA, '2010-12-02.csv'), join(folder, '2010-12-02.csv'));
      await query.processAllAvailable();
      const inputs = query.recentProgress.filter((p) => !p.isNoDataBatch).map((p) => p.numInputRows);
      expect(inputs).toHaveLength(2);
      expect(inputs[0]).toBe(first);
      // The streamed complete table equals one batch read of the same folder.
      const streamed = sink.rows();
      const batch = await (await engine.read.csv(folder, { schema: RETAIL })).groupBy(col('Country')).agg(count().as('n')).collect();
      const byCountry = (out: Record<string, unknown>[]) => Object.fromEntries(out.map((r) => [String(r['Country']), Number(r['n'])]));
      expect(byCountry(streamed)).toEqual(byCountry(batch));
      expect(inputs.reduce((a, b) => a + b, 0)).toBe(batch.reduce((a, r) => a + Number(r['n']), 0));
    } finally {
      await query.stop();
    }
  });
});
