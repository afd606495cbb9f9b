// Property: countDistinct (exact; one column and two), approx_count_distinct (HyperLogLog) and percentile_approx (quantile
// sketch) give the same result in a stream as in a batch, for any split into micro-batches, restarts
// from the checkpoint and state partitions: tumbling/sliding windows (complete, update, append after a
// final watermark flush) and session windows (merged states). All compare exactly: a HyperLogLog's
// registers are a per-register max (independent of order and grouping); the quantile sketch adds
// values one at a time in arrival order and its checkpoint bytes restore it exactly, so with fixed
// windows even a compacting sketch (accuracy 2: it compacts from 4 values) is the same in both.
// Session merges change the order sketches combine in, so sessions use the default accuracy, which is
// exact at these sizes (below 2 * accuracy values).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  approx_count_distinct,
  col,
  countDistinct,
  percentile_approx,
  session_window,
  when,
  window,
  type Column,
  type DataFrame,
  type Row,
  type WindowValue,
} from '../src/index';
import { batchRows, latestPerGroup, scenarioArb, stream } from './support/stream-scenarios';

const timed = (df: DataFrame, delaySec: number | null) => {
  const out = df.withColumn('ts', col('t').multiply(1000).cast('timestamp'));
  return delaySec === null ? out : out.withWatermark('ts', `${delaySec} seconds`);
};

const distincts = [
  countDistinct('v').as('dv'),
  approx_count_distinct('v').as('av'),
  countDistinct('t').as('dt'),
  approx_count_distinct(col('key'), 0.1).as('ak'),
  percentile_approx('v', 0.5).as('pv'),
];

function windowed(df: DataFrame, w: { size: number; slide: number }, delaySec: number | null): DataFrame {
  return timed(df, delaySec)
    .groupBy(window('ts', `${w.size} seconds`, `${w.slide} seconds`), col('key'))
    .agg(distincts[0], ...distincts.slice(1), percentile_approx('t', 0.9, 2).as('pt'))
    .select(col('key'), col('window.start').as('start'), col('dv'), col('av'), col('dt'), col('ak'), col('pv'), col('pt'));
}

function sessions(df: DataFrame, gapSec: number, delaySec: number): DataFrame {
  return timed(df, delaySec)
    .groupBy(col('key'), session_window('ts', `${gapSec} seconds`))
    .agg(distincts[0], ...distincts.slice(1))
    .select(col('key'), col('session_window.start').as('start'), col('session_window.end').as('end'), col('dv'), col('av'), col('dt'), col('ak'), col('pv'));
}

/** countDistinct over two columns, each with nulls: key (null for 'd') and v % 4 (null when v < 0); per window and t % 2. */
const pairCounts = (df: DataFrame, window: Column, delaySec: number | null): DataFrame =>
  timed(df.withColumn('nk', when(col('key').neq('d'), col('key'))).withColumn('nv', when(col('v').geq(0), col('v').mod(4))), delaySec)
    .groupBy(window, col('t').mod(2).as('odd'))
    .agg(countDistinct('nk', 'nv').as('dp'));
/** A pair count row as text: its group and count. */
const pairText = (r: Row) => JSON.stringify([r.window ?? r.session_window, r.odd, r.dp]);

const canon = (rows: Row[]) => rows.map((r) => JSON.stringify([r.key, r.start, r.end ?? null, r.dv, r.av, r.dt, r.ak, r.pv, r.pt ?? null])).sort();
const nonNegative = <T extends { events: { t: number }[] }>(sc: T): T => ({ ...sc, events: sc.events.map((e) => ({ ...e, t: Math.abs(e.t) })) });
const FLUSH = [[{ key: 'zz', t: 100_000, v: 0 }]];
const RUNS = { numRuns: 20 };

