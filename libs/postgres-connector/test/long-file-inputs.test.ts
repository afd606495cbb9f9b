// A long past ±(2^53 − 1) read from a file is VALUE_OUT_OF_RANGE naming the column, never a rounded
// number: CSV and NDJSON text, Parquet INT64 (hyparquet hands those over as bigints), and a Postgres bigint.
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, schema } from '@shelfstream/engine';
import { fileSources } from '@shelfstream/files-connector';
import { readPostgres } from '../src';
import { createTestDatabase } from '../src/testing';

const engine = createEngine({ files: fileSources });
const LONGS = schema({ sku: 'string', big: 'long' });
const OUT_OF_RANGE = { code: 'VALUE_OUT_OF_RANGE', message: expect.stringContaining('big') };
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'long-inputs-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('long values from files', () => {
  it('CSV: 2^53 + 1 is refused, 2^53 − 1 read exactly', async () => {
    await writeFile(join(dir, 'over.csv'), 'sku,big\na,9007199254740993\n');
    await writeFile(join(dir, 'max.csv'), 'sku,big\na,9007199254740991\n');
    await expect((await engine.read.csv(join(dir, 'over.csv'), { schema: LONGS })).collect()).rejects.toMatchObject(OUT_OF_RANGE);
    expect(await (await engine.read.csv(join(dir, 'max.csv'), { schema: LONGS })).collect()).toEqual([{ sku: 'a', big: 9007199254740991 }]);
  });

  it('NDJSON: 2^53 + 1 is refused, 2^53 − 1 read exactly', async () => {
    await writeFile(join(dir, 'over.ndjson'), '{"sku":"a","big":9007199254740993}\n');
    await writeFile(join(dir, 'max.ndjson'), '{"sku":"a","big":9007199254740991}\n');
    await expect((await engine.read.json(join(dir, 'over.ndjson'), { schema: LONGS })).collect()).rejects.toMatchObject(OUT_OF_RANGE);
    expect(await (await engine.read.json(join(dir, 'max.ndjson'), { schema: LONGS })).collect()).toEqual([{ sku: 'a', big: 9007199254740991 }]);
  });

  it('Parquet INT64: 2^53 + 1 is refused, 2^53 − 1 read exactly', async () => {
    const db = await (await DuckDBInstance.create(':memory:')).connect();
    for (const [name, value] of [
      ['over', '9007199254740993'],
      ['max', '9007199254740991'],
    ]) {
      await db.run(`COPY (SELECT 'a' AS sku, ${value}::BIGINT AS big) TO '${join(dir, `${name}.parquet`)}' (FORMAT parquet)`);
    }
    db.closeSync();
    await expect((await engine.read.parquet(join(dir, 'over.parquet'))).collect()).rejects.toMatchObject(OUT_OF_RANGE);
    expect(await (await engine.read.parquet(join(dir, 'max.parquet'))).collect()).toEqual([{ sku: 'a', big: 9007199254740991 }]);
  });
});

describe('long values from Postgres', () => {
  it('a bigint past 2^53 − 1 is refused naming the column, 2^53 − 1 read exactly', async () => {
    const db = await createTestDatabase('long_inputs');
    try {
      const read = async (value: string) =>
        engine.read.arrow(await readPostgres({ connection: db.url, query: `SELECT 'a' AS sku, ${value}::bigint AS big` })).collect();
      await expect(read('9007199254740993')).rejects.toMatchObject(OUT_OF_RANGE);
      expect(await read('9007199254740991')).toEqual([{ sku: 'a', big: 9007199254740991 }]);
    } finally {
      await db.drop();
    }
  });
});
