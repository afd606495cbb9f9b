// Random event streams for the batch ≡ stream properties: a scenario (events, cut points into
// micro-batches, restart points, state partitions, a window), a runner that streams it with restarts
// on one checkpoint, and the batch run to compare with.
import fc from 'fast-check';
import { createEngine, schema, type DataFrame, type GroupState, type Row } from '../../src/index';
import { MemoryCheckpointStore } from '../../src/testing/index';

export const EVENTS = schema({ key: 'string', t: 'long', v: 'int' });
export type Event = { key: string; t: number; v: number };

const eventArb = fc.record({ key: fc.constantFrom('a', 'b', 'c', 'd'), t: fc.integer({ min: -20, max: 200 }), v: fc.integer({ min: -5, max: 10 }) });
export const scenarioArb = fc.record({
  events: fc.array(eventArb, { minLength: 1, maxLength: 60 }),
  cuts: fc.array(fc.integer({ min: 1, max: 59 }), { maxLength: 8 }),
  restarts: fc.array(fc.integer({ min: 0, max: 8 }), { maxLength: 2 }),
  partitions: fc.integer({ min: 1, max: 3 }),
  window: fc.constantFrom({ size: 10, slide: 10 }, { size: 10, slide: 5 }, { size: 10, slide: 3 }, { size: 7, slide: 2 }),
});
export type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

export function split(events: readonly Event[], cuts: readonly number[]): Event[][] {
  const points = [...new Set(cuts.filter((c) => c < events.length))].sort((a, b) => a - b);
  const out: Event[][] = [];
  let from = 0;
  for (const p of [...points, events.length]) {
    out.push(events.slice(from, p));
    from = p;
  }
  return out.filter((b) => b.length > 0);
}

/** What `stream` needs of a scenario. */
export interface StreamPlan {
  readonly events: readonly Event[];
  readonly cuts: readonly number[];
  readonly restarts: readonly number[];
  readonly partitions: number;
}

/** Streams the batches, stopping and restarting on a shared checkpoint at the chosen batch indexes. */
export async function stream(sc: StreamPlan, build: (df: DataFrame) => DataFrame, mode: 'append' | 'update' | 'complete', extra: Event[][] = []) {
  const batches = [...split(sc.events, sc.cuts), ...extra];
  const store = new MemoryCheckpointStore();
  const emitted: Row[][] = [];
  let done = 0;
  const restarts = new Set(sc.restarts);
  while (done < batches.length) {
    const engine = createEngine({ numStatePartitions: sc.partitions });
    const source = engine.readStream.memory(EVENTS, 'events');
    for (const b of batches.slice(0, done)) source.addData(b);
    const q = await build(source.toDF())
      .writeStream.outputMode(mode)
      .checkpointStore(store)
      .foreachBatch((rows) => void emitted.push(rows))
      .start();
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
export function latestPerGroup(emitted: Row[][], group: (r: Row) => string): Row[] {
  const last = new Map<string, Row>();
  for (const rows of emitted) for (const r of rows) last.set(group(r), r);
  return [...last.values()];
}

export async function batchRows(events: Event[], build: (df: DataFrame) => DataFrame): Promise<Row[]> {
  return build(createEngine().read.rows(events, EVENTS)).collect();
}

export const RUNNING_SUM = schema({ key: 'string', total: 'long', events: 'long' });

/** mapGroupsWithState body for the keyed-state properties: running sum of v and count per key. */
export function runningSum(key: Row, rows: readonly Row[], state: GroupState<{ total: number; events: number }>): Row {
  const s = state.get() ?? { total: 0, events: 0 };
  for (const r of rows) {
    s.total += r.v as number;
    s.events += 1;
  }
  state.update(s);
  return { key: key.key, total: s.total, events: s.events };
}
