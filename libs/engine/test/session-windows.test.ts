// Session windows: scenarios re-expressed from Spark's StreamingSessionWindowSuite (words of a line
// are session ids, event time in seconds, gap 10 s, watermark delay 30 s), plus update mode, late
// data within the watermark, batch merging, restart from a checkpoint and checkpoint compatibility.
import { describe, expect, it } from 'vitest';
import { col, count, createEngine, max, min, schema, session_window, sessionWindow, window, type DataFrame, type Row } from '../src/index';
import { MemoryCheckpointStore } from '../src/testing/index';
import { restartAt as cutsAt, restartedRuns } from './support/restarted-runs';

const EVENTS = schema({ sessionId: 'string', t: 'long' });
const line = (text: string, t: number) => text.split(' ').map((sessionId) => ({ sessionId, t }));

const sessions = (df: DataFrame) =>
  df
    .withColumn('eventTime', col('t').multiply(1000).cast('timestamp'))
    .withWatermark('eventTime', '30 seconds')
    .groupBy(session_window('eventTime', '10 seconds').as('session'), col('sessionId'))
    .agg(count().as('numEvents'))
    .select(col('sessionId'), col('session.start').divide(1000).as('start'), col('session.end').divide(1000).as('end'), col('numEvents'));

type Tuple = [string, number, number, number];
const tuples = (rows: readonly Row[]): Tuple[] =>
  rows.map((r) => [r.sessionId, r.start, r.end, r.numEvents] as Tuple).sort((a, b) => `${a[0]}|${a[1]}`.localeCompare(`${b[0]}|${b[1]}`));

interface Step {
  readonly input: Row[];
  readonly expected: Tuple[];
  readonly dropped?: number;
}

async function runSteps(mode: 'append' | 'complete', steps: readonly Step[]) {
  const engine = createEngine();
  const input = engine.readStream.memory(EVENTS);
  const batches: { batchId: number; rows: Row[] }[] = [];
  const q = await sessions(input.toDF())
    .writeStream.outputMode(mode)
    .foreachBatch((rows, batchId) => void batches.push({ batchId, rows }))
    .start();
  try {
    for (const [i, step] of steps.entries()) {
      const seen = batches.length;
      const progressBefore = q.recentProgress.length;
      input.addData(step.input);
      await q.processAllAvailable();
      const fresh = batches.slice(seen);
      const got = mode === 'complete' ? (fresh.at(-1)?.rows ?? []) : fresh.flatMap((b) => b.rows);
      expect(tuples(got), `step ${i}`).toEqual(tuples(step.expected.map(([sessionId, start, end, numEvents]) => ({ sessionId, start, end, numEvents }))));
      if (step.dropped !== undefined) {
        const dataBatch = q.recentProgress.slice(progressBefore).find((p) => p.numInputRows > 0)!;
        expect(dataBatch.stateOperators[0].numRowsDroppedByWatermark, `dropped, step ${i}`).toBe(step.dropped);
      }
    }
  } finally {
    await q.stop();
  }
}

const S1: Tuple[] = [
  ['hello', 40, 51, 2],
  ['world', 40, 51, 2],
  ['streaming', 40, 51, 2],
  ['spark', 40, 50, 1],
  ['structured', 41, 51, 1],
];
const FIRST = [...line('hello world spark streaming', 40), ...line('world hello structured streaming', 41)];

describe('session windows in a stream (Spark StreamingSessionWindowSuite)', () => {
  it('complete mode: sessions placed before, merged across batches, placed after', async () => {
    const s2: Tuple[] = [['spark', 25, 35, 1], ['streaming', 25, 35, 1], ...S1];
    const s3: Tuple[] = [
      ['spark', 25, 50, 3],
      ['streaming', 25, 51, 4],
      ['hello', 40, 51, 2],
      ['world', 40, 51, 2],
      ['structured', 41, 51, 1],
    ];
    const s4: Tuple[] = [...s3, ['hello', 60, 70, 1], ['apache', 60, 70, 1], ['spark', 60, 70, 1]];
    await runSteps('complete', [
      { input: FIRST, expected: S1 },
      { input: line('spark streaming', 25), expected: s2 },
      { input: line('spark streaming', 30), expected: s3 },
      { input: line('hello apache spark', 60), expected: s4 },
      { input: line('structured streaming', 90), expected: [...s4, ['structured', 90, 100, 1], ['streaming', 90, 100, 1]] },
    ]);
  });

  it('append mode: a session is emitted once, when its end <= watermark; rows whose own session is behind it are dropped', async () => {
    await runSteps('append', [
      { input: FIRST, expected: [] }, // watermark 11
      { input: line('spark streaming', 25), expected: [] },
      { input: line('spark streaming', 0), expected: [], dropped: 2 }, // [0, 10) ends before 11
      { input: line('spark streaming', 30), expected: [] }, // bridges [25,35) and [40,50/51)
      { input: line('hello apache spark', 60), expected: [] }, // watermark 30
      {
        input: line('structured streaming', 90), // watermark 60
        expected: [
          ['spark', 25, 50, 3],
          ['streaming', 25, 51, 4],
          ['hello', 40, 51, 2],
          ['world', 40, 51, 2],
          ['structured', 41, 51, 1],
        ],
      },
      // ours: late but within the watermark (55 + 10 > 60) extends a held session backwards
      { input: line('hello', 55), expected: [] },
      {
        input: line('x', 200),
        expected: [
          ['hello', 55, 70, 2],
          ['apache', 60, 70, 1],
          ['spark', 60, 70, 1],
          ['structured', 90, 100, 1],
          ['streaming', 90, 100, 1],
        ],
      },
      { input: line('hello', 100), expected: [], dropped: 1 }, // watermark 170
    ]);
  });

  it('rejects update mode, as Spark (a session merged into an earlier one cannot be retracted)', async () => {
    const engine = createEngine();
    const df = sessions(engine.readStream.memory(EVENTS).toDF());
    await expect(
      df.writeStream
        .outputMode('update')
        .foreachBatch(() => undefined)
        .start(),
    ).rejects.toMatchObject({ code: 'UNSUPPORTED_OUTPUT_MODE' });
  });

  it('boundaries: a row is late when t + gap equals the previous watermark; a session is final when its end equals the watermark', async () => {
    await runSteps('append', [
      { input: line('a', 65), expected: [] }, // watermark 35
      { input: [...line('b', 25), ...line('c', 26)], expected: [], dropped: 1 }, // b: [25, 35) ends at it; c: [26, 36) is kept
    ]);
    await runSteps('append', [
      { input: line('a', 0), expected: [] }, // watermark 0
      { input: line('b', 40), expected: [['a', 0, 10, 1]] }, // watermark 10 = end of [0, 10)
    ]);
  });

  it('rejects a session window without another grouping key (global aggregation), as Spark', async () => {
    const engine = createEngine();
    const df = engine.readStream
      .memory(EVENTS)
      .toDF()
      .withColumn('eventTime', col('t').multiply(1000).cast('timestamp'))
      .withWatermark('eventTime', '30 seconds')
      .groupBy(sessionWindow('eventTime', '5 seconds'))
      .agg(count().as('n'));
    await expect(
      df.writeStream
        .outputMode('append')
        .foreachBatch(() => undefined)
        .start(),
    ).rejects.toMatchObject({ code: 'UNSUPPORTED_OPERATION' });
  });
});

