// Property: for random events (keys, times out of order), random splits into micro-batches, random
// restarts from the checkpoint and state partitions, the streaming session table equals the batch
// result: complete mode's last table, and append mode's emitted sessions after a final watermark flush.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { col, count, max, min, session_window, sum, type DataFrame, type Row } from '../src/index';
import { batchRows, scenarioArb, stream } from './support/stream-scenarios';

function sessions(df: DataFrame, gapSec: number, delaySec: number): DataFrame {
  return df
    .withColumn('ts', col('t').multiply(1000).cast('timestamp'))
    .withWatermark('ts', `${delaySec} seconds`)
    .groupBy(col('key'), session_window('ts', `${gapSec} seconds`))
    .agg(count().as('n'), sum('v').as('s'), min('v').as('lo'), max('t').as('last'))
    .select(col('key'), col('session_window.start').as('start'), col('session_window.end').as('end'), col('n'), col('s'), col('lo'), col('last'));
}

const canon = (rows: Row[]) => rows.map((r) => JSON.stringify([r.key, r.start, r.end, r.n, r.s, r.lo, r.last])).sort();
const RUNS = { numRuns: 25 };
const withGap = fc.tuple(scenarioArb, fc.integer({ min: 1, max: 12 }));

describe('session windows: streaming equals batch (property)', () => {
  it('complete mode', async () => {
    await fc.assert(
      fc.asyncProperty(withGap, async ([sc, gap]) => {
        const build = (df: DataFrame) => sessions(df, gap, 5);
        const emitted = await stream(sc, build, 'complete');
        expect(canon(emitted[emitted.length - 1])).toEqual(canon(await batchRows(sc.events, build)));
      }),
      RUNS,
    );
  });

  it('append mode after a final watermark flush (each session exactly once, merged across batches)', async () => {
    await fc.assert(
      fc.asyncProperty(withGap, async ([raw, gap]) => {
        // the initial watermark is 0, so sessions ending before the epoch would be late: times >= 0
        const sc = { ...raw, events: raw.events.map((e) => ({ ...e, t: Math.abs(e.t) })) };
        // a delay longer than the event-time span: nothing is late; a far-future event flushes the rest
        const build = (df: DataFrame) => sessions(df, gap, 1_000);
        const emitted = (await stream(sc, build, 'append', [[{ key: 'zz', t: 100_000, v: 0 }]])).flat();
        expect(canon(emitted)).toEqual(canon(await batchRows(sc.events, build)));
      }),
      RUNS,
    );
  });
});
