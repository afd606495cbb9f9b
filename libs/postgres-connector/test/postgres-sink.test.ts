// The Postgres sink against a real server: upserts, modes, history, exactly-once replays, the
// in-transaction hook (NOTIFY only for committed batches) and partition-offset fencing.
import { Field, Float64, Int32, Schema, Table, TimestampMillisecond, Utf8 } from 'apache-arrow';
import { Client, Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dictionaryUtf8, recordBatchFromArrays } from '@shelfstream/engine';
import { claimPartitions, committedPartitionOffsets, postgresSink } from '../src';
import { createTestDatabase, type TestDatabase } from '../src/testing';
import type { BatchContext, OutputMode } from '@shelfstream/engine';

const schema = new Schema([
  new Field('sku', new Utf8()),
  new Field('on_hand', new Int32()),
  new Field('price', new Float64()),
  new Field('last_event_at', new TimestampMillisecond('UTC')),
]);
const rows = (data: [string, number, number | null, number][]) =>
  new Table(recordBatchFromArrays(schema, [data.map((r) => r[0]), data.map((r) => r[1]), data.map((r) => r[2]), data.map((r) => r[3])]));
const ctx = (batchId: number, outputMode: OutputMode = 'update', endOffsets: BatchContext['endOffsets'] = {}): BatchContext => ({
  queryName: 'q',
  batchId,
  outputMode,
  endOffsets,
  watermarkMs: 0,
  batchTimestampMs: 0,
});

let db: TestDatabase;
let pool: Pool;

beforeAll(async () => {
  db = await createTestDatabase('pg_sink');
  pool = new Pool({ connectionString: db.url, max: 4 });
  await pool.query(`
    CREATE TABLE inv (sku text PRIMARY KEY, on_hand int, price numeric(12,2), last_event_at timestamptz, batch_id bigint, updated_at timestamptz);
    CREATE TABLE inv_history (id bigserial PRIMARY KEY, sku text, on_hand int, batch_id bigint, committed_at timestamptz DEFAULT now());
    CREATE TABLE events (sku text, on_hand int, price numeric(12,2), last_event_at timestamptz);`);
});
afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

const table = async (sql: string) => (await pool.query(sql)).rows;

