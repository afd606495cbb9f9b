// Which chains of stateful operators start() accepts (Spark's UnsupportedOperationChecker rules since
// 3.4), each rule with its error code and message.
import { describe, expect, it } from 'vitest';
import { col, count, createEngine, schema, session_window, sum, window, window_time, type DataFrame, type GroupState, type Row } from '../src/index';

const SALES = schema({ sku: 'string', qty: 'int', t: 'long' });
const COUNTS = schema({ sku: 'string', n: 'long' });

const engine = createEngine();
const sales = () => engine.readStream.memory(SALES).toDF().withColumn('ts', col('t').multiply(1000).cast('timestamp')).withWatermark('ts', '10 seconds');
const perWindow = (df: DataFrame) => df.groupBy(window('ts', '5 seconds'), col('sku')).agg(sum('qty').as('units'));
const perTenSeconds = (df: DataFrame) => df.groupBy(window(col('window'), '10 seconds'), col('sku')).agg(sum('units').as('units'));

const counting = (key: Row, rows: readonly Row[], state: GroupState<number>): Row[] => {
  const n = (state.get() ?? 0) + rows.length;
  state.update(n);
  return [{ sku: key.sku, n }];
};
const countingOne = (key: Row, rows: readonly Row[], state: GroupState<number>): Row => counting(key, rows, state)[0];
const flatMap = (df: DataFrame, outputMode: 'append' | 'update', timeout: 'none' | 'eventTime' = 'none') =>
  df.groupByKey('sku').flatMapGroupsWithState(counting, { outputSchema: COUNTS, outputMode, timeout });

const start = (df: DataFrame, mode: 'append' | 'update' | 'complete') =>
  df.writeStream
    .outputMode(mode)
    .format('memory')
    .queryName(`q${Math.random().toString(36).slice(2)}`)
    .start();

async function accepted(df: DataFrame, mode: 'append' | 'update' | 'complete'): Promise<void> {
  const q = await start(df, mode);
  await q.stop();
}

