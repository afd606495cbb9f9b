// Stream-static joins (SEMANTICS.md (h)): each micro-batch joins only its new rows; no state.
import { describe, expect, it } from 'vitest';
import { tableFromArrays } from 'apache-arrow';
import { col, createEngine, schema, toArrowSchema } from '../src/index';

describe('stream-static join', () => {
  it('joins each batch with the static side (inner and left outer)', async () => {
    const engine = createEngine();
    const products = engine.read.rows(
      [
        { id: 1, name: 'one' },
        { id: 2, name: 'two' },
        { id: 4, name: 'four' },
      ],
      schema({ id: 'int', name: 'string' }),
    );
    const stream = engine.readStream.memory(schema({ id: 'int', qty: 'int' }));
    const inner = await stream.toDF().join(products, 'id').writeStream.format('memory').queryName('inner').start();
    const left = await stream.toDF().join(products, 'id', 'left').writeStream.format('memory').queryName('left').start();
    stream.addData([
      { id: 1, qty: 10 },
      { id: 2, qty: 20 },
      { id: 3, qty: 30 },
    ]);
    await inner.processAllAvailable();
    await left.processAllAvailable();
    const sort = (rows: Record<string, unknown>[]) => [...rows].sort((a, b) => (a.id as number) - (b.id as number));
    expect(sort(engine.table('inner'))).toEqual([
      { id: 1, qty: 10, name: 'one' },
      { id: 2, qty: 20, name: 'two' },
    ]);
    expect(sort(engine.table('left'))).toEqual([
      { id: 1, qty: 10, name: 'one' },
      { id: 2, qty: 20, name: 'two' },
      { id: 3, qty: 30, name: null },
    ]);
    stream.addData([{ id: 4, qty: 40 }]);
    await inner.processAllAvailable();
    expect(engine.memorySink('inner')!.rowsAfter(0)).toEqual([{ id: 4, qty: 40, name: 'four' }]);
    await inner.stop();
    await left.stop();
  });

  it('joins batch frames on several keys, with duplicates on the right and null keys never matching', async () => {
    const engine = createEngine();
    const left = engine.read.rows(
      [
        { a: 'x', b: 1, v: 1 },
        { a: 'x', b: 2, v: 2 },
        { a: null, b: 1, v: 3 },
      ],
      schema({ a: 'string', b: 'int', v: 'int' }),
    );
    const right = engine.read.rows(
      [
        { a: 'x', b: 1, w: 'p' },
        { a: 'x', b: 1, w: 'q' },
        { a: null, b: 1, w: 'r' },
      ],
      schema({ a: 'string', b: 'int', w: 'string' }),
    );
    const rows = await left.join(right, ['a', 'b'], 'left').select(col('v'), col('w')).collect();
    expect(rows.sort((p, q) => `${p.v}${p.w}`.localeCompare(`${q.v}${q.w}`))).toEqual([
      { v: 1, w: 'p' },
      { v: 1, w: 'q' },
      { v: 2, w: null },
      { v: 3, w: null },
    ]);
  });

  it('keeps the left rows in order in a left outer join, a row without a passing pair in its place with nulls', async () => {
    const engine = createEngine();
    const left = engine.read.rows(
      [1, 2, 3, 4].map((id) => ({ id, qty: id * 10 })),
      schema({ id: 'int', qty: 'int' }),
    );
    const right = engine.read.rows(
      [
        { rid: 1, cap: 5 },
        { rid: 3, cap: 50 },
        { rid: 3, cap: 40 },
        { rid: 4, cap: 50 },
      ],
      schema({ rid: 'int', cap: 'int' }),
    );
    const rows = await left
      .join(
        right,
        col('id')
          .eq(col('rid'))
          .and(col('qty').lt(col('cap'))),
        'left',
      )
      .select('id', 'cap')
      .collect();
    expect(rows).toEqual([
      { id: 1, cap: null },
      { id: 2, cap: null },
      { id: 3, cap: 50 },
      { id: 3, cap: 40 },
      { id: 4, cap: 50 },
    ]);
  });
});

describe('stream-static join over a changing table', () => {
  it('re-reads a connector-backed static side for every micro-batch, as Spark does', async () => {
    const engine = createEngine();
    const prices = new Map([['a', 1]]);
    const staticSide = engine.read.source({
      schema: toArrowSchema(schema({ sku: 'string', price: 'double' })),
      batches: () => [tableFromArrays({ sku: [...prices.keys()], price: Float64Array.from(prices.values()) })],
    });
    const stream = engine.readStream.memory(schema({ sku: 'string' }));
    const q = await stream.toDF().join(staticSide, 'sku', 'left').writeStream.format('memory').queryName('prices').start();
    stream.addData([{ sku: 'a' }]);
    await q.processAllAvailable();
    prices.set('a', 2);
    stream.addData([{ sku: 'a' }]);
    await q.processAllAvailable();
    await q.stop();
    expect(engine.table('prices')).toEqual([
      { sku: 'a', price: 1 },
      { sku: 'a', price: 2 },
    ]);
  });
});