describe('distinct aggregates: streaming equals batch (property)', () => {
  it('fixed windows, complete mode', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (sc) => {
        const build = (df: DataFrame) => windowed(df, sc.window, 5);
        const emitted = await stream(sc, build, 'complete');
        expect(canon(emitted[emitted.length - 1])).toEqual(canon(await batchRows(sc.events, build)));
      }),
      RUNS,
    );
  });

  it('fixed windows, update mode', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (sc) => {
        const build = (df: DataFrame) => windowed(df, sc.window, null);
        const emitted = await stream(sc, build, 'update');
        expect(canon(latestPerGroup(emitted, (r) => `${r.key}|${r.start}`))).toEqual(canon(await batchRows(sc.events, build)));
      }),
      RUNS,
    );
  });

  it('fixed windows, append mode after a final watermark flush', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (raw) => {
        const sc = nonNegative(raw);
        const build = (df: DataFrame) => windowed(df, sc.window, 1_000);
        const emitted = (await stream(sc, build, 'append', FLUSH)).flat();
        expect(canon(emitted)).toEqual(canon(await batchRows(sc.events, build)));
      }),
      RUNS,
    );
  });

  it('session windows (states merged), complete and append', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, fc.integer({ min: 1, max: 12 }), async (raw, gap) => {
        const sc = nonNegative(raw);
        const complete = (df: DataFrame) => sessions(df, gap, 5);
        const last = await stream(sc, complete, 'complete');
        expect(canon(last[last.length - 1])).toEqual(canon(await batchRows(sc.events, complete)));
        const append = (df: DataFrame) => sessions(df, gap, 1_000);
        const emitted = (await stream(sc, append, 'append', FLUSH)).flat();
        expect(canon(emitted)).toEqual(canon(await batchRows(sc.events, append)));
      }),
      RUNS,
    );
  });

  it('session windows: merged states match an oracle (exact median, countDistinct) and a compacting sketch keeps its rank bound', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, fc.integer({ min: 1, max: 12 }), async (raw, gap) => {
        const sc = nonNegative(raw);
        const build = (df: DataFrame) =>
          timed(df, 1_000)
            .groupBy(col('key'), session_window('ts', `${gap} seconds`))
            .agg(percentile_approx('t', 0.5).as('median'), percentile_approx('t', 0.9, 4).as('pt'), countDistinct('t').as('dt'))
            .select(col('key'), col('session_window.start').as('start'), col('session_window.end').as('end'), col('median'), col('pt'), col('dt'));
        const emitted = (await stream(sc, build, 'append', FLUSH)).flat().filter((r) => r.key !== 'zz');
        expect(emitted.length).toBe((await batchRows(sc.events, build)).length);
        for (const r of emitted) {
          const ts = sc.events.filter((e) => e.key === r.key && e.t * 1000 >= (r.start as number) && e.t * 1000 < (r.end as number)).map((e) => e.t);
          const sorted = [...ts].sort((a, b) => a - b);
          expect(r.median).toBe(sorted[Math.max(1, Math.ceil(0.5 * ts.length)) - 1]); // default accuracy: exact
          expect(r.dt).toBe(new Set(ts).size);
          const target = Math.max(1, Math.ceil(0.9 * ts.length));
          expect(ts).toContain(r.pt);
          expect(ts.filter((t) => t <= (r.pt as number)).length).toBeGreaterThanOrEqual(target - ts.length / 4);
          expect(ts.filter((t) => t < (r.pt as number)).length).toBeLessThanOrEqual(target + ts.length / 4);
        }
      }),
      RUNS,
    );
  });

  it('countDistinct over two columns with nulls: stream equals batch (sliding and session windows) and an oracle', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, fc.integer({ min: 1, max: 12 }), async (raw, gap) => {
        const sc = nonNegative(raw);
        const fixed = (df: DataFrame) => pairCounts(df, window('ts', `${sc.window.size} seconds`, `${sc.window.slide} seconds`), null);
        const expected = await batchRows(sc.events, fixed);
        const latest = latestPerGroup(await stream(sc, fixed, 'update'), (r) => JSON.stringify([r.window, r.odd]));
        expect(latest.map(pairText).sort()).toEqual(expected.map(pairText).sort());
        for (const r of expected) {
          const start = (r.window as WindowValue).start / 1000;
          const inGroup = sc.events.filter((e) => e.t >= start && e.t < start + sc.window.size && e.t % 2 === r.odd);
          const inWindow = inGroup.filter((e) => e.key !== 'd' && e.v >= 0);
          expect(r.dp).toBe(new Set(inWindow.map((e) => `${e.key}|${e.v % 4}`)).size);
        }
        const sessions = (df: DataFrame) => pairCounts(df, session_window('ts', `${gap} seconds`), 1_000);
        const emitted = (await stream(sc, sessions, 'append', FLUSH)).flat();
        expect(emitted.map(pairText).sort()).toEqual((await batchRows(sc.events, sessions)).map(pairText).sort());
      }),
      RUNS,
    );
  });

  it('countDistinct and percentile_approx (exact at default accuracy) match an oracle; the sketches stay in bounds', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (sc) => {
        const rows = await batchRows(sc.events, (df) => windowed(df, sc.window, null));
        for (const r of rows) {
          const start = (r.start as number) / 1000;
          const inWindow = sc.events.filter((e) => e.key === r.key && e.t >= start && e.t < start + sc.window.size);
          expect(r.dv).toBe(new Set(inWindow.map((e) => e.v)).size);
          expect(r.dt).toBe(new Set(inWindow.map((e) => e.t)).size);
          // v is in -5..10: over every subset of those 16 values the p = 9 sketch is at most 1 off
          expect(Math.abs((r.av as number) - (r.dv as number))).toBeLessThanOrEqual(1);
          expect(r.ak).toBe(1);
          // Spark's percentile: the smallest value whose rank reaches ceil(p * n); accuracy 2 allows n / 2 ranks off
          const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
          const vs = sorted(inWindow.map((e) => e.v));
          expect(r.pv).toBe(vs[Math.max(1, Math.ceil(0.5 * vs.length)) - 1]);
          const ts = sorted(inWindow.map((e) => e.t));
          const rankOf = (x: number) => ts.filter((t) => t <= x).length;
          const target = Math.max(1, Math.ceil(0.9 * ts.length));
          expect(ts).toContain(r.pt);
          expect(rankOf(r.pt as number)).toBeGreaterThanOrEqual(target - ts.length / 2);
          expect(ts.filter((t) => t < (r.pt as number)).length).toBeLessThanOrEqual(target + ts.length / 2);
        }
      }),
      RUNS,
    );
  });
});
