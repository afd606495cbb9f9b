// Stream-stream joins (README "Stream–stream joins"): cases re-expressed from Spark's StreamingJoinSuite
// (inner) and its outer-join suite, plus a retail example (sales and restock shipments of a SKU).
import { describe, expect, it } from 'vitest';
import { type Column, type DataFrame, type Row, col, count, createEngine, interval, schema } from '../src/index';
import { JoinRun } from './support/join-run';

const S = 1000;
const LEFT = schema({ leftKey: 'long', leftTime: 'timestamp' });
const RIGHT = schema({ rightKey: 'long', rightTime: 'timestamp' });
const l = (key: number, seconds: number): Row => ({ leftKey: key, leftTime: seconds * S });
const r = (key: number, seconds: number): Row => ({ rightKey: key, rightTime: seconds * S });
/** Output as [leftKey, leftTime s, rightTime s] sorted, as Spark's CheckNewAnswer compares. */
const seconds = (rows: Row[]) =>
  rows
    .map((x) => [x.leftKey, (x.leftTime as number) / S, x.rightTime === null ? null : (x.rightTime as number) / S])
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

/** Spark's setupJoinWithRangeCondition shape: watermarks on both times, a key equality plus `range`. */
const rangeJoin = (how: 'inner' | 'left', range: (lt: Column, rt: Column) => Column, delays = ['10 seconds', '10 seconds']) =>
  new JoinRun([LEFT, RIGHT], (left: DataFrame, right: DataFrame) =>
    left.withWatermark('leftTime', delays[0]).join(
      right.withWatermark('rightTime', delays[1]),
      col('leftKey')
        .eq(col('rightKey'))
        .and(range(col('leftTime'), col('rightTime'))),
      how,
    ),
  );

describe('stream-stream inner join (Spark StreamingInnerJoinSuite)', () => {
  it('joins on a non-time column across batches and restarts, each pair once, state kept without watermark', async () => {
    const run = new JoinRun([schema({ key: 'long', leftValue: 'long' }), schema({ key: 'long', rightValue: 'long' })], (a, b) => a.join(b, 'key'));
    const v = (k: number, side: 2 | 3) => (side === 2 ? { key: k, leftValue: k * 2 } : { key: k, rightValue: k * 3 });
    await run.start();
    expect(await run.add([v(1, 2)])).toEqual([]);
    expect(await run.add(null, [v(1, 3), v(10, 3)])).toEqual([{ key: 1, leftValue: 2, rightValue: 3 }]);
    expect(await run.add([v(10, 2)])).toEqual([{ key: 10, leftValue: 20, rightValue: 30 }]);
    expect(await run.add(null, [v(1, 3)])).toEqual([{ key: 1, leftValue: 2, rightValue: 3 }]);
    await run.restart();
    // both right 1s are still in state
    expect(await run.add([v(1, 2)])).toEqual([
      { key: 1, leftValue: 2, rightValue: 3 },
      { key: 1, leftValue: 2, rightValue: 3 },
    ]);
    await run.restart();
    expect(await run.add([v(100, 2)], [v(100, 3)])).toEqual([{ key: 100, leftValue: 200, rightValue: 300 }]);
    expect(run.state).toMatchObject({ operatorName: 'streamStreamJoin', numRowsTotal: 8 });
    await run.stop();
  });

  it('time range with a one-sided condition: evicts the right side only, drops late rows', async () => {
    const run = rangeJoin('inner', (lt, rt) => lt.lt(rt.minus(interval('5 seconds'))));
    await run.start();
    expect(await run.add([l(1, 5)])).toEqual([]);
    expect(seconds(await run.add(null, [r(1, 11)]))).toEqual([[1, 5, 11]]);
    expect(await run.add(null, [r(1, 10)])).toEqual([]); // 5 is not < 10 - 5
    expect(run.state.numRowsTotal).toBe(3);
    expect(seconds(await run.add([l(1, 3), l(1, 30)]))).toEqual([
      [1, 3, 10],
      [1, 3, 11],
    ]);
    expect(run.state.numRowsTotal).toBe(5);
    // watermark 20: right rows with rightTime <= 25 can no longer match (left > 20 and left < right - 5)
    expect(await run.add(null, [r(0, 30)])).toEqual([]);
    expect(run.state.numRowsTotal).toBe(4);
    await run.restart();
    // 20 is late; 21 joins and is evicted at once; 28 joins and stays
    expect(seconds(await run.add(null, [r(1, 20), r(1, 21), r(1, 28)]))).toEqual([
      [1, 3, 21],
      [1, 3, 28],
      [1, 5, 21],
      [1, 5, 28],
    ]);
    expect(run.state).toMatchObject({ numRowsTotal: 5, numRowsDroppedByWatermark: 1 });
    expect(seconds(await run.add([l(1, 20), l(1, 21)]))).toEqual([[1, 21, 28]]);
    expect(run.state).toMatchObject({ numRowsTotal: 6, numRowsDroppedByWatermark: 1 });
    await run.stop();
  });

  it('time range on both sides with different watermark delays (global watermark = min)', async () => {
    const run = rangeJoin('inner', (lt, rt) => lt.between(rt.minus(interval('10 seconds')), rt.plus(interval('5 seconds'))), ['20 seconds', '30 seconds']);
    await run.start();
    expect(await run.add([l(1, 20)])).toEqual([]);
    expect(
      seconds(
        await run.add(
          null,
          [14, 15, 25, 26, 30, 31].map((t) => r(1, t)),
        ),
      ),
    ).toEqual([
      [1, 20, 15],
      [1, 20, 25],
      [1, 20, 26],
      [1, 20, 30],
    ]);
    expect(run.state.numRowsTotal).toBe(7);
    expect(await run.add(null, [r(1, 60)])).toEqual([]);
    expect(seconds(await run.add([49, 50, 65, 66].map((t) => l(1, t))))).toEqual([
      [1, 50, 60],
      [1, 65, 60],
    ]);
    // watermark min(66 - 20, 60 - 30) = 30: right rows < 25 evicted (14, 15), left rows < 20 (none)
    expect(run.state.numRowsTotal).toBe(10);
    expect(seconds(await run.add([l(1, 30), l(1, 31)]))).toEqual([
      [1, 31, 26],
      [1, 31, 30],
      [1, 31, 31],
    ]);
    expect(run.state).toMatchObject({ numRowsTotal: 11, numRowsDroppedByWatermark: 1 });
    // watermark min(46, 50) = 46: left < 36 and right < 41 evicted
    expect(await run.add(null, [r(1, 80)])).toEqual([]);
    expect(run.state.numRowsTotal).toBe(6);
    await run.restart();
    expect(seconds(await run.add(null, [r(1, 46), r(1, 50)]))).toEqual([
      [1, 49, 50],
      [1, 50, 50],
    ]);
    expect(run.state).toMatchObject({ numRowsTotal: 7, numRowsDroppedByWatermark: 1 });
    await run.stop();
  });
});

