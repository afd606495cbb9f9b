// Property: for random events, random splits into micro-batches and random restarts, the streaming
// result equals the batch result (complete, update, and append after a final watermark flush), for
// tumbling and sliding windows with keys, and for the keyed-state operator.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { col, count, sum, window, type DataFrame, type Row } from '../src/index';
import { batchRows, latestPerGroup, RUNNING_SUM, runningSum, scenarioArb, stream } from './support/stream-scenarios';

function windowed(df: DataFrame, w: { size: number; slide: number }, delaySec: number | null): DataFrame {
  let timed = df.withColumn('ts', col('t').multiply(1000).cast('timestamp'));
  if (delaySec !== null) timed = timed.withWatermark('ts', `${delaySec} seconds`);
  return timed
    .groupBy(window('ts', `${w.size} seconds`, `${w.slide} seconds`), col('key'))
    .agg(count().as('n'), sum('v').as('s'))
    .select(col('key'), col('window.start').as('start'), col('n'), col('s'));
}

const canon = (rows: Row[]) => rows.map((r) => JSON.stringify([r.key, r.start, r.n, r.s])).sort();

const RUNS = { numRuns: 25 };

describe('streaming equals batch (property)', () => {
  it('complete mode', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (sc) => {
        const build = (df: DataFrame) => windowed(df, sc.window, 5);
        const emitted = await stream(sc, build, 'complete');
        expect(canon(emitted[emitted.length - 1])).toEqual(canon(await batchRows(sc.events, build)));
      }),
      RUNS,
    );
  });

  it('update mode (no watermark: nothing dropped)', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (sc) => {
        const build = (df: DataFrame) => windowed(df, sc.window, null);
        const emitted = await stream(sc, build, 'update');
        expect(canon(latestPerGroup(emitted, (r) => `${r.key}|${r.start}`))).toEqual(canon(await batchRows(sc.events, build)));
      }),
      RUNS,
    );
  });

  it('append mode after a final watermark flush (each window exactly once)', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (raw) => {
        // the initial watermark is 0 (epoch), so pre-epoch windows would be late: keep times >= 0
        const sc = { ...raw, events: raw.events.map((e) => ({ ...e, t: Math.abs(e.t) })) };
        // a delay longer than the event-time span: nothing is late; a far-future event flushes the rest
        const build = (df: DataFrame) => windowed(df, sc.window, 1_000);
        const flush = [[{ key: 'zz', t: 100_000, v: 0 }]];
        const emitted = (await stream(sc, build, 'append', flush)).flat();
        expect(canon(emitted)).toEqual(canon(await batchRows(sc.events, build)));
      }),
      RUNS,
    );
  });

  it('keyed state (mapGroupsWithState running sum and count)', async () => {
    const build = (df: DataFrame) => df.groupByKey('key').mapGroupsWithState(runningSum, { outputSchema: RUNNING_SUM });
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (sc) => {
        const emitted = await stream(sc, build, 'update');
        const canonKeyed = (rows: Row[]) => rows.map((r) => JSON.stringify([r.key, r.total, r.events])).sort();
        expect(canonKeyed(latestPerGroup(emitted, (r) => String(r.key)))).toEqual(canonKeyed(await batchRows(sc.events, build)));
      }),
      RUNS,
    );
  });
});