describe('postgres sink', () => {
  it('upserts by key, keeps every version in history, and skips a replayed batch id', async () => {
    const sink = postgresSink({
      connection: pool,
      table: 'inv',
      keyColumns: ['sku'],
      batchIdColumn: 'batch_id',
      commitTimeColumn: 'updated_at',
      history: { table: 'inv_history', columns: ['sku', 'on_hand'], batchIdColumn: 'batch_id' },
    });
    const t0 = Date.UTC(2024, 0, 1, 12);
    await sink.addBatch(
      rows([
        ['a', 5, 1.25, t0],
        ['b', 3, null, t0],
      ]),
      ctx(0),
    );
    await sink.addBatch(
      rows([
        ['a', 4, 1.5, t0 + 1000],
        ['a', 2, 1.5, t0 + 2000],
      ]),
      ctx(1),
    );
    expect(sink.lastResult).toEqual({ skipped: false, rows: 1 });
    // replay of batch 1 with different content changes nothing
    await sink.addBatch(rows([['a', 999, 9, t0]]), ctx(1));
    expect(sink.lastResult).toEqual({ skipped: true, rows: 0 });
    expect(
      await table(`SELECT sku, on_hand, price::text, (extract(epoch from last_event_at) * 1000)::bigint::text AS t, batch_id::int FROM inv ORDER BY sku`),
    ).toEqual([
      { sku: 'a', on_hand: 2, price: '1.50', t: String(t0 + 2000), batch_id: 1 },
      { sku: 'b', on_hand: 3, price: null, t: String(t0), batch_id: 0 },
    ]);
    expect(await table(`SELECT sku, on_hand, batch_id::int FROM inv_history ORDER BY id`)).toEqual([
      { sku: 'a', on_hand: 5, batch_id: 0 },
      { sku: 'b', on_hand: 3, batch_id: 0 },
      { sku: 'a', on_hand: 4, batch_id: 1 },
      { sku: 'a', on_hand: 2, batch_id: 1 },
    ]);
    expect((await table(`SELECT count(*)::int AS n FROM inv WHERE updated_at IS NULL`))[0]).toEqual({ n: 0 });
  });

  it('writes dictionary-encoded string columns (as the Parquet reader emits them)', async () => {
    const dictSchema = new Schema([new Field('sku', dictionaryUtf8()), new Field('on_hand', new Int32())]);
    const data = new Table(
      recordBatchFromArrays(dictSchema, [
        ['d1', 'd2', 'd1'],
        [1, 2, 3],
      ]),
    );
    await postgresSink({ connection: pool, table: 'inv', keyColumns: ['sku'], name: 'inv-dict' }).addBatch(data, ctx(0));
    expect(await table(`SELECT sku, on_hand FROM inv WHERE sku LIKE 'd%' ORDER BY sku`)).toEqual([
      { sku: 'd1', on_hand: 3 },
      { sku: 'd2', on_hand: 2 },
    ]);
  });

  it('complete mode replaces the table; append mode inserts', async () => {
    const complete = postgresSink({ connection: pool, table: 'inv', keyColumns: ['sku'], name: 'inv-complete', columns: ['sku', 'on_hand'] });
    await complete.addBatch(rows([['z', 1, 0, 0]]), ctx(0, 'complete'));
    expect(await table(`SELECT sku, on_hand FROM inv`)).toEqual([{ sku: 'z', on_hand: 1 }]);
    const append = postgresSink({ connection: pool, table: 'events' });
    await append.addBatch(
      rows([
        ['a', 1, 1, 0],
        ['a', 1, 1, 0],
      ]),
      ctx(0, 'append'),
    );
    await append.addBatch(rows([['a', 1, 1, 0]]), ctx(0, 'append'));
    await append.addBatch(rows([['b', 1, 1, 0]]), ctx(1, 'append'));
    expect(await table(`SELECT sku, count(*)::int AS n FROM events GROUP BY sku ORDER BY sku`)).toEqual([
      { sku: 'a', n: 2 },
      { sku: 'b', n: 1 },
    ]);
    await expect(postgresSink({ connection: pool, table: 'inv' }).addBatch(rows([]), ctx(0))).rejects.toMatchObject({ code: 'INVALID_OPTION' });
  });

  it('runs the hook in the transaction: NOTIFY arrives only for a committed batch', async () => {
    const listener = new Client({ connectionString: db.url });
    await listener.connect();
    const got: string[] = [];
    let committedOne: () => void = () => undefined;
    const heardBatchOne = new Promise<void>((resolve) => (committedOne = resolve));
    listener.on('notification', (n) => {
      got.push(n.payload ?? '');
      if (n.payload?.startsWith('{"batchId":1,')) committedOne();
    });
    await listener.query('LISTEN inv_changed');
    let fail = false;
    const sink = postgresSink({
      connection: pool,
      table: 'inv',
      keyColumns: ['sku'],
      name: 'inv-hook',
      columns: ['sku', 'on_hand'],
      beforeCommit: async (client, data, c) => {
        await client.query(`SELECT pg_notify('inv_changed', $1)`, [JSON.stringify({ batchId: c.batchId, rows: data.numRows })]);
        if (fail) throw new Error('boom');
      },
    });
    await sink.addBatch(rows([['h', 1, 0, 0]]), ctx(0));
    fail = true;
    await expect(sink.addBatch(rows([['h', 2, 0, 0]]), ctx(1))).rejects.toThrow('boom');
    fail = false;
    await sink.addBatch(rows([['h', 3, 0, 0]]), ctx(1));
    // Notifications arrive in commit order: the failed attempt's would have come before the retry's.
    await heardBatchOne;
    await listener.end();
    expect(got).toEqual(['{"batchId":0,"rows":1}', '{"batchId":1,"rows":1}']);
    expect(await table(`SELECT on_hand FROM inv WHERE sku = 'h'`)).toEqual([{ on_hand: 3 }]);
  });

  it('records partition offsets with the batch and fences a stale owner', async () => {
    const offsets = (p: Record<string, number>) => ({ kafka: { topic: 'sales', partitions: p } });
    const a = postgresSink({ connection: pool, table: 'events', name: 'group', owner: 'A' });
    await claimPartitions(pool, 'q', 'kafka', [0, 1], 'A');
    await a.addBatch(rows([['x', 1, 1, 0]]), ctx(0, 'append', offsets({ 0: 10, 1: 20 })));
    expect(await committedPartitionOffsets(pool, 'q', 'kafka')).toEqual(
      new Map([
        [0, 10],
        [1, 20],
      ]),
    );
    // B takes partition 1 over: it resumes where A committed, and A can no longer commit it
    expect(await claimPartitions(pool, 'q', 'kafka', [1], 'B')).toEqual(new Map([[1, 20]]));
    await expect(a.addBatch(rows([['x', 1, 1, 0]]), ctx(1, 'append', offsets({ 0: 11, 1: 21 })))).rejects.toMatchObject({ code: 'PARTITION_FENCED' });
    expect(await committedPartitionOffsets(pool, 'q', 'kafka')).toEqual(
      new Map([
        [0, 10],
        [1, 20],
      ]),
    );
    await a.addBatch(rows([['x', 1, 1, 0]]), ctx(1, 'append', offsets({ 0: 11 })));
    expect(await committedPartitionOffsets(pool, 'q', 'kafka')).toEqual(
      new Map([
        [0, 11],
        [1, 20],
      ]),
    );
  });
});
