// Chained stateful operators in append mode (Spark 3.4+): the cases of acceptance/chained-cases.json
// (from Spark's MultiStatefulOperatorsSuite) batch by batch, uninterrupted and restarted from the
// checkpoint before every step, and a file-checkpoint restart that needs both aggregations' state.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { col, count, createEngine, MemorySink, schema, sum, window, window_time, type DataFrame, type GroupState, type Row } from '../src/index';
import { CrashingSink, MemoryCheckpointStore } from '../src/testing/index';
import { ACCEPTANCE_DIR, sortRows } from './support/acceptance-cases';
import { restartedRuns } from './support/restarted-runs';
import { twoStreamRuns } from './support/two-stream-runs';

interface ChainedStep {
  add: number[];
  /** Values for the second input (two-input cases). */
  addOther?: number[];
  newOutput: number[][];
  stateRows: number[];
  droppedByWatermark: number[];
}
interface ChainedCase {
  name: string;
  pipeline: string;
  outputColumns: string[];
  steps: ChainedStep[];
}

const CASES = (JSON.parse(readFileSync(resolve(ACCEPTANCE_DIR, 'chained-cases.json'), 'utf8')) as { cases: ChainedCase[] }).cases;
const VALUES = schema({ value: 'long' });
const seconds = (name: string) => col(name).divide(1000);

const timed = (df: DataFrame, delay: string) => df.withColumn('eventTime', col('value').multiply(1000).cast('timestamp')).withWatermark('eventTime', delay);
const fiveSeconds = (df: DataFrame) => df.groupBy(window('eventTime', '5 seconds').as('window')).agg(count().as('count'));

/** The queries of the cases, in our API (Spark's in the case's `query`); `other`: the second input. */
const PIPELINES: Record<string, (input: DataFrame, other: DataFrame) => DataFrame> = {
  window5s_window10s: (input) =>
    fiveSeconds(timed(input, '0 seconds'))
      .groupBy(window(col('window'), '10 seconds'))
      .agg(count().as('count'), sum('count').as('sum'))
      .select(seconds('window.start').as('start'), col('count'), col('sum')),
  window5s_window10s_window20s: (input) =>
    fiveSeconds(timed(input, '0 seconds'))
      .groupBy(window(window_time(col('window')), '10 seconds'))
      .agg(count().as('count'), sum('count').as('sum'))
      .groupBy(window(window_time(col('window')), '20 seconds'))
      .agg(count().as('count'), sum('sum').as('sum'))
      .select(seconds('window.start').as('start'), seconds('window.end').as('end'), col('count'), col('sum')),
  window5s_dedupe: (input) =>
    fiveSeconds(timed(input, '0 seconds'))
      .withColumn('windowEnd', col('window.end'))
      .withColumn('windowTime', window_time(col('window')))
      .dropDuplicatesWithinWatermark(['count', 'windowEnd'])
      .select(seconds('windowEnd').as('end'), col('windowTime'), col('count')),
  join_window5s: (input, other) => {
    const side = (df: DataFrame, n: number) =>
      df
        .withColumnRenamed('value', `value${n}`)
        .withColumn(`eventTime${n}`, col(`value${n}`).multiply(1000).cast('timestamp'))
        .withWatermark(`eventTime${n}`, '0 seconds');
    return side(input, 1)
      .join(side(other, 2), col('eventTime1').eq(col('eventTime2')))
      .groupBy(window('eventTime1', '5 seconds').as('window'))
      .agg(count().as('count'))
      .select(seconds('window.start').as('start'), col('count'));
  },
  dedupe_window5s: (input) =>
    timed(input, '10 seconds')
      .dropDuplicatesWithinWatermark(['value', 'eventTime'])
      .groupBy(window('eventTime', '5 seconds').as('window'))
      .agg(count().as('count'), sum('value').as('sum'))
      .select(seconds('window.start').as('start'), col('count')),
};

const tuples = (rows: Row[], columns: number) => sortRows(rows.map((r) => Object.values(r).slice(0, columns) as number[]));

/**
 * Runs a case step by step; with `restart`, every step runs in a new engine and query on the same
 * checkpoint (earlier steps' data re-added to the new memory stream, as offsets), so each step
 * starts from restored state.
 */