describe('session windows in a batch', () => {
  it("merges every key's overlapping or touching sessions; min/max over the merged rows", async () => {
    const engine = createEngine();
    const rows = [
      { sessionId: 'a', t: 41 },
      { sessionId: 'a', t: 42 },
      { sessionId: 'a', t: 40 },
      { sessionId: 'b', t: 100 },
      { sessionId: 'b', t: 110 },
      { sessionId: 'b', t: 121 },
    ];
    const got = await engine.read
      .rows(rows, EVENTS)
      .withColumn('eventTime', col('t').multiply(1000).cast('timestamp'))
      .groupBy(col('sessionId'), session_window('eventTime', '10 seconds'))
      .agg(count().as('n'), min('t').as('first'), max('t').as('last'))
      .select(
        col('sessionId'),
        col('session_window.start').divide(1000).as('start'),
        col('session_window.end').divide(1000).as('end'),
        col('n'),
        col('first'),
        col('last'),
      )
      .collect();
    expect(got.sort((x, y) => `${x.sessionId}${x.start}`.localeCompare(`${y.sessionId}${y.start}`))).toEqual([
      { sessionId: 'a', start: 40, end: 52, n: 3, first: 40, last: 42 },
      { sessionId: 'b', start: 100, end: 120, n: 2, first: 100, last: 110 }, // 110 starts where [100,110) ends: merged
      { sessionId: 'b', start: 121, end: 131, n: 1, first: 121, last: 121 },
    ]);
  });
});

describe('session state in the checkpoint', () => {
  const STEPS = [
    FIRST,
    line('spark streaming', 25),
    line('spark streaming', 0),
    line('spark streaming', 30),
    line('hello apache spark', 60),
    line('structured streaming', 90),
    line('hello', 55),
    line('x', 200),
  ];

  async function run(restartAt: number | null) {
    const { emitted } = await restartedRuns(
      [EVENTS],
      STEPS.map((rows) => [rows]),
      (df) => sessions(df),
      { cuts: cutsAt(restartAt, STEPS.length) },
    );
    return tuples(emitted);
  }

  it('a query stopped mid-stream and restarted from its checkpoint emits what an uninterrupted run does', async () => {
    const uninterrupted = await run(null);
    expect(uninterrupted).toContainEqual(['streaming', 25, 51, 4]);
    for (const at of [2, 4, 6]) expect(await run(at), `restart before step ${at}`).toEqual(uninterrupted);
  });

  it('a checkpoint of a time-window aggregation cannot be resumed by a session-window one (CHECKPOINT_MISMATCH)', async () => {
    const store = new MemoryCheckpointStore();
    const build = (df: DataFrame, session: boolean) =>
      df
        .withColumn('eventTime', col('t').multiply(1000).cast('timestamp'))
        .withWatermark('eventTime', '30 seconds')
        .groupBy((session ? session_window('eventTime', '10 seconds') : window('eventTime', '10 seconds')).as('w'), col('sessionId'))
        .agg(count().as('n'));
    const engine = createEngine();
    const input = engine.readStream.memory(EVENTS, 'events');
    input.addData(FIRST);
    const q = await build(input.toDF(), false)
      .writeStream.outputMode('append')
      .checkpointStore(store)
      .foreachBatch(() => undefined)
      .start();
    await q.processAllAvailable();
    await q.stop();
    const again = createEngine().readStream.memory(EVENTS, 'events');
    again.addData(FIRST);
    await expect(
      (async () => {
        const q2 = await build(again.toDF(), true)
          .writeStream.outputMode('append')
          .checkpointStore(store)
          .foreachBatch(() => undefined)
          .start();
        try {
          await q2.processAllAvailable();
        } finally {
          await q2.stop();
        }
      })(),
    ).rejects.toMatchObject({ code: 'CHECKPOINT_MISMATCH' });
  });
});
