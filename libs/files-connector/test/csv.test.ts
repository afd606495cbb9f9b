// The real Online Retail CSVs (quoted fields with commas and doubled quotes) read as DuckDB reads
// them, and stream one file per micro-batch from a folder that gains files.
import { copyFile, mkdtemp, readdir, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { Field, Int32, Schema, Utf8 } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RETAIL_CSV_SCHEMA, RETAIL_DAYS_DIR } from './support/retail-csv';
import { collectTable, fileStreamSource, readCsv, readCsvFiles } from '../src';

const DATA = RETAIL_DAYS_DIR;
const RETAIL = RETAIL_CSV_SCHEMA;

let duck: DuckDBConnection;
let tmp: string;

beforeAll(async () => {
  duck = await (await DuckDBInstance.create(':memory:')).connect();
  tmp = await mkdtemp(join(tmpdir(), 'csv-stream-'));
});
afterAll(async () => {
  duck?.closeSync();
  await rm(tmp, { recursive: true, force: true });
});

async function duckRows(file: string) {
  return (
    await duck.runAndReadAll(`
      SELECT InvoiceNo, StockCode, Description, Quantity, epoch_ms(InvoiceDate) AS t, UnitPrice, CustomerID, Country
      FROM read_csv('${file}', header = true, quote = '"', escape = '"', all_varchar = false,
        types = {'InvoiceNo': 'VARCHAR', 'StockCode': 'VARCHAR', 'CustomerID': 'DOUBLE', 'InvoiceDate': 'TIMESTAMP'})`)
  ).getRowsJS();
}

describe('CSV reader on the real retail files', () => {
  it('reads a day file value for value as DuckDB does (quoted commas and quotes included)', async () => {
    const file = join(DATA, '2010-12-01.csv');
    const table = await collectTable(readCsv(file, { schema: RETAIL, batchSize: 500 }));
    const expected = await duckRows(file);
    expect(table.numRows).toBe(expected.length);
    const names = RETAIL.fields.map((f) => f.name);
    const quoted = table
      .getChild('Description')!
      .toArray()
      .filter((d: string | null) => d?.includes(','));
    expect(quoted.length).toBeGreaterThan(0);
    for (let i = 0; i < expected.length; i++) {
      const got = names.map((n) => table.getChild(n)!.get(i));
      const e = expected[i].map((v) => (typeof v === 'bigint' ? Number(v) : v));
      expect(got).toEqual(e);
    }
  });

  it('reads the whole folder: every row of the year', { timeout: 180_000 }, async () => {
    let rows = 0;
    let quantity = 0;
    for await (const b of readCsvFiles(DATA, { schema: RETAIL })) {
      rows += b.numRows;
      for (const q of b.getChild('Quantity')!.data[0].values as Int32Array) quantity += q;
    }
    const [[n, q]] = (await duck.runAndReadAll(`SELECT count(*), sum(Quantity) FROM read_csv('${DATA}/*.csv', header = true)`)).getRowsJS() as [
      [bigint, bigint],
    ];
    expect(rows).toBe(Number(n));
    expect(quantity).toBe(Number(q));
  });

  it('fails with file, line and column on a bad cell, or nulls it in permissive mode', async () => {
    const { writeFile } = await import('node:fs/promises');
    const bad = join(tmp, 'bad.csv.txt');
    await writeFile(bad, 'InvoiceNo,Quantity\n1,2\n2,"x"\n');
    const schema = new Schema([new Field('InvoiceNo', new Utf8()), new Field('Quantity', new Int32())]);
    await expect(collectTable(readCsv(bad, { schema }))).rejects.toMatchObject({ code: 'CSV_PARSE_ERROR' });
    await expect(collectTable(readCsv(bad, { schema }))).rejects.toThrow(/bad\.csv\.txt:3: column "Quantity"/);
    const t = await collectTable(readCsv(bad, { schema, mode: 'permissive' }));
    expect(t.getChild('Quantity')!.toArray()).toEqual(new Int32Array([2, 0]));
    expect(t.getChild('Quantity')!.get(1)).toBeNull();
  });
});

describe('fileStreamSource over the retail folder', () => {
  it('streams one file per batch and picks up files that arrive later', async () => {
    const days = (await readdir(DATA)).sort().slice(0, 4);
    // arrive in name order, one second apart
    const arrive = async (i: number) => {
      const to = join(tmp, days[i]);
      await copyFile(join(DATA, days[i]), to);
      const t = new Date(Date.UTC(2024, 0, 1, 0, 0, i));
      await utimes(to, t, t);
    };
    await arrive(0);
    await arrive(1);
    const source = fileStreamSource(tmp, { format: 'csv', schema: RETAIL, maxFilesPerTrigger: 1 });
    const perBatch: number[] = [];
    let start: Parameters<typeof source.getBatch>[0];
    const step = async () => {
      const end = await source.latestOffset(start);
      if (end === undefined || JSON.stringify(end) === JSON.stringify(start)) return false;
      perBatch.push((await source.getBatch(start, end)).numRows);
      start = end;
      return true;
    };
    while (await step());
    await arrive(2);
    await arrive(3);
    while (await step());
    const expected = await Promise.all(days.map(async (d) => (await duckRows(join(DATA, d))).length));
    expect(perBatch).toEqual(expected);
    // a replay of (batch 1, batch 3] after a restart reads the same rows
    const again = fileStreamSource(tmp, { format: 'csv', schema: RETAIL, maxFilesPerTrigger: 1 });
    const replay = await again.getBatch({ files: 1, last: days[0] }, { files: 3, last: days[2] });
    expect(replay.numRows).toBe(expected[1] + expected[2]);
    await expect(again.getBatch(undefined, { files: 1, last: 'other.csv' })).rejects.toMatchObject({ code: 'INVALID_OFFSET' });
  });
});
