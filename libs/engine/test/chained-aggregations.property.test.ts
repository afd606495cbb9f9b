// Properties of a window aggregation over another window aggregation's windows (append mode):
// 1. streamed in any split into micro-batches, with restarts from the checkpoint in between, it writes
//    the final table of one batch run over the same events. Events may arrive out of order, but never
//    further behind the newest one than the watermark delay, so no row is late and both runs see every
//    event; the watermark moves on every batch, so windows close and flow on throughout.
// 2. with late and out-of-order data, every step writes what a naive model of the two watermarks writes
//    (support/chained-oracle.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { col, count, createEngine, session_window, sum, window, window_time, type Column, type DataFrame, type Row } from '../src/index';
import { type ChainedOracleConfig, runChainedOracle } from './support/chained-oracle';
import { batchRows, EVENTS, type Event, stream } from './support/stream-scenarios';

interface Chain {
  delaySec: number;
  first: { size: number; slide: number } | { gap: number };
  second: { size: number; slide: number } | { gap: number };
  third: boolean;
}

const chainArb: fc.Arbitrary<Chain> = fc.record({
  delaySec: fc.integer({ min: 0, max: 12 }),
  first: fc.constantFrom({ size: 5, slide: 5 }, { size: 10, slide: 5 }, { size: 4, slide: 4 }, { gap: 3 }),
  second: fc.constantFrom({ size: 10, slide: 10 }, { size: 20, slide: 10 }, { size: 12, slide: 12 }, { gap: 7 }),
  third: fc.boolean(),
});

/** Events whose time is never more than `delaySec` behind the newest earlier one (so never late). */
const eventsArb = (delaySec: number): fc.Arbitrary<Event[]> =>
  fc
    .array(fc.record({ key: fc.constantFrom('a', 'b', 'c'), step: fc.integer({ min: -delaySec, max: 8 }), v: fc.integer({ min: -5, max: 10 }) }), {
      minLength: 1,
      maxLength: 50,
    })
    .map((raw) => {
      let newest = 0;
      return raw.map(({ key, step, v }) => {
        const t = Math.max(0, newest + step);
        newest = Math.max(newest, t);
        return { key, t, v };
      });
    });

const scenarioArb = chainArb.chain((chain) =>
  fc.record({
    chain: fc.constant(chain),
    events: eventsArb(chain.delaySec),
    cuts: fc.array(fc.integer({ min: 1, max: 49 }), { maxLength: 10 }),
    restarts: fc.array(fc.integer({ min: 0, max: 10 }), { maxLength: 3 }),
    partitions: fc.integer({ min: 1, max: 3 }),
  }),
);

const seconds = (c: { size: number; slide: number }) => [`${c.size} seconds`, `${c.slide} seconds`] as const;

function chained(df: DataFrame, chain: Chain): DataFrame {
  const timed = df.withColumn('ts', col('t').multiply(1000).cast('timestamp')).withWatermark('ts', `${chain.delaySec} seconds`);
  const firstWindow: Column = 'gap' in chain.first ? session_window('ts', `${chain.first.gap} seconds`).as('window') : window('ts', ...seconds(chain.first));
  const first = timed.groupBy(firstWindow, col('key')).agg(count().as('n'), sum('v').as('s'));
  const secondWindow: Column =
    'gap' in chain.second ? session_window(col('window'), `${chain.second.gap} seconds`).as('window') : window(col('window'), ...seconds(chain.second));
  let out = first.groupBy(secondWindow, col('key')).agg(count().as('windows'), sum('n').as('n'), sum('s').as('s'));
  if (chain.third) {
    out = out.groupBy(window(window_time(col('window')), '30 seconds'), col('key')).agg(sum('windows').as('windows'), sum('n').as('n'), sum('s').as('s'));
  }
  return out.select(col('key'), col('window.start').divide(1000).as('start'), col('window.end').divide(1000).as('end'), col('windows'), col('n'), col('s'));
}

const canon = (rows: Row[]) => rows.map((r) => JSON.stringify([r.key, r.start, r.end, r.windows, r.n, r.s])).sort();

