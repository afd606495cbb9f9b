// dropDuplicatesWithinWatermark, the cases of Spark's StreamingDeduplicationWithinWatermarkSuite
// (times in seconds, as timestamp_seconds there), plus batch runs, checks at start() and late rows.
import { describe, expect, it } from 'vitest';
import { col, createEngine, schema, type DataFrame, type Row, type StructType } from '../src/index';
import { SteppedQuery } from './support/dedupe-steps';

const VALUES = schema({ value: 'long' });
const PAIRS = schema({ k: 'string', t: 'long' });

const seconds = (name: string) => col(name).multiply(1000).cast('timestamp');
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

async function stepped(build: (df: DataFrame) => DataFrame, inputSchema: StructType = PAIRS) {
  const engine = createEngine();
  const input = engine.readStream.memory(inputSchema);
  const q = await build(input.toDF()).writeStream.outputMode('append').format('memory').queryName('out').start();
  return { q, steps: new SteppedQuery(q, input, engine.memorySink('out')!) };
}

const pairsOut = (rows: Row[]) => rows.map((r) => [r.k, r.t]);

describe('dropDuplicatesWithinWatermark (Spark cases)', () => {
  it('deduplicates on all columns, event time included; state expires when the watermark reaches time + delay', async () => {
    const { q, steps } = await stepped(
      (df) => df.withColumn('eventTime', seconds('value')).withWatermark('eventTime', '10 seconds').dropDuplicatesWithinWatermark().select(col('value')),
      VALUES,
    );
    const values = (rows: Row[]) => rows.map((r) => r.value).sort((a, b) => Number(a) - Number(b));
    const rows = (xs: number[]) => xs.map((value) => ({ value }));

    let r = await steps.add(rows([1, 2, 3, 4, 5].flatMap(() => range(10, 15))));
    expect([values(r.rows), r.total, r.updated]).toEqual([range(10, 15), [6], [6]]);
    r = await steps.add(rows(range(13, 17))); // watermark 5: 13 to 15 are duplicates
    expect([values(r.rows), r.total, r.updated]).toEqual([[16, 17], [8], [2]]);
    r = await steps.add(rows([5])); // watermark 7: 5 is late
    expect([values(r.rows), r.total, r.updated, r.dropped]).toEqual([[], [8], [0], [1]]);
    r = await steps.add(rows([35])); // watermark 25: keys expiring at or before 25 (10..15) are dropped
    expect([values(r.rows), r.total, r.updated]).toEqual([[35], [3], [1]]);
    r = await steps.add(rows([55])); // watermark 45
    expect([values(r.rows), r.total, r.updated]).toEqual([[55], [1], [1]]);
    expect(q.lastProgress!.stateOperators[0]).toMatchObject({ operatorId: 0, operatorName: 'dedupeWithinWatermark' });
    await q.stop();
  });

  it('deduplicates on a subset of columns without the event time; a key comes back once its state expired', async () => {
    const { q, steps } = await stepped((df) =>
      df.withColumn('eventTime', seconds('t')).withWatermark('eventTime', '2 seconds').dropDuplicatesWithinWatermark(['k']).select('k', 't'),
    );
    let r = await steps.add([{ k: 'a', t: 17 }]); // watermark -> 15, a expires at 19
    expect([pairsOut(r.rows), r.total, r.updated]).toEqual([[['a', 17]], [1], [1]]);
    r = await steps.add([{ k: 'a', t: 16 }]);
    expect([pairsOut(r.rows), r.total, r.updated]).toEqual([[], [1], [0]]);
    r = await steps.add([{ k: 'a', t: 13 }]); // behind the watermark (15)
    expect([pairsOut(r.rows), r.total, r.updated, r.dropped]).toEqual([[], [1], [0], [1]]);
    r = await steps.add([
      { k: 'b', t: 22 },
      { k: 'c', t: 21 },
    ]); // watermark -> 20: a (19) expires
    expect([pairsOut(r.rows), r.total, r.updated]).toEqual([
      [
        ['b', 22],
        ['c', 21],
      ],
      [2],
      [2],
    ]);
    r = await steps.add([{ k: 'a', t: 21 }]); // a is new again
    expect([pairsOut(r.rows), r.total, r.updated]).toEqual([[['a', 21]], [3], [1]]);
    r = await steps.add([{ k: 'd', t: 25 }]); // watermark -> 23: a (23) and c (23) expire
    expect([pairsOut(r.rows), r.total, r.updated]).toEqual([[['d', 25]], [2], [1]]);
    await q.stop();
  });

  it('keeps working when the event-time column is dropped after it (SPARK-50492)', async () => {
    const { q, steps } = await stepped((df) =>
      df.withColumn('first', seconds('t')).withWatermark('first', '10 seconds').dropDuplicatesWithinWatermark(['k']).select('k'),
    );
    const r = await steps.add([
      { k: 'x', t: 1 },
      { k: 'x', t: 2 },
    ]);
    expect(r.rows).toEqual([{ k: 'x' }]);
    await q.stop();
  });

  it('is rejected at start() on a stream without a watermark, and after an aggregation in update mode', async () => {
    const engine = createEngine();
    const df = engine.readStream.memory(PAIRS).toDF();
    await expect(df.dropDuplicatesWithinWatermark(['k']).writeStream.format('memory').queryName('x').start()).rejects.toMatchObject({
      code: 'UNSUPPORTED_OPERATION',
      message: expect.stringContaining('without watermark'),
    });
    const counted = df.withColumn('ts', seconds('t')).withWatermark('ts', '1 second').groupBy('k', 'ts').count().dropDuplicatesWithinWatermark(['k']);
    await expect(counted.writeStream.outputMode('update').format('memory').queryName('y').start()).rejects.toMatchObject({
      code: 'UNSUPPORTED_OUTPUT_MODE',
      message: expect.stringContaining("possible 'correctness' issue"),
    });
    // @ts-expect-error -- the compiler rejects the name on a typed frame; analysis rejects it at runtime too
    expect(() => df.dropDuplicatesWithinWatermark(['nope'])).toThrow(expect.objectContaining({ code: 'UNRESOLVED_COLUMN' }));
  });
});