describe('chained stateful operators: what start() accepts', () => {
  it('accepts window aggregation chains in append mode, behind dedupe too, and window(col(window)) or window_time', async () => {
    await accepted(perTenSeconds(perWindow(sales())), 'append');
    await accepted(perTenSeconds(perWindow(sales().dropDuplicatesWithinWatermark(['sku', 't']))), 'append');
    const viaWindowTime = perWindow(sales())
      .groupBy(window(window_time(col('window')), '10 seconds'))
      .agg(count().as('windows'));
    await accepted(viaWindowTime.groupBy(window(window_time('window'), '1 minute')).agg(sum('windows')), 'append');
    const sessions = sales().groupBy(col('sku'), session_window('ts', '5 seconds')).agg(sum('qty').as('units'));
    await accepted(sessions.groupBy(window(col('session_window'), '1 minute')).agg(count()), 'append');
  });

  it('keeps the event time through a select of window_time() or of the window column', async () => {
    const projected = perWindow(sales()).select(col('sku'), window_time(col('window')).as('at'), col('units'));
    expect(projected.columns).toEqual(['sku', 'at', 'units']);
    await accepted(projected.groupBy(window('at', '10 seconds')).agg(sum('units')), 'append');
    await accepted(
      perWindow(sales())
        .select(col('window').as('w'), col('units'))
        .groupBy(window(col('w'), '10 seconds'))
        .agg(sum('units')),
      'append',
    );
    // a field of the window is a plain timestamp, as in Spark: no watermark, so append has nothing to emit on
    const byEnd = perWindow(sales())
      .groupBy(window(col('window.end'), '10 seconds'))
      .agg(sum('units'));
    await expect(start(byEnd, 'append')).rejects.toMatchObject({ code: 'UNSUPPORTED_OUTPUT_MODE', message: expect.stringContaining('without watermark') });
  });

  it('rejects an aggregation followed by another stateful operator in update or complete mode (Spark: correctness issue)', async () => {
    for (const mode of ['update', 'complete'] as const) {
      await expect(start(perTenSeconds(perWindow(sales())), mode)).rejects.toMatchObject({
        code: 'UNSUPPORTED_OUTPUT_MODE',
        message: expect.stringContaining(
          `Detected pattern of possible 'correctness' issue due to global watermark (a window() aggregation followed by a window() aggregation in ${mode} output mode)`,
        ),
      });
    }
    const keyed = sales().groupBy('sku', 'ts').count().groupBy('sku').count();
    await expect(start(keyed, 'update')).rejects.toMatchObject({ code: 'UNSUPPORTED_OUTPUT_MODE', message: expect.stringContaining('in update output mode') });
  });

  it('accepts a dedupe, a flatMapGroupsWithState (append) or a time-key aggregation after an aggregation in append mode', async () => {
    const timed = () => perWindow(sales()).withColumn('at', window_time(col('window')));
    await accepted(timed().dropDuplicatesWithinWatermark(['sku']), 'append');
    await accepted(flatMap(timed(), 'append'), 'append');
    await accepted(flatMap(timed(), 'append', 'eventTime'), 'append');
    await accepted(
      perWindow(sales())
        .groupBy(window_time(col('window')).as('at'))
        .agg(sum('units')),
      'append',
    );
  });

  it("rejects any stateful operator after a groupByKey with an 'eventTime' timeout (Spark: correctness issue)", async () => {
    const df = flatMap(sales(), 'update', 'eventTime').groupBy('sku').agg(sum('n'));
    await expect(start(df, 'update')).rejects.toMatchObject({
      code: 'UNSUPPORTED_OPERATION',
      message: expect.stringContaining("(flatMapGroupsWithState followed by an aggregation): a groupByKey with an 'eventTime' timeout"),
    });
  });

  it("applies Spark's mapGroupsWithState / flatMapGroupsWithState rules to several of them", async () => {
    const twoMaps = sales()
      .groupByKey('sku')
      .mapGroupsWithState(countingOne, { outputSchema: COUNTS })
      .groupByKey('sku')
      .mapGroupsWithState(countingOne, { outputSchema: COUNTS });
    await expect(start(twoMaps, 'update')).rejects.toMatchObject({
      code: 'UNSUPPORTED_OPERATION',
      message: expect.stringContaining('Multiple mapGroupsWithStates are not supported on a streaming DataFrame'),
    });
    const mixed = flatMap(sales().groupByKey('sku').mapGroupsWithState(countingOne, { outputSchema: COUNTS }), 'update');
    await expect(start(mixed, 'update')).rejects.toMatchObject({ message: expect.stringContaining('Mixing mapGroupsWithStates and flatMapGroupsWithStates') });
    await expect(start(flatMap(flatMap(sales(), 'append'), 'update'), 'update')).rejects.toMatchObject({
      message: expect.stringContaining('Multiple flatMapGroupsWithStates are not supported when they are not all in append mode'),
    });
    await accepted(flatMap(flatMap(sales(), 'append'), 'append'), 'append');
    const updateWithAggregation = flatMap(sales(), 'update').groupBy('sku').agg(sum('n'));
    await expect(start(updateWithAggregation, 'update')).rejects.toMatchObject({
      code: 'UNSUPPORTED_OUTPUT_MODE',
      message: expect.stringContaining('flatMapGroupsWithState in update mode is not supported with aggregation on a streaming DataFrame'),
    });
    await accepted(flatMap(sales(), 'append').groupBy('sku').agg(sum('n')), 'update');
  });

  it('rejects withWatermark() after a stateful operator; stream-stream joins after an aggregation or a join (not a groupByKey), before one only without a time interval', async () => {
    const rewatermarked = perWindow(sales())
      .withColumn('at', window_time(col('window')))
      .withWatermark('at', '1 minute')
      .groupBy(window('at', '10 seconds'))
      .agg(sum('units'));
    await expect(start(rewatermarked, 'append')).rejects.toMatchObject({
      code: 'UNSUPPORTED_OPERATION',
      message: expect.stringContaining('withWatermark() after a window() aggregation is not supported'),
    });
    const other = engine.readStream
      .memory(schema({ sku2: 'string', ts2: 'timestamp' }))
      .toDF()
      .withWatermark('ts2', '10 seconds');
    const windows = perWindow(sales()).withColumn('at', window_time(col('window')));
    const joined = windows.join(
      other,
      col('sku')
        .eq(col('sku2'))
        .and(col('ts2').between(col('at'), col('at').plus(10_000))),
      'left',
    );
    await accepted(joined, 'append');
    await expect(start(joined.groupBy(window('at', '1 minute')).agg(count()), 'append')).rejects.toMatchObject({
      code: 'UNSUPPORTED_OPERATION',
      message: expect.stringContaining(
        "Detected pattern of possible 'correctness' issue due to global watermark (a stream-stream join followed by a window() aggregation): a stream-stream join with a time-interval condition",
      ),
    });
    // an equality of event times (watermarked on both sides) evicts both sides without lag: Spark 3.4 allows what follows
    const byTime = sales().join(
      other,
      col('sku')
        .eq(col('sku2'))
        .and(col('ts').eq(col('ts2'))),
    );
    await accepted(byTime.groupBy(window('ts', '1 minute')).agg(count()), 'append');
    await accepted(byTime.drop('ts2').dropDuplicatesWithinWatermark(['sku']), 'append');
    await expect(
      start(
        sales()
          .join(other, col('sku').eq(col('sku2')))
          .groupBy(window('ts', '1 minute'))
          .agg(count()),
        'append',
      ),
    ).rejects.toMatchObject({
      code: 'UNSUPPORTED_OPERATION',
      message: expect.stringContaining('a stream-stream join followed by a window() aggregation is not supported: the join keeps its left rows forever'),
    });
    const third = engine.readStream
      .memory(schema({ sku3: 'string', ts3: 'timestamp' }))
      .toDF()
      .withWatermark('ts3', '10 seconds');
    // a join after a join evicted by equal event times (results: chained-stream-joins.property.test.ts)
    await accepted(
      byTime.drop('ts2').join(
        third,
        col('sku')
          .eq(col('sku3'))
          .and(col('ts').eq(col('ts3'))),
      ),
      'append',
    );
    const afterGroupByKey = flatMap(sales(), 'append').join(other, col('sku').eq(col('sku2')));
    await expect(start(afterGroupByKey, 'append')).rejects.toMatchObject({
      code: 'UNSUPPORTED_OPERATION',
      message: expect.stringContaining('a stream-stream join after a groupByKey'),
    });
  });

  it('types window_time(): a window or session_window column only, named window_time(<column>)', () => {
    expect(perWindow(sales()).select(window_time('window')).columns).toEqual(['window_time(window)']);
    expect(perWindow(sales()).select(window_time('window')).schema.fields[0].type).toBe('timestamp');
    expect(() => sales().select(window_time('ts'))).toThrow(
      expect.objectContaining({ code: 'TYPE_MISMATCH', message: expect.stringContaining('window_time()') }),
    );
  });
});