async function runCase(c: ChainedCase, restart: boolean): Promise<void> {
  const store = new MemoryCheckpointStore();
  const sink = new MemorySink();
  const build = PIPELINES[c.pipeline];
  const open = async (steps: readonly ChainedStep[]) => {
    const engine = createEngine({ numStatePartitions: 2 });
    const inputs = [engine.readStream.memory(VALUES, 'values'), engine.readStream.memory(VALUES, 'other')] as const;
    // both inputs of a step in one call, so one batch reads both (Spark's MultiAddData)
    const add = (step: ChainedStep) => {
      inputs[0].addData(step.add.map((value) => ({ value })));
      if (step.addOther) inputs[1].addData(step.addOther.map((value) => ({ value })));
    };
    steps.forEach(add);
    const query = await build(inputs[0].toDF(), inputs[1].toDF()).writeStream.outputMode('append').checkpointStore(store).sink(sink).start();
    return { add, query };
  };
  let run = await open([]);
  for (const [step, s] of c.steps.entries()) {
    if (restart && step > 0) {
      await run.query.stop();
      run = await open(c.steps.slice(0, step));
      await run.query.processAllAvailable();
    }
    const { query } = run;
    const before = sink.lastBatchId;
    const progressBefore = query.recentProgress.length;
    run.add(s);
    await query.processAllAvailable();
    expect(tuples(sink.rowsAfter(before), c.outputColumns.length), `output, step ${step}`).toEqual(sortRows(s.newOutput));
    const progress = query.recentProgress.slice(progressBefore);
    const last = progress[progress.length - 1];
    expect(
      last.stateOperators.map((op) => op.numRowsTotal),
      `state rows, step ${step}`,
    ).toEqual(s.stateRows);
    const dataBatch = progress.find((p) => p.numInputRows > 0);
    expect(
      dataBatch?.stateOperators.map((op) => op.numRowsDroppedByWatermark),
      `dropped by watermark, step ${step}`,
    ).toEqual(s.droppedByWatermark);
  }
  await run.query.stop();
}

describe('chained stateful operators, Spark cases (acceptance/chained-cases.json)', () => {
  for (const c of CASES) {
    it(c.name, async () => runCase(c, false));
    it(`${c.name}, restarted from the checkpoint before every step`, async () => runCase(c, true));
  }
});

describe('chained aggregations: checkpoint and restart', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
  });

  const STEPS = [CASES[0].steps[0].add, CASES[0].steps[1].add, CASES[0].steps[2].add];

  it('stores both aggregations by id and kind, restores both, and replays a batch that crashed after the sink wrote it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'chained-'));
    dirs.push(dir);
    const sink = new MemorySink();
    const build = PIPELINES.window5s_window10s;
    const run = async (steps: number[][], crashAfter: Set<number>) => {
      const engine = createEngine({ numStatePartitions: 2 });
      const input = engine.readStream.memory(VALUES, 'values');
      for (const values of steps.slice(0, -1)) input.addData(values.map((value) => ({ value })));
      const query = await build(input.toDF(), input.toDF())
        .writeStream.outputMode('append')
        .option('checkpointLocation', dir)
        .sink(new CrashingSink(sink, crashAfter))
        .start();
      await query.processAllAvailable().catch(() => undefined);
      input.addData(steps[steps.length - 1].map((value) => ({ value })));
      await query.processAllAvailable().catch(() => undefined);
      const progress = query.lastProgress;
      await query.stop().catch(() => undefined);
      return progress;
    };
    await run(STEPS.slice(0, 1), new Set());
    // step 2's data batch (2) crashes after the sink took it: state version 3 is written, the commit is not
    await run(STEPS.slice(0, 2), new Set([2]));
    // the restart replays batch 2 from version 2 (a replay on version 3 would count [20,25) twice: sum 17),
    // then op1 keeps [20,30) (1, 7) until step 3 completes it
    const progress = await run(STEPS, new Set());
    expect(tuples(sink.rows(), 3)).toEqual([
      [10, 2, 10],
      [20, 2, 12],
    ]);
    expect(progress?.stateOperators.map((op) => [op.operatorId, op.operatorName, op.numRowsTotal])).toEqual([
      [0, 'aggregate', 1],
      [1, 'aggregate', 0],
    ]);
    const metadata = JSON.parse(readFileSync(join(dir, 'metadata'), 'utf8')) as { stateOperators: string[] };
    expect(metadata.stateOperators).toEqual(['0:aggregate:window,count', '1:aggregate:window,count,sum']);
  });

  it('refuses a checkpoint of one aggregation for a query that chains two', async () => {
    const store = new MemoryCheckpointStore();
    const engine = createEngine();
    const input = engine.readStream.memory(VALUES, 'values');
    const single = fiveSeconds(timed(input.toDF(), '0 seconds'));
    const q = await single.writeStream.outputMode('append').checkpointStore(store).format('memory').queryName('one').start();
    input.addData([{ value: 1 }]);
    await q.processAllAvailable();
    await q.stop();
    await expect(
      PIPELINES.window5s_window10s(input.toDF(), input.toDF())
        .writeStream.outputMode('append')
        .checkpointStore(store)
        .format('memory')
        .queryName('one')
        .start(),
    ).rejects.toMatchObject({ code: 'CHECKPOINT_MISMATCH' });
  });
});

