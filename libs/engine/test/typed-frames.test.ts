// Typed frames: a frame read with a typed schema checks column names and carries row types through the
// builder calls (checked by `tsc`: the engine's typecheck covers this file; each @ts-expect-error must
// stay an error). Untyped frames stay permissive, and analysis still rejects unknown names at runtime.
import { tableFromArrays } from 'apache-arrow';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { col, count, createEngine, type DataFrame, max, type Row, type RowOf, schema, sum, window, type WindowValue } from '../src/index';

const SALES = schema({ sku: 'string', qty: { type: 'int', nullable: false }, t: 'timestamp', store: 'str' });
const PRICES = schema({ sku: 'string', price: 'double' });
const HOUR = 3_600_000;

const engine = createEngine();
const sales = engine.read.rows(
  [
    { sku: 'a', qty: 2, t: 1_000, store: 's1' },
    { sku: 'a', qty: 3, t: 2_000, store: 's2' },
    { sku: 'b', qty: 5, t: HOUR + 1, store: null },
  ],
  SALES,
);
const prices = engine.read.rows([{ sku: 'a', price: 1.5 }], PRICES);

/** What analysis does with a name the compiler rejected (the test goes on if the call throws it). */
const unresolved = expect.objectContaining({ code: 'UNRESOLVED_COLUMN' });

type Sale = { sku: string | null; qty: number; t: number | null; store: string | null };

describe('typed frames (compile time)', () => {
  it('maps a schema to its row type', () => {
    expectTypeOf<RowOf<{ a: 'long'; b: 'bool'; c: { type: 'timestamp'; nullable: false }; w: typeof PRICES }>>().toEqualTypeOf<{
      a: number | null;
      b: boolean | null;
      c: number;
      w: { sku: string | null; price: number | null } | null;
    }>();
    expectTypeOf(sales).toEqualTypeOf<DataFrame<Sale>>();
  });

  it('checks names and carries types through select, withColumn, renames and drops', () => {
    const picked = sales.select('sku', sales.col('qty').as('units'), col('t').as('at'), col('t').cast('string').as('text'));
    expectTypeOf(picked).toEqualTypeOf<DataFrame<{ sku: string | null; units: number; at: number | null; text: string | null }>>();
    expectTypeOf(sales.select('*')).toEqualTypeOf<DataFrame<Sale>>();
    expectTypeOf(sales.filter(col('qty').gt(1)).where(col('sku').isNotNull())).toEqualTypeOf<DataFrame<Sale>>();

    const doubled = sales.withColumn('double', col('qty').multiply(2)).withColumn('qty', col('qty').cast('string'));
    expectTypeOf(doubled).toEqualTypeOf<DataFrame<{ sku: string | null; t: number | null; store: string | null; double: number | null; qty: string | null }>>();
    expectTypeOf(sales.drop('t', 'store').withColumnRenamed('qty', 'units')).toEqualTypeOf<DataFrame<{ sku: string | null; units: number }>>();

    // each rejected call also fails analysis at runtime, except drop/rename of an unknown name (no-ops, as Spark)
    // @ts-expect-error -- not a column of SALES
    expect(() => sales.select('sku', 'nope')).toThrow(unresolved);
    // @ts-expect-error -- not a column of SALES
    expect(() => sales.select(sales.col('nope'))).toThrow(unresolved);
    // @ts-expect-error -- not a column of SALES
    expect(sales.drop('nope').columns).toEqual(['sku', 'qty', 't', 'store']);
    // @ts-expect-error -- not a column of SALES
    expect(sales.withColumnRenamed('nope', 'x').columns).toEqual(['sku', 'qty', 't', 'store']);
    // @ts-expect-error -- not a column of SALES
    expect(() => sales.withWatermark('nope', '1 minute')).toThrow(unresolved);
    // @ts-expect-error -- dropped above
    expect(() => sales.drop('t').select('t')).toThrow(unresolved);
  });

  it('types groupBy keys and aliased aggregates', () => {
    const hourly = sales.groupBy('sku', window('t', '1 hour')).agg(sum('qty').as('units'), count().as('n'), max(col('t')).as('last'));
    expectTypeOf(hourly).toEqualTypeOf<DataFrame<{ sku: string | null; window: WindowValue; units: number | null; n: number; last: number | null }>>();
    expectTypeOf(sales.groupBy(col('store')).count()).toEqualTypeOf<DataFrame<{ store: string | null; count: number }>>();
    expectTypeOf(sales.groupBy('sku').agg(sum('qty'))).toEqualTypeOf<DataFrame<{ sku: string | null; 'sum(qty)': number | null }>>();
    // @ts-expect-error -- not a column of SALES
    expect(() => sales.groupBy('sku', 'nope').count()).toThrow(unresolved);
    // @ts-expect-error -- the key is 'sku', the aggregate 'units'
    expect(() => hourly.select('qty')).toThrow(unresolved);
  });

  it('merges the two schemas of a join', () => {
    expectTypeOf(sales.join(prices, 'sku').select('qty', 'price')).toEqualTypeOf<DataFrame<{ qty: number; price: number | null }>>();
    expectTypeOf(sales.join(prices, ['sku'], 'left').select('price')).toEqualTypeOf<DataFrame<{ price: number | null }>>();
    // @ts-expect-error -- 'qty' is not a column of the right side
    expect(() => sales.join(prices, 'qty')).toThrow(unresolved);
  });

  it('types streams and keyed state: rows in as the frame, rows out as the output schema', () => {
    const stream = engine.readStream.memory(SALES).toDF();
    expectTypeOf(stream).toEqualTypeOf<DataFrame<Sale>>();
    const totals = stream.groupByKey('sku').flatMapGroupsWithState(
      (key, rows) => {
        expectTypeOf(rows).toEqualTypeOf<readonly Sale[]>();
        return [{ sku: key.sku, units: rows.reduce((n, r) => n + r.qty, 0) }];
      },
      { outputSchema: schema({ sku: 'string', units: 'long' }), outputMode: 'update' },
    );
    expectTypeOf(totals).toEqualTypeOf<DataFrame<{ sku: string | null; units: number | null }>>();
    // @ts-expect-error -- not a column of SALES
    expect(() => stream.groupByKey('nope').mapGroupsWithState((key) => key, { outputSchema: SALES })).toThrow(unresolved);
  });

  it('types collected rows', async () => {
    const rows = await sales.select('sku', 'qty').collect();
    expectTypeOf(rows).toEqualTypeOf<{ sku: string | null; qty: number }[]>();
    // @ts-expect-error -- not selected
    expect(rows[0].t).toBeUndefined();
  });

  it('degrades to permissive rows for what it cannot name, and keeps untyped frames untyped', () => {
    const unnamed = sales.select('sku', col('qty').plus(1));
    expectTypeOf(unnamed).toEqualTypeOf<DataFrame<{ [name: string]: unknown; sku: string | null }>>();
    expect(() => unnamed.select('anything')).toThrow(unresolved); // compiles; analysis decides

    const untyped: DataFrame = sales; // every typed frame is a DataFrame
    expectTypeOf(untyped.select('sku').collect()).resolves.toEqualTypeOf<Row[]>();
    expectTypeOf(untyped.groupBy('sku').agg(count().as('n'))).toEqualTypeOf<DataFrame>();
    expect(() => untyped.select('x')).toThrow(unresolved);
  });
});

