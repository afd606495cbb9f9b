// Property: for random events, random splits into micro-batches and random restarts, the streaming
// result equals the batch result (complete, update, and append after a final watermark flush), for
// tumbling and sliding windows with keys, and for the keyed-state operator.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { col, count, createEngine, schema, sum, window, type DataFrame, type GroupState, type Row } from '../src/index';
import { MemoryCheckpointStore } from '../src/testing/index';

const EVENTS = schema({ key: 'string', t: 'long', v: 'int' });
type Event = { key: string; t: number; v: number };

const eventArb = fc.record({ key: fc.constantFrom('a', 'b', 'c', 'd'), t: fc.integer({ min: -20, max: 200 }), v: fc.integer({ min: -5, max: 10 }) });
const scenarioArb = fc.record({
  events: fc.array(eventArb, { minLength: 1, maxLength: 60 }),
  cuts: fc.array(fc.integer({ min: 1, max: 59 }), { maxLength: 8 }),
  restarts: fc.array(fc.integer({ min: 0, max: 8 }), { maxLength: 2 }),
  partitions: fc.integer({ min: 1, max: 3 }),
  window: fc.constantFrom({ size: 10, slide: 10 }, { size: 10, slide: 5 }, { size: 10, slide: 3 }, { size: 7, slide: 2 }),
});
type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

function split(events: Event[], cuts: number[]): Event[][] {
  const points = [...new Set(cuts.filter((c) => c < events.length))].sort((a, b) => a - b);
  const out: Event[][] = [];
  let from = 0;
  for (const p of [...points, events.length]) {
    out.push(events.slice(from, p));
    from = p;
  }
  return out.filter((b) => b.length > 0);
}

function windowed(df: DataFrame, w: { size: number; slide: number }, delaySec: number | null): DataFrame {
  let timed = df.withColumn('ts', col('t').multiply(1000).cast('timestamp'));
  if (delaySec !== null) timed = timed.withWatermark('ts', `${delaySec} seconds`);
  return timed
    .groupBy(window('ts', `${w.size} seconds`, `${w.slide} seconds`), col('key'))
    .agg(count().as('n'), sum('v').as('s'))
    .select(col('key'), col('window.start').as('start'), col('n'), col('s'));
}

const canon = (rows: Row[]) => rows.map((r) => JSON.stringify([r.key, r.start, r.n, r.s])).sort();

/** Streams the batches, stopping and restarting on a shared checkpoint at the chosen batch indexes. */
async function stream(sc: Scenario, build: (df: DataFrame) => DataFrame, mode: 'append' | 'update' | 'complete', extra: Event[][] = []) {
  const batches = [...split(sc.events, sc.cuts), ...extra];
  const store = new MemoryCheckpointStore();
  const emitted: Row[][] = [];
  let done = 0;
  const restarts = new Set(sc.restarts);
  while (done < batches.length) {
    const engine = createEngine({ numStatePartitions: sc.partitions });
    const source = engine.readStream.memory(EVENTS, 'events');
    for (const b of batches.slice(0, done)) source.addData(b);
    const q = await build(source.toDF()).writeStream.outputMode(mode).checkpointStore(store).foreachBatch((rows) => void emitted.push(rows)).start();
    await q.processAllAvailable();
    do {
      source.addData(batches[done++]);
      await q.processAllAvailable();
    } while (done < batches.length && !restarts.has(done));
    await q.stop();
  }
  return emitted;
}

/** Update mode: the latest emitted row per group is the final value. */
function latestPerGroup(emitted: Row[][], group: (r: Row) => string): Row[] {
  const last = new Map<string, Row>();
  for (const rows of emitted) for (const r of rows) last.set(group(r), r);
  return [...last.values()];
}

async function batchRows(events: Event[], build: (df: DataFrame) => DataFrame): Promise<Row[]> {
  return build(createEngine().read.rows(events, EVENTS)).collect();
}

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
    const out = schema({ key: 'string', total: 'long', events: 'long' });
    const fn = (key: Row, rows: readonly Row[], state: GroupState<{ total: number; events: number }>): Row => {
      const s = state.get() ?? { total: 0, events: 0 };
      for (const r of rows) {
        s.total += r.v as number;
        s.events += 1;
      }
      state.update(s);
      return { key: key.key, total: s.total, events: s.events };
    };
    const build = (df: DataFrame) => df.groupByKey('key').mapGroupsWithState(fn, { outputSchema: out });
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