describe('chained operators: a window that ends 1 ms after the previous watermark', () => {
  // window_time = end - 1 ms can equal the previous watermark (Spark's end - 1 µs is after it): rows out
  // of an aggregation are judged by the previous watermark - 1 ms, so they are kept as in Spark
  const MS = schema({ sku: 'string', t: 'long' });
  const perSecond = (df: DataFrame) =>
    df
      .withColumn('ts', col('t').cast('timestamp'))
      .withWatermark('ts', '0 seconds')
      .groupBy(window('ts', '1 second'), col('sku'))
      .agg(count().as('n'))
      .withColumn('at', window_time(col('window')));

  const ALERTS = schema({ alert_sku: 'string', alert_t: 'long' });
  const joinAlerts = (engine: ReturnType<typeof createEngine>) => {
    const alerts = engine.readStream.memory(ALERTS, 'alerts');
    // the alerts' watermark is ahead from the start: the global one (the min of both inputs') follows the sales
    alerts.addData([
      { alert_sku: 'a', alert_t: 999 },
      { alert_sku: 'a', alert_t: 2500 },
    ]);
    const df = alerts.toDF().withColumn('alert_ts', col('alert_t').cast('timestamp')).withWatermark('alert_ts', '0 seconds');
    return (windows: DataFrame) =>
      windows.join(
        df,
        col('sku')
          .eq(col('alert_sku'))
          .and(col('alert_ts').between(col('at'), col('at').plus(10_000))),
      );
  };

  for (const [name, next, expected] of [
    ['dropDuplicatesWithinWatermark', () => (df: DataFrame) => df.dropDuplicatesWithinWatermark(['sku', 'n']), [{ sku: 'a', at: 999, n: 1 }]],
    ['an aggregation by window_time', () => (df: DataFrame) => df.groupBy(col('at'), col('sku')).agg(sum('n').as('n')), [{ sku: 'a', at: 999, n: 1 }]],
    [
      'a stream-stream join',
      joinAlerts,
      [
        { sku: 'a', at: 999, n: 1 },
        { sku: 'a', at: 999, n: 1 },
      ],
    ],
  ] as const) {
    it(`reaches ${name}`, async () => {
      const engine = createEngine();
      const input = engine.readStream.memory(MS);
      const q = await next(engine)(perSecond(input.toDF()))
        .select(col('sku'), col('at'), col('n'))
        .writeStream.outputMode('append')
        .format('memory')
        .queryName(`edge${Math.random().toString(36).slice(2)}`)
        .start();
      input.addData([{ sku: 'a', t: 999 }]); // watermark -> 999: [0, 1000) stays open
      await q.processAllAvailable();
      input.addData([{ sku: 'a', t: 2500 }]); // late-events watermark 999, eviction 2500: [0, 1000) comes out at 999
      await q.processAllAvailable();
      expect(engine.memorySink(q.name)?.rows()).toEqual(expected);
      expect(q.recentProgress.map((p) => p.stateOperators[1].numRowsDroppedByWatermark)).toEqual(q.recentProgress.map(() => 0));
      await q.stop();
    });
  }
});

