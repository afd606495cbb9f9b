// The Postgres sink's COPY write path against a real server: the same rows as the unnest path for
// every supported type and awkward text, NUL refused with nothing written, large batches with repeated
// keys, history in batch order, exactly once, and a rolled-back batch leaving nothing staged behind.
import { Binary, Bool, Field, Float64, Int32, Int64, Schema, Table, TimestampMillisecond, Utf8 } from 'apache-arrow';
import { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dictionaryUtf8, recordBatchFromArrays } from '@shelfstream/engine';
import { COPY_MIN_ROWS, postgresSink, type PostgresSinkOptions } from '../src';
import { createTestDatabase, type TestDatabase } from '../src/testing';
import { stageTableName } from '../src/row-merge';
import type { BatchContext } from '@shelfstream/engine';

const ctx = (queryName: string, batchId: number, outputMode: BatchContext['outputMode'] = 'update'): BatchContext => ({
  queryName,
  batchId,
  outputMode,
  endOffsets: {},
  watermarkMs: 0,
  batchTimestampMs: 0,
});

const METHODS = ['copy', 'unnest'] as const;

const allTypes = new Schema([
  new Field('k', new Utf8()),
  new Field('cat', dictionaryUtf8()),
  new Field('n32', new Int32()),
  new Field('n64', new Int64()),
  new Field('f', new Float64()),
  new Field('b', new Bool()),
  new Field('t', new TimestampMillisecond('UTC')),
  new Field('bin', new Binary()),
]);
// text that COPY must escape, or that looks like COPY syntax
const AWKWARD = ['tab\there', 'line\nbreak', 'carriage\rreturn', 'back\\slash', '\\N', '', ' "quoted", {braces} ', 'ünïcødé ✓ 🛒', 'end\\'];

function awkwardBatch(): Table {
  const n = AWKWARD.length;
  const idx = Array.from({ length: n }, (_, i) => i);
  return new Table(
    recordBatchFromArrays(allTypes, [
      AWKWARD,
      idx.map((i) => (i === 2 ? null : AWKWARD[n - 1 - i])),
      idx.map((i) => (i === 3 ? null : -(2 ** 31) + i)),
      idx.map((i) => (i === 4 ? null : 9_007_199_254_740_993n * (i % 2 === 0 ? 1n : -1n))),
      [Number.NaN, Infinity, -Infinity, -0, 1e-300, 1.7976931348623157e308, 0.1 + 0.2, null, 2.5],
      idx.map((i) => (i === 5 ? null : i % 2 === 0)),
      idx.map((i) => (i === 6 ? null : Date.UTC(2026, 0, 1) + i * 1001)),
      idx.map((i) => (i === 7 ? null : Uint8Array.from([0, 9, 10, 13, 92, 255, i]))),
    ]),
  );
}

let db: TestDatabase;
let pool: Pool;

beforeAll(async () => {
  db = await createTestDatabase('pg_sink_copy');
  pool = new Pool({ connectionString: db.url, max: 2 });
  for (const m of METHODS) {
    await pool.query(`
      CREATE TABLE types_${m} (k text PRIMARY KEY, cat text, n32 int, n64 bigint, f double precision, b boolean, t timestamptz, bin bytea, batch_id bigint);
      CREATE TABLE big_${m} (sku text, kind text, start timestamptz, units int, revenue numeric(14,2), batch_id bigint, PRIMARY KEY (sku, kind, start));
      CREATE TABLE big_history_${m} (id bigserial PRIMARY KEY, sku text, units int, batch_id bigint, committed_at timestamptz);`);
  }
});
afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

const rowsOf = async (sql: string) => (await pool.query(sql)).rows;

