// cache()/persist()/unpersist(): a cached batch frame reads its input once for any number of actions.
import { afterEach, describe, expect, it } from 'vitest';
import { col, createEngine, schema, sum } from '../src';
import { MemoryStream } from '../src/testing';
import { batchesToTable, toArrowSchema } from '../src/columnar/arrow-export';
import { batchFromRows } from '../src/columnar/row-conversion';
import type { BatchSource } from '../src/types/contracts';

const s = schema({ sku: 'string', qty: 'int' });
const rows = [
  { sku: 'a', qty: 1 },
  { sku: 'b', qty: 2 },
  { sku: 'a', qty: 3 },
];

/** A source that counts how often it is read. */
function countingSource(): BatchSource & { reads: number } {
  const source = {
    reads: 0,
    schema: toArrowSchema(s),
    *batches() {
      source.reads++;
      yield batchesToTable(s, [batchFromRows(rows, s)]);
    },
  };
  return source;
}

describe('cache()', () => {
  let engine = createEngine();
  afterEach(() => {
    engine = createEngine();
  });

  const threeActions = async (df: ReturnType<typeof engine.read.source>) => [
    await df.count(),
    (await df.collect()).length,
    await df.filter(col('sku').eq('a')).groupBy('sku').agg(sum('qty').as('q')).collect(),
  ];

  it('reads the source once for three actions after cache(), three times without', async () => {
    const plain = countingSource();
    const cachedSource = countingSource();
    const cached = engine.read.source(cachedSource).select('sku', 'qty').cache();
    const expected = [3, 3, [{ sku: 'a', q: 4 }]];
    expect(await threeActions(engine.read.source(plain).select('sku', 'qty'))).toEqual(expected);
    expect(plain.reads).toBe(3);
    expect(cached.isCached).toBe(true);
    expect(await threeActions(cached)).toEqual(expected);
    expect(cachedSource.reads).toBe(1);
  });

  it('persist() is cache(); unpersist() reads again; concurrent first actions share one read', async () => {
    const source = countingSource();
    const df = engine.read.source(source).persist();
    await Promise.all([df.count(), df.collect()]);
    expect(source.reads).toBe(1);
    df.unpersist();
    expect(df.isCached).toBe(false);
    await df.count();
    expect(source.reads).toBe(2);
  });

  it('a stream joined with a cached static frame reads it once; cache() on a stream is refused', async () => {
    const source = countingSource();
    const dims = engine.read.source(source).groupBy('sku').agg(sum('qty').as('total')).cache();
    const stream = new MemoryStream(engine, schema({ sku: 'string', n: 'int' }));
    expect(() => stream.toDF().cache()).toThrow(expect.objectContaining({ code: 'NOT_BATCH' }));
    const q = await stream.toDF().join(dims, 'sku').writeStream.format('memory').queryName('cached_join').start();
    stream.addData([{ sku: 'a', n: 1 }]);
    await q.processAllAvailable();
    stream.addData([{ sku: 'b', n: 2 }]);
    await q.processAllAvailable();
    await q.stop();
    expect(engine.memorySink('cached_join')!.rows()).toEqual([
      { sku: 'a', n: 1, total: 4 },
      { sku: 'b', n: 2, total: 2 },
    ]);
    expect(await dims.count()).toBe(2);
    expect(source.reads).toBe(1);
  });
});
