// engine.writeStreams: one query, several outputs. Each batch reads the source once, runs every
// output's plan (their stateful operators numbered across outputs in one checkpoint) and hands all
// outputs to one OutputsSink; the same events give each output the table its own batch run gives, in
// any split into micro-batches and across restarts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  col,
  count,
  createEngine,
  type BatchContext,
  type DataFrame,
  type Engine,
  type Offset,
  type OutputsSink,
  type QueryOutput,
  type Row,
  type StreamSource,
  sum,
  window,
} from '../src/index';
import { batchToRows } from '../src/columnar/row-conversion';
import { batchesFromTable, fromArrowSchema } from '../src/columnar/arrow-import';
import { MemoryCheckpointStore } from '../src/testing/index';
import { batchRows, EVENTS, type Event, latestPerGroup, RUNNING_SUM, runningSum, scenarioArb, split } from './support/stream-scenarios';

/** Three outputs over one event stream: a windowed aggregation with a watermark, keyed state, and dedupe feeding a count. */
const OUTPUTS = {
  windows: (df: DataFrame) =>
    df
      .withColumn('ts', col('t').multiply(1000).cast('timestamp'))
      .groupBy(window('ts', '10 seconds', '5 seconds'), col('key'))
      .agg(count().as('n'), sum('v').as('s'))
      .select(col('key'), col('window.start').as('start'), col('n'), col('s')),
  totals: (df: DataFrame) => df.groupByKey('key').mapGroupsWithState(runningSum, { outputSchema: RUNNING_SUM }),
  distinct: (df: DataFrame) =>
    df
      .withColumn('ts', col('t').multiply(1000).cast('timestamp'))
      .withWatermark('ts', '1000 seconds')
      .dropDuplicatesWithinWatermark(['key', 'v'])
      .groupBy('key')
      .agg(count().as('n')),
};
type OutputName = keyof typeof OUTPUTS;
const GROUP: Record<OutputName, (r: Row) => string> = {
  windows: (r) => `${String(r.key)}|${String(r.start)}`,
  totals: (r) => String(r.key),
  distinct: (r) => String(r.key),
};
const canon = (rows: Row[]) => rows.map((r) => JSON.stringify(Object.entries(r).sort())).sort();

/** Collects every output's rows per batch, skipping a batch id it has seen (idempotent, as a sink must be). */
class CollectingSink implements OutputsSink {
  readonly rows = new Map<string, Row[][]>();
  readonly contexts: BatchContext[] = [];
  private last = -1;
  async addOutputs(outputs: readonly QueryOutput[], context: BatchContext): Promise<void> {
    if (context.batchId <= this.last) return;
    this.last = context.batchId;
    this.contexts.push(context, ...outputs.map((o) => o.context));
    for (const o of outputs) {
      const rows = [...batchesFromTable(o.data, 1 << 16, fromArrowSchema(o.data.schema))].flatMap(batchToRows);
      this.rows.set(o.name, [...(this.rows.get(o.name) ?? []), rows]);
    }
  }
}

async function streamOutputs(
  batches: Event[][],
  restarts: ReadonlySet<number>,
  partitions: number,
  names: readonly OutputName[] = ['windows', 'totals', 'distinct'],
) {
  const store = new MemoryCheckpointStore();
  const sink = new CollectingSink();
  let done = 0;
  while (done < batches.length) {
    const engine = createEngine({ numStatePartitions: partitions });
    const source = engine.readStream.memory(EVENTS, 'events');
    for (const b of batches.slice(0, done)) source.addData(b);
    const events = source.toDF();
    const query = await engine
      .writeStreams(Object.fromEntries(names.map((n) => [n, OUTPUTS[n](events)])))
      .outputMode('update')
      .checkpointStore(store)
      .outputsSink(sink)
      .start();
    await query.processAllAvailable();
    do {
      source.addData(batches[done++] ?? []);
      await query.processAllAvailable();
    } while (done < batches.length && !restarts.has(done));
    await query.stop();
  }
  return { sink, store };
}

/** Runs each batch through one query with the given outputs (no restarts); every output's emitted rows and the final watermarks. */
async function runBatches(batches: Event[][], outputs: (events: DataFrame) => Record<string, DataFrame>) {
  const engine = createEngine();
  const source = engine.readStream.memory(EVENTS, 'events');
  const sink = new CollectingSink();
  const query = await engine.writeStreams(outputs(source.toDF())).outputMode('update').outputsSink(sink).start();
  for (const batch of batches) {
    source.addData(batch);
    await query.processAllAvailable();
  }
  const watermarks = query.outputWatermarksMs;
  await query.stop();
  return { rows: sink.rows, watermarks };
}