describe('postgres sink, COPY path', () => {
  it('writes every supported type and awkward text exactly as the unnest path does', async () => {
    for (const m of METHODS) {
      await postgresSink({ connection: pool, writeMethod: m, table: `types_${m}`, keyColumns: ['k'], batchIdColumn: 'batch_id' }).write(
        awkwardBatch(),
        ctx(`types-${m}`, 0),
      );
    }
    const select = (m: string) =>
      `SELECT k, cat, n32, n64::text, f::text, b, (extract(epoch from t) * 1000)::bigint::text AS t, encode(bin, 'hex') AS bin, batch_id::int FROM types_${m} ORDER BY k`;
    const copied = await rowsOf(select('copy'));
    expect(copied).toEqual(await rowsOf(select('unnest')));
    expect(copied.map((r) => r.k).sort()).toEqual([...AWKWARD].sort());
    expect(copied.find((r) => r.k === 'tab\there')).toMatchObject({ f: 'NaN', n64: '9007199254740993', bin: '00090a0d5cff00', b: true });
    expect(copied.find((r) => r.k === '\\N')).toMatchObject({ f: '1e-300', cat: '\\N', n64: null }); // the text \N, not a null
  });

  it('refuses text with a NUL character naming the column, and writes nothing of that batch', async () => {
    const schema = new Schema([new Field('k', new Utf8()), new Field('cat', new Utf8())]);
    const sink = postgresSink({ connection: pool, writeMethod: 'copy', table: 'types_copy', keyColumns: ['k'], columns: ['k', 'cat'], name: 'nul' });
    const bad = new Table(
      recordBatchFromArrays(schema, [
        ['nul-1', 'nul-2'],
        ['fine', 'a\0b'],
      ]),
    );
    await expect(sink.write(bad, ctx('nul', 0))).rejects.toMatchObject({
      code: 'SINK_ERROR',
      message: expect.stringMatching(/column "cat", row 1: text contains a NUL/),
    });
    expect(await rowsOf(`SELECT k FROM types_copy WHERE k LIKE 'nul-%'`)).toEqual([]);
    // the batch was not recorded as committed: it can be written again once fixed
    expect(await sink.write(new Table(recordBatchFromArrays(schema, [['nul-1'], ['ok']])), ctx('nul', 0))).toEqual({ skipped: false, rows: 1 });
  });

  it('a large batch: last row per key wins, history keeps batch order, a replay is skipped, same as unnest', async () => {
    const n = 60_000; // several COPY chunks and > rowsPerStatement for unnest
    const schema = new Schema([
      new Field('sku', new Utf8()),
      new Field('kind', dictionaryUtf8()),
      new Field('start', new TimestampMillisecond('UTC')),
      new Field('units', new Int32()),
      new Field('revenue', new Float64()),
    ]);
    const batch = (b: number) => {
      const i = Array.from({ length: n }, (_, j) => j);
      // keys repeat every 25,000 rows: 25,000 distinct keys, the last occurrence carries the highest units
      return new Table(
        recordBatchFromArrays(schema, [
          i.map((j) => `SKU-${(j % 25_000) % 1000}`),
          i.map(() => '1h'),
          i.map((j) => Date.UTC(2026, 0, 1) + Math.floor((j % 25_000) / 1000) * 300_000),
          i.map((j) => j + b),
          i.map((j) => (j + b) * 0.015),
        ]),
      );
    };
    for (const m of METHODS) {
      const options: PostgresSinkOptions = {
        connection: pool,
        writeMethod: m,
        table: `big_${m}`,
        keyColumns: ['sku', 'kind', 'start'],
        batchIdColumn: 'batch_id',
        rowsPerStatement: 20_000,
        history: { table: `big_history_${m}`, columns: ['sku', 'units'], batchIdColumn: 'batch_id', commitTimeColumn: 'committed_at' },
      };
      const sink = postgresSink(options);
      expect(await sink.write(batch(0), ctx(`big-${m}`, 0))).toEqual({ skipped: false, rows: 25_000 });
      expect(await sink.write(batch(1), ctx(`big-${m}`, 1))).toEqual({ skipped: false, rows: 25_000 });
      expect(await sink.write(batch(7), ctx(`big-${m}`, 1))).toEqual({ skipped: true, rows: 0 });
    }
    const table = (m: string) =>
      `SELECT sku, kind, (extract(epoch from start) * 1000)::bigint::text AS start, units, revenue::text, batch_id::int FROM big_${m} ORDER BY sku, kind, start`;
    const copied = await rowsOf(table('copy'));
    expect(copied).toHaveLength(25_000);
    expect(copied).toEqual(await rowsOf(table('unnest')));
    // batch 1's units are row + 1: the last occurrence of a key is in the final 25,000 rows
    expect(Math.min(...copied.map((r) => r.units))).toBe(n - 25_000 + 1);
    expect(Math.max(...copied.map((r) => r.units))).toBe(n);
    expect(copied.every((r) => r.batch_id === 1)).toBe(true);
    const history = (m: string) => `SELECT sku, units, batch_id::int FROM big_history_${m} ORDER BY id`;
    const copiedHistory = await rowsOf(history('copy'));
    expect(copiedHistory).toHaveLength(2 * n);
    expect(copiedHistory.slice(n, n + 3).map((r) => r.units)).toEqual([1, 2, 3]);
    expect(copiedHistory).toEqual(await rowsOf(history('unnest')));
    expect((await rowsOf(`SELECT count(DISTINCT committed_at)::int AS n FROM big_history_copy`))[0]).toEqual({ n: 2 });
  });

  it('a rolled-back batch leaves nothing staged for the next batch on the same connection', async () => {
    const single = new Pool({ connectionString: db.url, max: 1 });
    try {
      let fail = true;
      const schema = new Schema([new Field('sku', new Utf8()), new Field('units', new Int32())]);
      const sink = postgresSink({
        connection: single,
        writeMethod: 'copy',
        table: 'big_history_copy',
        columns: ['sku', 'units'],
        batchIdColumn: 'batch_id',
        name: 'rollback',
        beforeCommit: async () => {
          if (fail) throw new Error('boom after the COPY');
        },
      });
      const rows = (sku: string, count: number) =>
        new Table(recordBatchFromArrays(schema, [Array.from({ length: count }, () => sku), Array.from({ length: count }, (_, i) => i)]));
      await expect(sink.write(rows('rolled-back', 10), ctx('rollback', 0, 'append'))).rejects.toThrow('boom after the COPY');
      fail = false;
      await sink.write(rows('kept', 3), ctx('rollback', 0, 'append'));
      await sink.write(rows('kept-too', 2), ctx('rollback', 1, 'append'));
      expect(
        await rowsOf(`SELECT sku, count(*)::int AS n FROM big_history_copy WHERE sku IN ('rolled-back', 'kept', 'kept-too') GROUP BY sku ORDER BY sku`),
      ).toEqual([
        { sku: 'kept', n: 3 },
        { sku: 'kept-too', n: 2 },
      ]);
    } finally {
      await single.end();
    }
  });

  it('auto copies from COPY_MIN_ROWS rows up (a staging table appears) and writes the same rows either way', async () => {
    await pool.query('CREATE TABLE auto_rows (sku text, n bigint, f double precision)');
    const schema = new Schema([new Field('sku', new Utf8()), new Field('n', new Int64()), new Field('f', new Float64())]);
    const sink = postgresSink({ connection: pool, table: 'auto_rows', name: 'auto' });
    const stage = stageTableName('rows', ['text', 'int8', 'float8']);
    const staged = async () => (await rowsOf(`SELECT count(*)::int AS n FROM pg_class WHERE relname = '${stage}'`))[0]?.n;
    for (const [b, count] of [
      [0, COPY_MIN_ROWS - 1],
      [1, COPY_MIN_ROWS],
    ] as const) {
      expect(await staged()).toBe(0);
      const i = Array.from({ length: count }, (_, j) => j);
      await sink.write(
        new Table(recordBatchFromArrays(schema, [i.map(() => `auto-${b}`), i.map((j) => BigInt(j)), i.map((j) => j / 4)])),
        ctx('auto', b, 'append'),
      );
    }
    expect(await staged()).toBe(1);
    expect(await rowsOf(`SELECT sku, count(*)::int AS n, sum(n)::text AS s, sum(f)::text AS f FROM auto_rows GROUP BY sku ORDER BY sku`)).toEqual([
      {
        sku: 'auto-0',
        n: COPY_MIN_ROWS - 1,
        s: String(((COPY_MIN_ROWS - 1) * (COPY_MIN_ROWS - 2)) / 2),
        f: String(((COPY_MIN_ROWS - 1) * (COPY_MIN_ROWS - 2)) / 8),
      },
      { sku: 'auto-1', n: COPY_MIN_ROWS, s: String((COPY_MIN_ROWS * (COPY_MIN_ROWS - 1)) / 2), f: String((COPY_MIN_ROWS * (COPY_MIN_ROWS - 1)) / 8) },
    ]);
  });
});