describe('stream-stream left outer join (Spark StreamingOuterJoinSuite)', () => {
  it('emits a left row with nulls only once the watermark shows no right row can match it', async () => {
    const run = rangeJoin('left', (lt, rt) => lt.between(rt.minus(interval('5 seconds')), rt.plus(interval('5 seconds'))));
    await run.start();
    expect(await run.add([l(1, 5), l(3, 5)])).toEqual([]);
    expect(seconds(await run.add(null, [r(1, 10), r(2, 5)]))).toEqual([[1, 5, 10]]);
    expect(await run.add(null, [r(1, 11)])).toEqual([]); // no match: left time too low, and no nulls yet
    expect(run.state.numRowsTotal).toBe(5);
    await run.restart();
    expect(seconds(await run.add([l(1, 7), l(1, 30)]))).toEqual([
      [1, 7, 10],
      [1, 7, 11],
    ]);
    expect(run.state.numRowsTotal).toBe(7);
    // watermark 30 - 10 = 20: the no-data batch evicts, (3, 5) never matched -> nulls; matched rows are not repeated
    const out = await run.add(null, [r(0, 30)]);
    expect(out).toEqual([{ leftKey: 3, leftTime: 5 * S, rightKey: null, rightTime: null }]);
    expect(run.state.numRowsTotal).toBe(2);
    await run.stop();
  });

  it('is rejected without a watermark on the right or without a time range, and outside append mode', async () => {
    const engine = createEngine();
    const left = engine.readStream.memory(LEFT).toDF().withWatermark('leftTime', '10 seconds');
    const right = engine.readStream.memory(RIGHT).toDF();
    const keys = col('leftKey').eq(col('rightKey'));
    const range = col('rightTime').between(col('leftTime'), col('leftTime').plus(interval('1 minute')));
    const start = (df: DataFrame, mode: 'append' | 'update' = 'append') =>
      df.writeStream.outputMode(mode).format('memory').queryName(`q${Math.random()}`).start();
    await expect(start(left.join(right, keys.and(range), 'left'))).rejects.toMatchObject({ code: 'UNSUPPORTED_OPERATION' });
    const watermarked = right.withWatermark('rightTime', '10 seconds');
    await expect(start(left.join(watermarked, keys, 'left'))).rejects.toMatchObject({ code: 'UNSUPPORTED_OPERATION' });
    await expect(start(left.join(watermarked, keys.and(range), 'left'), 'update')).rejects.toMatchObject({ code: 'UNSUPPORTED_OUTPUT_MODE' });
    expect(() => left.join(engine.readStream.memory(LEFT).toDF(), col('leftKey').eq(col('leftKey')))).toThrow(
      expect.objectContaining({ code: 'DUPLICATE_COLUMN' }),
    );
    const afterJoin = left.join(watermarked, keys.and(range)).groupBy(col('leftKey')).agg(count().as('n'));
    await expect(start(afterJoin)).rejects.toMatchObject({ code: 'UNSUPPORTED_OPERATION' });
    const q = await start(left.join(watermarked, keys.and(range), 'left'));
    await q.stop();
  });
});

