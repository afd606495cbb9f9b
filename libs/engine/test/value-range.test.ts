// A value that does not fit its declared type is a VALUE_OUT_OF_RANGE error wherever it arises:
// arithmetic, casts, sums, rows handed in (or returned by a groupByKey function), Arrow input, and the
// Arrow output (Int32 would wrap, Int64 from a float64 would round past 2^53).
import { Int32, Int64, Table, Uint32, makeData, makeVector } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { batchesToTable } from '../src/columnar/arrow-export';
import { columnBatch } from '../src/columnar/column-batch';
import { numberColumn } from '../src/columnar/column-data';
import { col, createEngine, schema, sum, type GroupState, type Row } from '../src/index';

const OUT_OF_RANGE = { code: 'VALUE_OUT_OF_RANGE' };
const MOVES = schema({ sku: 'string', qty: 'int', big: 'long' });
const engine = createEngine();
const moves = (rows: Row[]) => engine.read.rows(rows, MOVES);

describe('values that do not fit their type', () => {
  it('int arithmetic past 2^31 − 1 is an error, not a wrapped value', async () => {
    const df = moves([{ sku: 'a', qty: 100_000, big: 0 }]).select(col('qty').multiply(col('qty')).as('square'));
    await expect(df.collect()).rejects.toMatchObject({ ...OUT_OF_RANGE, message: expect.stringContaining('10000000000 does not fit in int') });
    expect(
      await moves([{ sku: 'a', qty: 46_340, big: 0 }])
        .select(col('qty').multiply(col('qty')).as('square'))
        .collect(),
    ).toEqual([{ square: 2_147_395_600 }]);
  });

  it('a cast to int or long of a value out of range is an error (Spark with ANSI mode)', async () => {
    await expect(
      moves([{ sku: 'a', qty: 1, big: 3_000_000_000 }])
        .select(col('big').cast('int'))
        .collect(),
    ).rejects.toMatchObject(OUT_OF_RANGE);
    await expect(
      moves([{ sku: '99999999999', qty: 1, big: 0 }])
        .select(col('sku').cast('int'))
        .collect(),
    ).rejects.toMatchObject(OUT_OF_RANGE);
    await expect(
      moves([{ sku: '9007199254740993', qty: 1, big: 0 }])
        .select(col('sku').cast('long'))
        .collect(),
    ).rejects.toMatchObject(OUT_OF_RANGE);
    expect(
      await moves([{ sku: '2147483647', qty: 1, big: 0 }])
        .select(col('sku').cast('int').as('v'))
        .collect(),
    ).toEqual([{ v: 2_147_483_647 }]);
  });

  it('a long sum past 2^53 − 1 is an error, not a rounded total', async () => {
    const third = 2 ** 52;
    const rows = [1, 2, 3].map(() => ({ sku: 'a', qty: 1, big: third }));
    await expect(moves(rows).groupBy('sku').agg(sum('big').as('total')).collect()).rejects.toMatchObject({
      ...OUT_OF_RANGE,
      message: expect.stringContaining("aggregate 'total'"),
    });
    expect(await moves(rows.slice(0, 1)).groupBy('sku').agg(sum('big').as('total')).collect()).toEqual([{ sku: 'a', total: third }]);
  });

  it('rows handed in must fit: numbers and bigints', () => {
    expect(() => moves([{ sku: 'a', qty: 2 ** 31, big: 0 }])).toThrow(expect.objectContaining({ ...OUT_OF_RANGE, message: expect.stringContaining('qty') }));
    expect(() => moves([{ sku: 'a', qty: 1, big: 2 ** 53 + 2 }])).toThrow(expect.objectContaining(OUT_OF_RANGE));
    expect(() => moves([{ sku: 'a', qty: 1, big: 2n ** 60n }])).toThrow(expect.objectContaining(OUT_OF_RANGE));
    expect(() => moves([{ sku: 'a', qty: 1, big: 5n }])).not.toThrow();
  });

  it('a groupByKey function returning a value past its output type fails the query with that code', async () => {
    const input = engine.readStream.memory(MOVES);
    const stock = (key: Row, rows: readonly Row[], state: GroupState<number>): Row => {
      const onHand = (state.get() ?? 0) + rows.reduce((n, r) => n + Number(r.qty), 0);
      state.update(onHand);
      return { sku: key.sku, on_hand: onHand };
    };
    const q = await input
      .toDF()
      .groupByKey('sku')
      .mapGroupsWithState(stock, { outputSchema: schema({ sku: 'string', on_hand: 'int' }) })
      .writeStream.outputMode('update')
      .format('memory')
      .queryName('stock')
      .start();
    input.addData(Array.from({ length: 21_475 }, () => ({ sku: 'a', qty: 100_000, big: 0 })));
    await expect(q.processAllAvailable()).rejects.toMatchObject({ ...OUT_OF_RANGE, message: expect.stringContaining('on_hand') });
    expect(engine.table('stock')).toEqual([]);
  });

  it('Arrow input: an Int64 past 2^53 or a Uint32 past 2^31 − 1 is refused', () => {
    const int64 = new Table({ big: makeVector(makeData({ type: new Int64(), length: 2, data: BigInt64Array.from([1n, 2n ** 60n]) })) });
    expect(() => engine.read.arrow(int64)).not.toThrow(); // read lazily
    return Promise.all([
      expect(engine.read.arrow(int64).collect()).rejects.toMatchObject({ ...OUT_OF_RANGE, message: expect.stringContaining("column 'big'") }),
      expect(
        engine.read.arrow(new Table({ n: makeVector(makeData({ type: new Uint32(), length: 1, data: Uint32Array.from([4_000_000_000]) })) })).collect(),
      ).rejects.toMatchObject(OUT_OF_RANGE),
      expect(
        engine.read.arrow(new Table({ n: makeVector(makeData({ type: new Int32(), length: 1, data: Int32Array.from([-5]) })) })).collect(),
      ).resolves.toEqual([{ n: -5 }]),
    ]);
  });

  it('Arrow output checks again: an int column is never written wrapped through Int32', () => {
    const batch = columnBatch(schema({ n: 'int' }), [numberColumn(Float64Array.from([1, 2 ** 31]))], 2);
    expect(() => batchesToTable(batch.schema, [batch])).toThrow(expect.objectContaining({ ...OUT_OF_RANGE, message: expect.stringContaining("column 'n'") }));
  });
});