describe('a query with several outputs', () => {
  it('gives each output the table its batch run gives, for any split and restarts (property)', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (sc) => {
        // the watermark starts at 0 (the epoch) and rows at or before it are late (as Spark): times > 0
        const events = sc.events.map((e) => ({ ...e, t: Math.abs(e.t) + 1 }));
        const { sink } = await streamOutputs(split(events, sc.cuts), new Set(sc.restarts), sc.partitions);
        for (const name of Object.keys(OUTPUTS) as OutputName[]) {
          const streamed = latestPerGroup(sink.rows.get(name) ?? [], GROUP[name]);
          expect(canon(streamed), name).toEqual(canon(await batchRows(events, OUTPUTS[name])));
        }
      }),
      { numRuns: 25 },
    );
  });

  it('gives each output its own watermark: the same rows as separate queries, late rows judged per output (property)', async () => {
    const late = (delaySec: number) => (df: DataFrame) =>
      df
        .withColumn('ts', col('t').multiply(1000).cast('timestamp'))
        .withWatermark('ts', `${delaySec} seconds`)
        .groupBy(window('ts', '10 seconds'), col('key'))
        .agg(count().as('n'))
        .select(col('key'), col('window.start').as('start'), col('n'));
    const builds = { tight: late(5), loose: late(60) };
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (sc) => {
        const batches = split(sc.events, sc.cuts);
        const together = await runBatches(batches, (events) => ({ tight: builds.tight(events), loose: builds.loose(events) }));
        for (const name of ['tight', 'loose'] as const) {
          const alone = await runBatches(batches, (events) => ({ [name]: builds[name](events) }));
          // the same rows in the same order (the shared query may run extra no-data batches: empty for this output)
          expect(together.rows.get(name)?.flat(), name).toEqual(alone.rows.get(name)?.flat());
        }
        expect(Object.keys(together.watermarks)).toEqual(['tight', 'loose']);
        const newest = Math.max(...sc.events.map((e) => e.t * 1000));
        expect(together.watermarks).toEqual({ tight: Math.max(0, newest - 5_000), loose: Math.max(0, newest - 60_000) });
      }),
      { numRuns: 25 },
    );
  });

  it('numbers stateful operators across outputs and refuses a checkpoint whose outputs changed', async () => {
    const events: Event[] = [
      { key: 'a', t: 1, v: 1 },
      { key: 'b', t: 2, v: 2 },
    ];
    const { store, sink } = await streamOutputs([events], new Set(), 1);
    const metadata = await store.readMetadata();
    expect(metadata?.stateOperators).toEqual([
      'windows/0:aggregate:window,key,n,s',
      'totals/1:flatMapGroupsWithState:key,total,events',
      'distinct/2:dedupeWithinWatermark:key,t,v,ts',
      'distinct/3:aggregate:key,n',
    ]);
    // each output's context names it; the batch's context does not
    expect(sink.contexts.map((c) => c.outputName)).toEqual([undefined, 'windows', 'totals', 'distinct']);

    const engine = createEngine();
    const df = engine.readStream.memory(EVENTS, 'events').toDF();
    const reordered = engine.writeStreams({ totals: OUTPUTS.totals(df), windows: OUTPUTS.windows(df), distinct: OUTPUTS.distinct(df) });
    await expect(reordered.outputMode('update').checkpointStore(store).outputsSink(new CollectingSink()).start()).rejects.toMatchObject({
      code: 'CHECKPOINT_MISMATCH',
    });
  });

  it('reads each source once per batch and hands its batch facts to the sink and to progress', async () => {
    const engine = createEngine();
    const memory = engine.readStream.memory(EVENTS, 'events');
    const reads: string[] = [];
    const counted: StreamSource = {
      name: 'counted',
      schema: memory.schema,
      latestOffset: () => memory.latestOffset(),
      getBatch: async (start: Offset | undefined, end: Offset) => {
        reads.push(`${JSON.stringify(start) ?? 'none'}..${JSON.stringify(end)}`);
        return memory.getBatch(start, end);
      },
      batchFacts: () => ({ reads: reads.length }),
      commit: async () => undefined,
      stop: async () => undefined,
    };
    const events = engine.readStream.source(counted);
    const sink = new CollectingSink();
    const query = await engine
      .writeStreams({ windows: OUTPUTS.windows(events), totals: OUTPUTS.totals(events) })
      .outputMode('update')
      .queryName('facts')
      .outputsSink(sink)
      .start();
    memory.addData([{ key: 'a', t: 1, v: 1 }]);
    await query.processAllAvailable();
    memory.addData([{ key: 'a', t: 2, v: 1 }]);
    await query.processAllAvailable();
    await query.stop();
    expect(reads).toEqual(['none..1', '1..2']);
    expect(sink.contexts.filter((c) => c.outputName === undefined).map((c) => c.sourceFacts)).toEqual([{ counted: { reads: 1 } }, { counted: { reads: 2 } }]);
    expect(query.recentProgress.filter((p) => !p.isNoDataBatch).map((p) => p.sources[0]?.facts)).toEqual([{ reads: 1 }, { reads: 2 }]);
  });

  it('writes one memory table per output, named query.output', async () => {
    const engine: Engine = createEngine();
    const source = engine.readStream.memory(EVENTS, 'events');
    const df = source.toDF();
    const query = await engine
      .writeStreams({ totals: OUTPUTS.totals(df), distinct: OUTPUTS.distinct(df) })
      .outputMode('update')
      .format('memory')
      .queryName('retail')
      .start();
    source.addData([
      { key: 'a', t: 1, v: 1 },
      { key: 'a', t: 2, v: 1 },
    ]);
    await query.processAllAvailable();
    await query.stop();
    expect(engine.table('retail.totals')).toEqual([{ key: 'a', total: 2, events: 2 }]);
    expect(engine.table('retail.distinct')).toEqual([{ key: 'a', n: 1 }]);
  });

  it('refuses a per-frame sink for several outputs and an outputs sink for one frame, with a message', async () => {
    const engine = createEngine();
    const df = engine.readStream.memory(EVENTS, 'events').toDF();
    const both = engine.writeStreams({ totals: OUTPUTS.totals(df), distinct: OUTPUTS.distinct(df) }).outputMode('update');
    await expect(both.foreachBatch(() => undefined).start()).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('outputsSink()'),
    });
    await expect(both.start()).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(engine.writeStreams({}).outputsSink(new CollectingSink()).start()).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(OUTPUTS.totals(df).writeStream.outputMode('update').outputsSink(new CollectingSink()).start()).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('sink()'),
    });
  });
});
