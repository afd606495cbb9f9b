// Several stateful operators in one streaming query: dropDuplicatesWithinWatermark before an
// aggregation or groupByKey, each with its own operator id and state in the checkpoint. Chained
// aggregations: chained-aggregations.test.ts.
import { describe, expect, it } from 'vitest';
import { col, count, createEngine, max, schema, sum, window, type DataFrame, type GroupState, type Row } from '../src/index';
import { MemoryCheckpointStore } from '../src/testing/index';
import { restartAt, restartedRuns } from './support/restarted-runs';

const SALES = schema({ id: 'string', sku: 'string', qty: 'int', t: 'long' });
const sale = (id: string, sku: string, qty: number, t: number) => ({ id, sku, qty, t });

const unique = (df: DataFrame, delay = '1 hour') =>
  df.withColumn('ts', col('t').multiply(1000).cast('timestamp')).withWatermark('ts', delay).dropDuplicatesWithinWatermark(['id']);
const perWindow = (df: DataFrame) =>
  unique(df)
    .groupBy(window('ts', '10 seconds'), col('sku'))
    .agg(sum('qty').as('units'), count().as('orders'))
    .select(col('sku'), col('window.start').divide(1000).as('start'), col('units'), col('orders'));

const STOCK = schema({ sku: 'string', on_hand: 'long' });
const stock = (key: Row, rows: readonly Row[], state: GroupState<number>): Row => {
  const onHand = (state.get() ?? 100) - rows.reduce((n, r) => n + Number(r.qty), 0);
  state.update(onHand);
  return { sku: key.sku, on_hand: onHand };
};
const running = (df: DataFrame) => unique(df).groupByKey('sku').mapGroupsWithState(stock, { outputSchema: STOCK });

const BATCHES = [
  [sale('e1', 'A', 2, 100), sale('e2', 'A', 3, 101), sale('e1', 'A', 2, 100)],
  [sale('e2', 'A', 3, 101), sale('e3', 'B', 5, 102)],
  [sale('e4', 'A', 1, 111), sale('e3', 'B', 5, 102), sale('e1', 'A', 2, 100)],
];

/** Runs `build` over BATCHES, restarting on the same checkpoint before batch `restartAt`. */
async function runWithRestart(build: (df: DataFrame) => DataFrame, at: number) {
  return restartedRuns(
    [SALES],
    BATCHES.map((b) => [b]),
    (df) => build(df),
    { mode: 'update', cuts: restartAt(at, BATCHES.length) },
  );
}

const lastPer = (rows: Row[], key: (r: Row) => string) => [...new Map(rows.map((r) => [key(r), r])).values()];

describe('dedupe before another stateful operator', () => {
  it('counts a duplicated id once in a windowed aggregation, across a restart, as the batch run does', async () => {
    const { emitted, progress, store } = await runWithRestart(perWindow, 2);
    const batch = await perWindow(createEngine().read.rows(BATCHES.flat(), SALES)).collect();
    const sorted = (rows: Row[]) => [...rows].sort((a, b) => `${a.sku}${a.start}`.localeCompare(`${b.sku}${b.start}`));
    expect(sorted(lastPer(emitted, (r) => `${r.sku}|${r.start}`))).toEqual(sorted(batch));
    expect(sorted(batch)).toEqual([
      { sku: 'A', start: 100, units: 5, orders: 2 },
      { sku: 'A', start: 110, units: 1, orders: 1 },
      { sku: 'B', start: 100, units: 5, orders: 1 },
    ]);
    expect(progress[1].stateOperators.map((op) => [op.operatorId, op.operatorName, op.numRowsTotal])).toEqual([
      [0, 'dedupeWithinWatermark', 4],
      [1, 'aggregate', 3],
    ]);
    expect(store.metadata?.stateOperators).toEqual(['0:dedupeWithinWatermark:id,sku,qty,t,ts', '1:aggregate:window,sku,units,orders']);
    expect([...store.state.keys()].some((k) => k.startsWith('0/1/'))).toBe(true); // operator 0, partition 1
  });

  it('feeds mapGroupsWithState each id once, across a restart, as the batch run does', async () => {
    const { emitted } = await runWithRestart(running, 1);
    const batch = await running(createEngine().read.rows(BATCHES.flat(), SALES)).collect();
    expect(lastPer(emitted, (r) => String(r.sku))).toEqual([
      { sku: 'A', on_hand: 94 },
      { sku: 'B', on_hand: 95 },
    ]);
    expect([...batch].sort((a, b) => String(a.sku).localeCompare(String(b.sku)))).toEqual([
      { sku: 'A', on_hand: 94 },
      { sku: 'B', on_hand: 95 },
    ]);
  });

  it('refuses a checkpoint written by a query with other stateful operators', async () => {
    const store = new MemoryCheckpointStore();
    const engine = createEngine();
    const input = engine.readStream.memory(SALES, 'sales');
    const plain = (df: DataFrame) => df.groupByKey('sku').mapGroupsWithState(stock, { outputSchema: STOCK });
    const q = await plain(input.toDF()).writeStream.outputMode('update').checkpointStore(store).format('memory').queryName('p').start();
    input.addData(BATCHES[0]);
    await q.processAllAvailable();
    await q.stop();
    await expect(running(input.toDF()).writeStream.outputMode('update').checkpointStore(store).format('memory').queryName('p').start()).rejects.toMatchObject({
      code: 'CHECKPOINT_MISMATCH',
    });
  });

  it('resumes a checkpoint whose metadata names operators by their old class names', async () => {
    const store = new MemoryCheckpointStore();
    store.metadata = {
      id: 'legacy',
      queryName: 'p',
      numStatePartitions: 1,
      multipleWatermarkPolicy: 'min',
      stateOperators: ['0:GroupStateOperator:sku,on_hand'],
    };
    const engine = createEngine();
    const input = engine.readStream.memory(SALES, 'sales');
    const q = await input
      .toDF()
      .groupByKey('sku')
      .mapGroupsWithState(stock, { outputSchema: STOCK })
      .writeStream.outputMode('update')
      .checkpointStore(store)
      .format('memory')
      .queryName('p')
      .start();
    input.addData(BATCHES[0]);
    await q.processAllAvailable();
    expect(engine.table('p')).toEqual([{ sku: 'A', on_hand: 93 }]);
    await q.stop();
  });

  it('refuses two aggregations in update mode, as Spark (more rules: chained-stateful-analysis.test.ts)', async () => {
    const engine = createEngine();
    const df = unique(engine.readStream.memory(SALES).toDF()).groupBy('sku', 'ts').count().groupBy('sku').count();
    await expect(df.writeStream.outputMode('update').format('memory').queryName('two').start()).rejects.toMatchObject({
      code: 'UNSUPPORTED_OUTPUT_MODE',
      message: expect.stringContaining("possible 'correctness' issue"),
    });
  });
});

