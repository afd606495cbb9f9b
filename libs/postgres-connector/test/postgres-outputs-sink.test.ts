// A query with several outputs into a real Postgres: every output of a batch lands in one
// transaction (all or none), a replayed batch id changes nothing, an output without a table is refused.
import { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { col, count, createEngine, type DataFrame, schema, sum } from '@shelfstream/engine';
import { MemoryCheckpointStore } from '@shelfstream/engine/testing';
import { postgresOutputsSink } from '../src';
import { createTestDatabase, type TestDatabase } from '../src/testing';

const SALES = schema({ sku: 'string', qty: 'long' });
let db: TestDatabase;
let pool: Pool;

beforeAll(async () => {
  db = await createTestDatabase('pg_outputs');
  pool = new Pool({ connectionString: db.url, max: 4 });
  await pool.query(`
    CREATE TABLE units (sku text PRIMARY KEY, units bigint, batch_id bigint);
    CREATE TABLE orders (sku text PRIMARY KEY, orders bigint, batch_id bigint, CHECK (orders < 3));
    CREATE TABLE notes (batch_id bigint, output text);`);
});
afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

const table = async (sql: string) => (await pool.query(sql)).rows;
const outputs = (df: DataFrame) => ({
  units: df.groupBy('sku').agg(sum('qty').as('units')),
  orders: df.groupBy('sku').agg(count().as('orders')),
});
const sink = (commit: 'together' | 'per-output' = 'together') =>
  postgresOutputsSink({
    connection: pool,
    commit,
    outputs: {
      units: { table: 'units', keyColumns: ['sku'], batchIdColumn: 'batch_id' },
      orders: {
        table: 'orders',
        keyColumns: ['sku'],
        batchIdColumn: 'batch_id',
        beforeCommit: async (client, _data, context) => {
          await client.query('INSERT INTO notes VALUES ($1, $2)', [context.batchId, context.outputName]);
        },
      },
    },
  });

describe('postgres outputs sink', () => {
  it('commits every output of a batch together, and none when one fails', async () => {
    const store = new MemoryCheckpointStore();
    const engine = createEngine();
    const sales = engine.readStream.memory(SALES, 'sales');
    const query = await engine.writeStreams(outputs(sales.toDF())).outputMode('update').queryName('shop').checkpointStore(store).outputsSink(sink()).start();
    sales.addData([
      { sku: 'a', qty: 2 },
      { sku: 'b', qty: 1 },
    ]);
    await query.processAllAvailable();
    expect(await table('SELECT sku, units::int, batch_id::int FROM units ORDER BY sku')).toEqual([
      { sku: 'a', units: 2, batch_id: 0 },
      { sku: 'b', units: 1, batch_id: 0 },
    ]);
    expect(await table('SELECT sku, orders::int FROM orders ORDER BY sku')).toEqual([
      { sku: 'a', orders: 1 },
      { sku: 'b', orders: 1 },
    ]);
    expect(await table('SELECT batch_id::int, output FROM notes')).toEqual([{ batch_id: 0, output: 'orders' }]);

    // orders of 'a' reach 3, which the orders table refuses: the units of that batch are not kept either
    sales.addData([
      { sku: 'a', qty: 5 },
      { sku: 'a', qty: 5 },
    ]);
    await expect(query.processAllAvailable()).rejects.toMatchObject({ code: 'SINK_ERROR', message: expect.stringContaining('orders') });
    expect(await table("SELECT units::int FROM units WHERE sku = 'a'")).toEqual([{ units: 2 }]);
    expect(await table('SELECT count(*)::int AS n FROM notes')).toEqual([{ n: 1 }]);
  });

  it('per output: commits each output on its own, and a replay writes only the outputs that did not commit', async () => {
    const store = new MemoryCheckpointStore();
    const run = async (rows: { sku: string; qty: number }[][]) => {
      const engine = createEngine();
      const sales = engine.readStream.memory(SALES, 'sales');
      for (const r of rows) sales.addData(r);
      const query = await engine
        .writeStreams(outputs(sales.toDF()))
        .outputMode('update')
        .queryName('each')
        .checkpointStore(store)
        .outputsSink(sink('per-output'))
        .start();
      try {
        await query.processAllAvailable();
      } finally {
        await query.stop();
      }
    };
    const batch = [
      { sku: 'p', qty: 4 },
      { sku: 'p', qty: 4 },
      { sku: 'p', qty: 4 },
    ];
    // three orders of 'p' break the orders table's check: units commit anyway
    await expect(run([batch])).rejects.toMatchObject({ code: 'SINK_ERROR' });
    expect(await table("SELECT units::int, batch_id::int FROM units WHERE sku = 'p'")).toEqual([{ units: 12, batch_id: 0 }]);
    expect(await table("SELECT count(*)::int AS n FROM orders WHERE sku = 'p'")).toEqual([{ n: 0 }]);
    // the check lifted, the restart replays batch 0: orders are written, units are not written twice
    await pool.query('ALTER TABLE orders DROP CONSTRAINT orders_orders_check');
    await run([batch]);
    expect(await table("SELECT orders::int FROM orders WHERE sku = 'p'")).toEqual([{ orders: 3 }]);
    expect(await table("SELECT units::int, batch_id::int FROM units WHERE sku = 'p'")).toEqual([{ units: 12, batch_id: 0 }]);
  });

  it('changes nothing when a committed batch id comes again', async () => {
    const engine = createEngine();
    const sales = engine.readStream.memory(SALES, 'sales');
    const query = await engine.writeStreams(outputs(sales.toDF())).outputMode('update').queryName('replay').outputsSink(sink()).start();
    sales.addData([{ sku: 'r', qty: 1 }]);
    await query.processAllAvailable();
    await query.stop();
    // a new run without the checkpoint numbers its first batch 0 again: the sink skips it as committed
    const again = createEngine();
    const more = again.readStream.memory(SALES, 'sales');
    const replay = await again.writeStreams(outputs(more.toDF())).outputMode('update').queryName('replay').outputsSink(sink()).start();
    more.addData([{ sku: 'r', qty: 100 }]);
    await replay.processAllAvailable();
    await replay.stop();
    expect(await table("SELECT units::int FROM units WHERE sku = 'r'")).toEqual([{ units: 1 }]);
  });

  it('refuses an output that has no table, naming it', async () => {
    const engine = createEngine();
    const sales = engine.readStream.memory(SALES, 'sales');
    const df = sales.toDF();
    const query = await engine
      .writeStreams({ ...outputs(df), extra: df.groupBy('sku').agg(count().as('n')).select(col('sku')) })
      .outputMode('update')
      .queryName('extra')
      .outputsSink(sink())
      .start();
    sales.addData([{ sku: 'x', qty: 1 }]);
    await expect(query.processAllAvailable()).rejects.toMatchObject({ message: expect.stringContaining("no table for output 'extra'") });
    expect(await table("SELECT count(*)::int AS n FROM units WHERE sku = 'x'")).toEqual([{ n: 0 }]);
  });
});