describe('dropDuplicatesWithinWatermark (batch and late rows)', () => {
  it('drops every duplicate of a batch DataFrame, keeping the first row of each key in input order', async () => {
    const engine = createEngine();
    const rows = [
      { k: 'a', t: 5 },
      { k: 'b', t: 1 },
      { k: 'a', t: 1 },
      { k: 'b', t: 100 },
      { k: 'c', t: 0 },
    ];
    const df = engine.read.rows(rows, PAIRS).withColumn('ts', seconds('t')).withWatermark('ts', '1 second');
    expect(pairsOut(await df.dropDuplicatesWithinWatermark(['k']).collect())).toEqual([
      ['a', 5],
      ['b', 1],
      ['c', 0],
    ]);
    expect(
      await engine.read
        .rows([...rows, rows[0]], PAIRS)
        .dropDuplicatesWithinWatermark()
        .count(),
    ).toBe(5);
  });

  it("lateRows 'keep' passes late rows on without deduplication and counts them", async () => {
    const { q, steps } = await stepped((df) =>
      df.withColumn('ts', seconds('t')).withWatermark('ts', '5 seconds').dropDuplicatesWithinWatermark(['k'], { lateRows: 'keep' }).select('k', 't'),
    );
    let r = await steps.add([
      { k: 'a', t: 100 },
      { k: 'b', t: 100 },
    ]); // watermark -> 95
    expect(pairsOut(r.rows)).toEqual([
      ['a', 100],
      ['b', 100],
    ]);
    r = await steps.add([{ k: 'a', t: 101 }]); // late rows are judged by the previous batch's watermark
    expect(pairsOut(r.rows)).toEqual([]);
    r = await steps.add([
      { k: 'c', t: 90 },
      { k: 'c', t: 90 },
      { k: 'b', t: 99 },
    ]); // 90 <= 95: late, kept twice
    expect(pairsOut(r.rows)).toEqual([
      ['c', 90],
      ['c', 90],
    ]);
    expect(r.dropped).toEqual([0]);
    expect(q.lastProgress!.stateOperators[0].customMetrics).toEqual({ numLateRowsKept: 2 });
    await q.stop();
  });
});