describe('window aggregation into flatMapGroupsWithState (append), as Spark allows', () => {
  const SALES = schema({ sku: 'string', qty: 'int', t: 'long' });
  const TOTALS = schema({ sku: 'string', windows: 'long', units: 'long' });
  /** Per SKU: closed 5-second windows seen so far and their units, one row per call. */
  const runningTotals = (key: Row, rows: readonly Row[], state: GroupState<{ windows: number; units: number }>): Row[] => {
    const s = state.get() ?? { windows: 0, units: 0 };
    for (const r of rows) {
      s.windows += 1;
      s.units += Number(r.units);
    }
    state.update(s);
    return [{ sku: key.sku, ...s }];
  };
  const build = (df: DataFrame) =>
    df
      .withColumn('ts', col('t').multiply(1000).cast('timestamp'))
      .withWatermark('ts', '2 seconds')
      .groupBy(window('ts', '5 seconds'), col('sku'))
      .agg(sum('qty').as('units'))
      .withColumn('at', window_time(col('window')))
      .groupByKey('sku')
      .flatMapGroupsWithState(runningTotals, { outputSchema: TOTALS, outputMode: 'append', timeout: 'eventTime' });
  const STEPS = [
    [
      { sku: 'a', qty: 1, t: 1 },
      { sku: 'b', qty: 2, t: 3 },
    ],
    [
      { sku: 'a', qty: 3, t: 7 },
      { sku: 'a', qty: 4, t: 12 },
    ],
    [{ sku: 'b', qty: 5, t: 16 }],
    [{ sku: 'z', qty: 0, t: 100 }],
  ];

  it('sees every closed window once, across restarts, as the batch run', async () => {
    const { emitted } = await restartedRuns(
      [SALES],
      STEPS.map((rows) => [rows]),
      (df) => build(df),
      {
        cuts: [
          [0, 1],
          [1, 3],
          [3, 4],
        ],
      },
    );
    const finalPerSku = (rows: Row[]) => [...new Map([...rows].sort((x, y) => Number(x.windows) - Number(y.windows)).map((r) => [r.sku, r])).values()];
    const batch = await build(createEngine().read.rows(STEPS.slice(0, 3).flat(), SALES)).collect();
    const bySku = (rows: Row[]) => [...rows].sort((x, y) => String(x.sku).localeCompare(String(y.sku)));
    expect(bySku(finalPerSku(emitted))).toEqual(bySku(batch));
    expect(bySku(batch)).toEqual([
      { sku: 'a', windows: 3, units: 8 },
      { sku: 'b', windows: 2, units: 7 },
    ]);
  });
});

describe('window aggregation into a stream-stream join (append), as Spark allows', () => {
  const SALES = schema({ sku: 'string', qty: 'int', t: 'long' });
  const ALERTS = schema({ alert_sku: 'string', alert_t: 'long' });
  type Sale = { sku: string; qty: number; t: number };
  type Alert = { alert_sku: string; alert_t: number };
  /** Each 5-second window of a SKU's sales with the alerts of that SKU in the 10 seconds after its window_time. */
  const build = (sales: DataFrame, alerts: DataFrame, how: 'inner' | 'left') => {
    const windows = sales
      .withColumn('ts', col('t').multiply(1000).cast('timestamp'))
      .withWatermark('ts', '0 seconds')
      .groupBy(window('ts', '5 seconds'), col('sku'))
      .agg(sum('qty').as('units'))
      .select(col('sku'), window_time(col('window')).as('at'), col('units'));
    const timedAlerts = alerts.withColumn('alert_ts', col('alert_t').multiply(1000).cast('timestamp')).withWatermark('alert_ts', '0 seconds');
    return windows
      .join(
        timedAlerts,
        col('sku')
          .eq(col('alert_sku'))
          .and(col('alert_ts').between(col('at'), col('at').plus(10_000))),
        how,
      )
      .select(col('sku'), col('at'), col('units'), col('alert_t'));
  };
  const STEPS: [Sale[], Alert[]][] = [
    [
      [
        { sku: 'a', qty: 1, t: 1 },
        { sku: 'b', qty: 2, t: 2 },
        { sku: 'a', qty: 3, t: 6 },
      ],
      [{ alert_sku: 'a', alert_t: 3 }],
    ],
    [
      [
        { sku: 'a', qty: 1, t: 11 },
        { sku: 'b', qty: 5, t: 12 },
      ],
      [
        { alert_sku: 'a', alert_t: 8 },
        { alert_sku: 'b', alert_t: 9 },
        { alert_sku: 'b', alert_t: 14 },
      ],
    ],
    [
      [{ sku: 'a', qty: 2, t: 21 }],
      [
        { alert_sku: 'a', alert_t: 16 },
        { alert_sku: 'b', alert_t: 30 },
      ],
    ],
    // moves both watermarks past every window above
    [[{ sku: 'zz', qty: 0, t: 1000 }], [{ alert_sku: 'zz', alert_t: 1000 }]],
  ];
  const canon = (rows: Row[]) => rows.map((r) => JSON.stringify([r.sku, r.at, r.units, r.alert_t])).sort();

  for (const how of ['inner', 'left'] as const) {
    it(`${how}: pairs each closed window once, across a restart, as the batch join`, async () => {
      const { streamed: emitted, batch } = await twoStreamRuns([SALES, ALERTS], STEPS, (l, r) => build(l, r, how), {
        restartAt: 2,
        afterRun: (q) => {
          expect(q.lastProgress?.stateOperators.map((op) => op.operatorName)).toEqual(['aggregate', 'streamStreamJoin']);
          expect(q.recentProgress.map((p) => p.stateOperators[1].numRowsDroppedByWatermark)).toEqual(q.recentProgress.map(() => 0));
        },
      });
      expect(canon(emitted)).toEqual(canon(batch));
      const expected = [
        ['a', 4999, 1, 8],
        ['b', 4999, 2, 9],
        ['b', 4999, 2, 14],
        ['a', 9999, 3, 16],
        ['a', 14999, 1, 16],
        ...(how === 'left'
          ? [
              ['b', 14999, 5, null],
              ['a', 24999, 2, null],
            ]
          : []),
      ];
      expect(canon(batch)).toEqual(expected.map((r) => JSON.stringify(r)).sort());
    });
  }
});