describe('groupByKey before another stateful operator (Spark allows it without an eventTime timeout)', () => {
  const SEQ = schema({ sku: 'string', seq: 'long' });
  /** One row per input row: its position among the key's rows (1, 2, ...). */
  const numbered = (key: Row, rows: readonly Row[], state: GroupState<number>): Row[] => {
    const seen = state.get() ?? 0;
    state.update(seen + rows.length);
    return rows.map((_, i) => ({ sku: key.sku, seq: seen + i + 1 }));
  };
  /** Passes on every second position of a key, counting the rows it saw. */
  const everySecond = (key: Row, rows: readonly Row[], state: GroupState<number>): Row[] => {
    state.update((state.get() ?? 0) + rows.length);
    return rows.filter((r) => Number(r.seq) % 2 === 0).map((r) => ({ sku: key.sku, seq: r.seq }));
  };
  const COUNT = schema({ sku: 'string', n: 'long' });
  const runningCount = (key: Row, rows: readonly Row[], state: GroupState<number>): Row => {
    const n = (state.get() ?? 0) + rows.length;
    state.update(n);
    return { sku: key.sku, n };
  };

  async function streamWithRestart(build: (df: DataFrame) => DataFrame, mode: 'append' | 'update') {
    const { emitted } = await restartedRuns(
      [SALES],
      BATCHES.map((b) => [b]),
      (df) => build(df),
      {
        mode,
        cuts: restartAt(2, BATCHES.length),
        afterRun: (q) =>
          expect(q.lastProgress?.stateOperators.map((op) => [op.operatorId, op.operatorName])).toEqual([
            [0, 'flatMapGroupsWithState'],
            [1, build === chainOfTwo ? 'flatMapGroupsWithState' : 'aggregate'],
          ]),
      },
    );
    return emitted;
  }
  const chainOfTwo = (df: DataFrame) =>
    df
      .groupByKey('sku')
      .flatMapGroupsWithState(numbered, { outputSchema: SEQ, outputMode: 'append' })
      .groupByKey('sku')
      .flatMapGroupsWithState(everySecond, { outputSchema: SEQ, outputMode: 'append' });
  const countedThenAggregated = (df: DataFrame) =>
    df.groupByKey('sku').mapGroupsWithState(runningCount, { outputSchema: COUNT }).groupBy('sku').agg(max('n').as('n'), count().as('updates'));
  const bySkuSeq = (rows: Row[]) => [...rows].sort((a, b) => `${a.sku}${a.seq}`.localeCompare(`${b.sku}${b.seq}`));

  it('flatMapGroupsWithState (append) into another, across a restart, as the batch run', async () => {
    const emitted = await streamWithRestart(chainOfTwo, 'append');
    const batch = await chainOfTwo(createEngine().read.rows(BATCHES.flat(), SALES)).collect();
    expect(bySkuSeq(emitted)).toEqual(bySkuSeq(batch));
    expect(bySkuSeq(emitted)).toEqual([
      { sku: 'A', seq: 2 },
      { sku: 'A', seq: 4 },
      { sku: 'A', seq: 6 },
      { sku: 'B', seq: 2 },
    ]);
  });

  it('mapGroupsWithState into an aggregation (update mode), across a restart', async () => {
    const emitted = await streamWithRestart(countedThenAggregated, 'update');
    // A has rows in all three batches, B in the last two: the aggregation saw each running count once
    expect(lastPer(emitted, (r) => String(r.sku))).toEqual([
      { sku: 'A', n: 6, updates: 3 },
      { sku: 'B', n: 2, updates: 2 },
    ]);
  });
});
