// Postgres checkpoint store and table reader against a real server.
import { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Type } from 'apache-arrow';
import { PostgresDimension, postgresCheckpointStore, readPostgres } from '../src';
import { createTestDatabase, type TestDatabase } from '../src/testing';

let db: TestDatabase;
let pool: Pool;
beforeAll(async () => {
  db = await createTestDatabase('pg_store');
  pool = new Pool({ connectionString: db.url, max: 4 });
});
afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

describe('PostgresCheckpointStore', () => {
  it('keeps logs and versioned state per query, visible to another process (pool)', async () => {
    const store = postgresCheckpointStore('inventory', pool);
    expect(await store.latestOffsets()).toBeUndefined();
    await store.writeMetadata({ id: 'abc' });
    for (let b = 0; b < 5; b++) {
      await store.writeOffsets(b, { endOffsets: { k: { topic: 't', partitions: { 0: b * 10 } } }, watermarkMs: b, batchTimestampMs: 100 + b });
      await store.writeState(1, 0, b + 1, new Uint8Array([b, 1, 2]));
      if (b < 4) await store.writeCommit(b, { nextBatchWatermarkMs: b });
    }
    await store.writeState(1, 3, 2, new Uint8Array([9]));
    await postgresCheckpointStore('other', pool).writeCommit(42, { nextBatchWatermarkMs: 0 });

    const other = postgresCheckpointStore('inventory', db.url);
    expect(await other.readMetadata()).toEqual({ id: 'abc' });
    expect(await other.latestOffsets()).toEqual({
      batchId: 4,
      entry: { endOffsets: { k: { topic: 't', partitions: { 0: 40 } } }, watermarkMs: 4, batchTimestampMs: 104 },
    });
    expect(await other.latestCommit()).toEqual({ batchId: 3, entry: { nextBatchWatermarkMs: 3 } });
    expect(await other.readState(1, 0, 3)).toEqual(new Uint8Array([2, 1, 2]));
    expect(await other.readState(1, 0, 9)).toBeUndefined();

    await other.purge(4);
    expect(await other.offsetsOf(3)).toBeUndefined();
    expect(await other.offsetsOf(4)).toBeDefined();
    expect(await other.readState(1, 0, 3)).toBeUndefined();
    expect(await other.readState(1, 0, 4)).toBeDefined();
    // a partition's newest state survives a purge even if older than the cut
    expect(await other.readState(1, 3, 2)).toEqual(new Uint8Array([9]));
    await other.close();
  });
});

describe('readPostgres', () => {
  it('reads state blobs byte for byte, large ones included, whatever the query name', async () => {
    const store = postgresCheckpointStore('o\'brien \\ "q"', pool);
    const large = new Uint8Array(6 * 2 ** 20).map((_, i) => (i * 131 + (i >> 9)) & 255);
    await store.writeState(2, 0, 1, large);
    await store.writeState(2, 1, 1, new Uint8Array(0));
    expect(Buffer.from((await store.readState(2, 0, 1)) ?? []).equals(Buffer.from(large))).toBe(true);
    expect(await store.readState(2, 1, 1)).toEqual(new Uint8Array(0));
    expect(await store.readState(2, 2, 1)).toBeUndefined();
    await expect(store.readState(2, 0, 1.5)).rejects.toThrow('integers');
  });

  it('writes every part of a version in one transaction, a rewrite replacing it', async () => {
    const store = postgresCheckpointStore('batched', pool);
    await store.writeStates(3, [
      { operatorId: 0, partition: 0, bytes: new Uint8Array([1]) },
      { operatorId: 1, partition: 1, bytes: new Uint8Array(2 ** 20).fill(7) },
    ]);
    await store.writeStates(3, [{ operatorId: 0, partition: 0, bytes: new Uint8Array([2]) }]);
    expect(await store.readState(0, 0, 3)).toEqual(new Uint8Array([2]));
    expect((await store.readState(1, 1, 3))?.every((b) => b === 7)).toBe(true);
    // a part that cannot be stored rolls back the others of its call
    await expect(
      store.writeStates(4, [
        { operatorId: 5, partition: 0, bytes: new Uint8Array([1]) },
        { operatorId: 2 ** 40, partition: 0, bytes: new Uint8Array([1]) },
      ]),
    ).rejects.toThrow();
    expect(await store.readState(5, 0, 4)).toBeUndefined();
  });

  it('stores state blobs uncompressed (no pglz on every batch): a 1 MiB run of one byte takes 1 MiB', async () => {
    const store = postgresCheckpointStore('uncompressed', pool);
    await store.writeStates(1, [{ operatorId: 0, partition: 0, bytes: new Uint8Array(2 ** 20).fill(7) }]);
    const { rows } = await pool.query<{ stored: number }>(
      `SELECT pg_column_size(bytes) AS stored FROM shelfstream_engine.state WHERE query_name = 'uncompressed'`,
    );
    expect(rows[0].stored).toBeGreaterThanOrEqual(2 ** 20);
  });

  it('maps Postgres types to Arrow, for a table or a query', async () => {
    await pool.query(`CREATE TABLE products (sku text PRIMARY KEY, price numeric(12,2), stock int, big bigint,
      active boolean, day date, at timestamptz, raw bytea, attrs jsonb)`);
    await pool.query(`INSERT INTO products VALUES
      ('a', 1.25, 3, 9007199254740993, true, '2024-02-29', '2024-01-01T10:00:00Z', '\\x0102', '{"x":1}'),
      ('b', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)`);
    const t = await readPostgres({ connection: pool, table: 'products' });
    expect(t.schema.fields.map((f) => f.type.typeId)).toEqual([
      Type.Utf8,
      Type.Float,
      Type.Int,
      Type.Int,
      Type.Bool,
      Type.Date,
      Type.Timestamp,
      Type.Binary,
      Type.Utf8,
    ]);
    const row = Object.fromEntries(t.schema.fields.map((f) => [f.name, t.getChild(f.name)!.get(0)]));
    expect(row).toEqual({
      sku: 'a',
      price: 1.25,
      stock: 3,
      big: 9007199254740993n,
      active: true,
      day: Date.UTC(2024, 1, 29),
      at: Date.UTC(2024, 0, 1, 10),
      raw: new Uint8Array([1, 2]),
      attrs: '{"x": 1}',
    });
    expect(t.getChild('price')!.get(1)).toBeNull();
    const q = await readPostgres({ connection: db.url, query: 'SELECT sku FROM products WHERE stock > $1', params: [1] });
    expect(q.getChild('sku')!.toArray()).toEqual(['a']);
    await expect(readPostgres({ connection: pool, table: 'missing' })).rejects.toMatchObject({ code: 'SOURCE_ERROR' });
  });

  it('a dimension re-reads only after refreshMs', async () => {
    let now = 0;
    const dim = new PostgresDimension({ connection: pool, query: 'SELECT count(*)::int AS n FROM products', refreshMs: 1000 }, () => now);
    expect((await dim.get()).getChild('n')!.get(0)).toBe(2);
    await pool.query(`INSERT INTO products (sku) VALUES ('c')`);
    now = 999;
    expect((await dim.get()).getChild('n')!.get(0)).toBe(2);
    now = 1000;
    expect((await dim.get()).getChild('n')!.get(0)).toBe(3);
  });
});