describe('stream-stream join on equal event times into a window aggregation (append), as Spark 3.4 allows', () => {
  const LEFT = schema({ k: 'string', t: 'long' });
  const RIGHT = schema({ k2: 'string', t2: 'long' });
  const build = (left: DataFrame, right: DataFrame, how: 'inner' | 'left') =>
    left
      .withColumn('ts', col('t').multiply(1000).cast('timestamp'))
      .withWatermark('ts', '2 seconds')
      .join(
        right.withColumn('ts2', col('t2').multiply(1000).cast('timestamp')).withWatermark('ts2', '2 seconds'),
        col('k')
          .eq(col('k2'))
          .and(col('ts').eq(col('ts2'))),
        how,
      )
      .groupBy(window('ts', '10 seconds'), col('k'))
      .agg(count().as('rows'), count('k2').as('matched'))
      .select(col('k'), seconds('window.start').as('start'), col('rows'), col('matched'));
  const STEPS: [{ k: string; t: number }[], { k2: string; t2: number }[]][] = [
    [
      [
        { k: 'a', t: 1 },
        { k: 'b', t: 2 },
        { k: 'a', t: 4 },
      ],
      [
        { k2: 'a', t2: 1 },
        { k2: 'a', t2: 3 },
      ],
    ],
    [
      [
        { k: 'a', t: 5 },
        { k: 'b', t: 9 },
      ],
      [
        { k2: 'b', t2: 2 },
        { k2: 'a', t2: 4 },
        { k2: 'b', t2: 9 },
      ],
    ],
    [[{ k: 'a', t: 12 }], [{ k2: 'a', t2: 12 }]],
    [[{ k: 'zz', t: 1000 }], [{ k2: 'zz', t2: 1000 }]],
  ];
  const canon = (rows: Row[]) => rows.map((r) => JSON.stringify([r.k, r.start, r.rows, r.matched])).sort();

  // pairs: a@1, a@4 (its right row comes a batch later), b@2 (likewise), b@9, a@12; a@5 has no partner
  for (const how of ['inner', 'left'] as const) {
    it(`${how}: each window once, across a restart, as the batch run`, async () => {
      const { streamed: emitted, batch } = await twoStreamRuns([LEFT, RIGHT], STEPS, (l, r) => build(l, r, how), {
        restartAt: 2,
        afterRun: (q) => {
          expect(q.lastProgress?.stateOperators.map((op) => op.operatorName)).toEqual(['streamStreamJoin', 'aggregate']);
        },
      });
      expect(canon(emitted)).toEqual(canon(batch));
      expect(canon(batch)).toEqual(
        (how === 'inner'
          ? [
              ['a', 0, 2, 2],
              ['b', 0, 2, 2],
              ['a', 10, 1, 1],
            ]
          : [
              ['a', 0, 3, 2],
              ['b', 0, 2, 2],
              ['a', 10, 1, 1],
            ]
        )
          .map((r) => JSON.stringify(r))
          .sort(),
      );
    });
  }
});
