// Properties of dropDuplicatesWithinWatermark: (1) with every duplicate inside the watermark delay, a
// stream cut into random micro-batches with random restarts equals the batch run, alone and chained
// before an aggregation or mapGroupsWithState; (2) with short delays, late rows, no-data batches and
// restarts, every step writes what a naive model of Spark's semantics writes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { col, count, createEngine, sum, window, type DataFrame, type LateRows, type Row } from '../src/index';
import { MemoryCheckpointStore } from '../src/testing/index';
import { batchRows, EVENTS, latestPerGroup, RUNNING_SUM, runningSum, scenarioArb, stream, type Event } from './support/stream-scenarios';

const RUNS = { numRuns: 25 };
const timed = (df: DataFrame, delay: string) => df.withColumn('ts', col('t').multiply(1000).cast('timestamp')).withWatermark('ts', delay);
/** Duplicates = same (key, v); a delay longer than the time span keeps every key until the end. */
const unique = (df: DataFrame) => timed(df, '1000 seconds').dropDuplicatesWithinWatermark(['key', 'v']);
// the initial watermark is 0 (epoch): times <= 0 would be late in the stream, so keep them positive
const positive = scenarioArb.map((sc) => ({ ...sc, events: sc.events.map((e) => ({ ...e, t: Math.abs(e.t) + 1 })) }));
const canon = (rows: Row[], ...cols: string[]) => rows.map((r) => JSON.stringify(cols.map((c) => r[c]))).sort();

describe('dropDuplicatesWithinWatermark: stream equals batch (property)', () => {
  it('alone (append mode)', async () => {
    await fc.assert(
      fc.asyncProperty(positive, async (sc) => {
        const emitted = (await stream(sc, unique, 'append')).flat();
        expect(canon(emitted, 'key', 't', 'v')).toEqual(canon(await batchRows(sc.events, unique), 'key', 't', 'v'));
      }),
      RUNS,
    );
  });

  it('before a windowed aggregation (update and complete mode)', async () => {
    const build = (w: { size: number; slide: number }) => (df: DataFrame) =>
      unique(df)
        .groupBy(window('ts', `${w.size} seconds`, `${w.slide} seconds`), col('key'))
        .agg(count().as('n'), sum('v').as('s'))
        .select(col('key'), col('window.start').as('start'), col('n'), col('s'));
    await fc.assert(
      fc.asyncProperty(positive, fc.constantFrom('update' as const, 'complete' as const), async (sc, mode) => {
        const emitted = await stream(sc, build(sc.window), mode);
        const final = mode === 'update' ? latestPerGroup(emitted, (r) => `${r.key}|${r.start}`) : emitted[emitted.length - 1];
        expect(canon(final, 'key', 'start', 'n', 's')).toEqual(canon(await batchRows(sc.events, build(sc.window)), 'key', 'start', 'n', 's'));
      }),
      RUNS,
    );
  });

  it('before mapGroupsWithState', async () => {
    const build = (df: DataFrame) => unique(df).groupByKey('key').mapGroupsWithState(runningSum, { outputSchema: RUNNING_SUM });
    await fc.assert(
      fc.asyncProperty(positive, async (sc) => {
        const emitted = await stream(sc, build, 'update');
        expect(
          canon(
            latestPerGroup(emitted, (r) => String(r.key)),
            'key',
            'total',
            'events',
          ),
        ).toEqual(canon(await batchRows(sc.events, build), 'key', 'total', 'events'));
      }),
      RUNS,
    );
  });
});

interface ModelConfig {
  readonly delaySec: number;
  readonly lateRows: LateRows;
  readonly noDataBatches: boolean;
}

/**
 * Spark's semantics, naively: a batch runs with the watermark the previous batch left and judges late
 * rows (t <= watermark) by the watermark the previous batch ran with; a kept key expires at t + delay
 * and is forgotten once the watermark reaches that; a no-data batch runs when it would forget a key.
 */
function model(steps: Event[][], cfg: ModelConfig): string[][] {
  const expiry = new Map<string, number>();
  let watermark = 0;
  let lateWatermark = 0;
  const out: string[][] = [];
  const runBatch = (rows: Event[]) => {
    const written: string[] = [];
    for (const e of rows) {
      if (e.t <= lateWatermark) {
        if (cfg.lateRows === 'keep') written.push(`${e.key}@${e.t}`);
        continue;
      }
      if (expiry.has(e.key)) continue;
      expiry.set(e.key, e.t + cfg.delaySec);
      written.push(`${e.key}@${e.t}`);
    }
    for (const [key, at] of expiry) if (at <= watermark) expiry.delete(key);
    lateWatermark = watermark;
    return written;
  };
  for (const rows of steps) {
    const written = runBatch(rows);
    if (rows.length) watermark = Math.max(watermark, Math.max(...rows.map((e) => e.t)) - cfg.delaySec);
    if (cfg.noDataBatches && watermark > lateWatermark && [...expiry.values()].some((at) => at <= watermark)) runBatch([]);
    out.push(written.sort());
  }
  return out;
}

async function runEngine(steps: Event[][], cfg: ModelConfig, restarts: ReadonlySet<number>, partitions: number): Promise<string[][]> {
  const store = new MemoryCheckpointStore();
  const out: string[][] = [];
  let current: string[] = [];
  let done = 0;
  while (done < steps.length) {
    const engine = createEngine({ noDataMicroBatches: cfg.noDataBatches, numStatePartitions: partitions });
    const source = engine.readStream.memory(EVENTS, 'events');
    for (const rows of steps.slice(0, done)) source.addData(rows);
    const q = await timed(source.toDF(), `${cfg.delaySec} seconds`)
      .dropDuplicatesWithinWatermark(['key'], { lateRows: cfg.lateRows })
      .writeStream.outputMode('append')
      .checkpointStore(store)
      .foreachBatch((rows) => void current.push(...rows.map((r) => `${r.key}@${r.t}`)))
      .start();
    await q.processAllAvailable();
    do {
      current = [];
      source.addData(steps[done++]);
      await q.processAllAvailable();
      out.push(current.sort());
    } while (done < steps.length && !restarts.has(done));
    await q.stop();
  }
  return out;
}

describe('dropDuplicatesWithinWatermark: semantics model (property)', () => {
  const stepsArb = fc.array(
    fc.array(fc.record({ key: fc.constantFrom('a', 'b', 'c'), t: fc.integer({ min: 1, max: 120 }), v: fc.constant(0) }), { maxLength: 6 }),
    { minLength: 1, maxLength: 8 },
  );
  const configArb = fc.record({ delaySec: fc.integer({ min: 0, max: 30 }), lateRows: fc.constantFrom<LateRows>('drop', 'keep'), noDataBatches: fc.boolean() });

  it('writes per step what the model writes: late rows, expiry, no-data batches, restarts', async () => {
    await fc.assert(
      fc.asyncProperty(
        stepsArb,
        configArb,
        fc.array(fc.integer({ min: 1, max: 7 }), { maxLength: 2 }),
        fc.integer({ min: 1, max: 3 }),
        async (steps, cfg, restarts, partitions) => {
          expect(await runEngine(steps, cfg, new Set(restarts), partitions)).toEqual(model(steps, cfg));
        },
      ),
      { numRuns: 40 },
    );
  });
});