describe('typed frames (runtime)', () => {
  it('produces the rows its types describe', async () => {
    const hourly = sales.groupBy('sku', window('t', '1 hour')).agg(sum('qty').as('units'), count().as('n'), sum('qty'));
    const rows = await hourly.collect();
    expect(rows.map((r) => [r.sku, r.window.start, r.window.end, r.units, r.n, r['sum(qty)']]).sort()).toEqual([
      ['a', 0, HOUR, 5, 2, 5],
      ['b', HOUR, 2 * HOUR, 5, 1, 5],
    ]);
    const joined = await sales.join(prices, 'sku', 'left').select('sku', 'price').collect();
    expect(joined.map((r) => [r.sku, r.price])).toEqual([
      ['a', 1.5],
      ['a', 1.5],
      ['b', null],
    ]);
  });

  it('keeps the analysis errors: an untyped frame read from an Arrow table accepts any name and throws UNRESOLVED_COLUMN', async () => {
    const df = engine.read.arrow(tableFromArrays({ sku: ['a'], qty: Int32Array.from([2]) }));
    expectTypeOf(df).toEqualTypeOf<DataFrame>();
    expect(await df.select('sku').collect()).toEqual([{ sku: 'a' }]);
    expect(() => df.select('nope')).toThrow(unresolved);
    expect(() => df.groupBy('sku').agg(sum('nope'))).toThrow(unresolved);
    // free col() is not checked against the frame (df.col() is); analysis rejects the name
    expect(() => sales.select(col('nope'))).toThrow(unresolved);
  });
});