describe('retail: sales and restock shipments of the same SKU within 1 hour', () => {
  const SALES = schema({ sale_id: 'string', sku: 'string', sale_ts: 'timestamp' });
  const SHIPMENTS = schema({ ship_sku: 'string', units: 'int', ship_ts: 'timestamp' });
  const H = 3600 * S;
  const restocked = (sales: DataFrame, shipments: DataFrame) =>
    sales
      .withWatermark('sale_ts', '30 minutes')
      .join(
        shipments.withWatermark('ship_ts', '30 minutes'),
        col('sku')
          .eq(col('ship_sku'))
          .and(col('ship_ts').between(col('sale_ts'), col('sale_ts').plus(interval('1 hour')))),
        'left',
      )
      .select('sale_id', 'units');

  it('pairs each sale with the shipments of its SKU in the hour after it; unrestocked sales come out with nulls later', async () => {
    const run = new JoinRun([SALES, SHIPMENTS], restocked);
    await run.start();
    expect(
      await run.add([
        { sale_id: 's1', sku: 'A', sale_ts: 0.5 * H },
        { sale_id: 's2', sku: 'B', sale_ts: 0.6 * H },
      ]),
    ).toEqual([]);
    expect(
      await run.add(null, [
        { ship_sku: 'A', units: 12, ship_ts: 1.2 * H },
        { ship_sku: 'B', units: 5, ship_ts: 2 * H },
      ]),
    ).toEqual([{ sale_id: 's1', units: 12 }]);
    await run.restart();
    // the watermark moves to min(3 h, 3.1 h) - 30 min = 2.5 h, past 0.6 h + 1 h: the no-data batch after
    // this one emits s2, which can no longer be restocked within its hour
    expect(await run.add([{ sale_id: 's3', sku: 'C', sale_ts: 3 * H }], [{ ship_sku: 'C', units: 1, ship_ts: 3.1 * H }])).toEqual([
      { sale_id: 's3', units: 1 },
      { sale_id: 's2', units: null },
    ]);
    // a shipment before the sale does not restock it; one 40 minutes after does
    expect(await run.add([{ sale_id: 's4', sku: 'C', sale_ts: 3.5 * H }])).toEqual([]);
    expect(await run.add(null, [{ ship_sku: 'C', units: 7, ship_ts: 3.5 * H + 40 * 60 * S }])).toEqual([{ sale_id: 's4', units: 7 }]);
    expect(run.progress.at(-1)?.stateOperators).toEqual([expect.objectContaining({ operatorId: 0, operatorName: 'streamStreamJoin' })]);
    await run.stop();
  });

  it('gives the same output when restarted from its checkpoint between any two batches', async () => {
    const steps: [Row[] | null, Row[] | null][] = [
      [
        [
          { sale_id: 's1', sku: 'A', sale_ts: 0.5 * H },
          { sale_id: 's2', sku: 'B', sale_ts: 0.6 * H },
        ],
        null,
      ],
      [null, [{ ship_sku: 'A', units: 12, ship_ts: 1.2 * H }]],
      [[{ sale_id: 's3', sku: 'A', sale_ts: 1.1 * H }], [{ ship_sku: 'B', units: 5, ship_ts: 1.5 * H }]],
      [[{ sale_id: 's4', sku: 'C', sale_ts: 4 * H }], [{ ship_sku: 'C', units: 1, ship_ts: 4.2 * H }]],
    ];
    const runAll = async (restartAt: number) => {
      const run = new JoinRun([SALES, SHIPMENTS], restocked);
      await run.start();
      const out: Row[] = [];
      for (const [i, [sales, shipments]] of steps.entries()) {
        if (i === restartAt) await run.restart();
        out.push(...(await run.add(sales, shipments)));
      }
      await run.stop();
      return out.map((row) => JSON.stringify(row)).sort();
    };
    const uninterrupted = await runAll(-1);
    expect(uninterrupted).toEqual(['{"sale_id":"s1","units":12}', '{"sale_id":"s2","units":5}', '{"sale_id":"s3","units":12}', '{"sale_id":"s4","units":1}']);
    for (const at of [1, 2, 3]) expect(await runAll(at)).toEqual(uninterrupted);
  });
});

describe('join conditions on batch and stream-static joins', () => {
  it('emits a left row with nulls when its key matches but the extra condition does not (Spark: non-key condition violated)', async () => {
    const engine = createEngine();
    const left = engine.read.rows(
      [1, 2, 3, 11].map((k) => ({ key: k, leftValue: k * 2 })),
      schema({ key: 'int', leftValue: 'int' }),
    );
    const right = engine.read.rows(
      [1, 2, 3, 11].map((k) => ({ rkey: k, rightValue: k * 3 })),
      schema({ rkey: 'int', rightValue: 'int' }),
    );
    const rows = await left
      .join(right, col('key').eq(col('rkey')).and(col('leftValue').gt(4)), 'left')
      .select('key', 'rightValue')
      .collect();
    expect(rows.sort((a, b) => (a.key as number) - (b.key as number))).toEqual([
      { key: 1, rightValue: null },
      { key: 2, rightValue: null },
      { key: 3, rightValue: 9 },
      { key: 11, rightValue: 33 },
    ]);
  });
});