describe('chained window aggregations: streaming equals batch (property)', () => {
  it('any split into micro-batches and restarts give the batch table, each window once', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (sc) => {
        const build = (df: DataFrame) => chained(df, sc.chain);
        // a far-future event moves the watermark past every window of the events
        const flush = [[{ key: 'zz', t: 100_000, v: 0 }]];
        const emitted = (await stream(sc, build, 'append', flush)).flat();
        expect(canon(emitted)).toEqual(canon(await batchRows(sc.events, build)));
      }),
      { numRuns: 30 },
    );
  });

  it('emits the downstream windows while the stream runs, not only at the final flush', async () => {
    // one fixed scenario as a guard that the property above exercises chaining across batches
    const events: Event[] = Array.from({ length: 40 }, (_, i) => ({ key: 'a', t: i * 2, v: 1 }));
    const sc = {
      chain: { delaySec: 0, first: { size: 5, slide: 5 }, second: { size: 10, slide: 10 }, third: false },
      events,
      cuts: [10, 20, 30],
      restarts: [2],
      partitions: 2,
    };
    const perBatch = await stream(sc, (df) => chained(df, sc.chain), 'append');
    expect(perBatch.filter((rows) => rows.length > 0).length).toBeGreaterThan(2);
    expect(canon(perBatch.flat())).toEqual(canon((await batchRows(events, (df) => chained(df, sc.chain))).filter((r) => Number(r.end) <= 78)));
  });
});

const oracleStepsArb = fc.array(
  fc.array(fc.record({ key: fc.constantFrom('a', 'b'), t: fc.integer({ min: 0, max: 120 }), v: fc.integer({ min: 1, max: 9 }) }), { maxLength: 6 }),
  { minLength: 1, maxLength: 10 },
);
const oracleConfigArb: fc.Arbitrary<ChainedOracleConfig> = fc.record({
  first: fc.constantFrom({ sizeSec: 5, slideSec: 5 }, { sizeSec: 10, slideSec: 5 }, { sizeSec: 4, slideSec: 4 }),
  second: fc.constantFrom({ sizeSec: 10, slideSec: 10 }, { sizeSec: 20, slideSec: 10 }, { sizeSec: 12, slideSec: 12 }),
  delaySec: fc.integer({ min: 0, max: 20 }),
  noDataBatches: fc.boolean(),
});

async function runChainedEngine(steps: Event[][], cfg: ChainedOracleConfig): Promise<unknown[][][]> {
  const engine = createEngine({ noDataMicroBatches: cfg.noDataBatches, numStatePartitions: 2 });
  const input = engine.readStream.memory(EVENTS);
  const written: unknown[][][] = [];
  let current: unknown[][] = [];
  const q = await input
    .toDF()
    .withColumn('ts', col('t').multiply(1000).cast('timestamp'))
    .withWatermark('ts', `${cfg.delaySec} seconds`)
    .groupBy(window('ts', `${cfg.first.sizeSec} seconds`, `${cfg.first.slideSec} seconds`), col('key'))
    .agg(count().as('n'), sum('v').as('s'))
    .groupBy(window(col('window'), `${cfg.second.sizeSec} seconds`, `${cfg.second.slideSec} seconds`), col('key'))
    .agg(count().as('windows'), sum('n').as('n'), sum('s').as('s'))
    .writeStream.outputMode('append')
    .foreachBatch((rows) => {
      for (const r of rows) {
        const w = r.window as { start: number; end: number };
        current.push([r.key, w.start / 1000, w.end / 1000, r.windows, r.n, r.s]);
      }
    })
    .start();
  for (const rows of steps) {
    current = [];
    input.addData(rows);
    await q.processAllAvailable();
    written.push(current);
  }
  await q.stop();
  return written;
}

const canonSteps = (steps: readonly (readonly unknown[])[][]) => steps.map((rows) => rows.map((r) => JSON.stringify(r)).sort());

describe('chained window aggregations: semantics oracle (property)', () => {
  it('writes per step what the model of the late-events / eviction watermarks writes, late data included', async () => {
    await fc.assert(
      fc.asyncProperty(oracleStepsArb, oracleConfigArb, async (steps, cfg) => {
        expect(canonSteps(await runChainedEngine(steps, cfg))).toEqual(canonSteps(runChainedOracle(steps, cfg)));
      }),
      { numRuns: 40 },
    );
  });
});
