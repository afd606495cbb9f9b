// Two memory streams fed step by step into a query, stopped and restarted from its checkpoint at
// `restartAt`, and the same rows run as one batch (the last step only moves the watermarks on).
import { createEngine, type DataFrame, type Row, type StreamingQuery, type StructType } from '../../src/index';
import { MemoryCheckpointStore } from '../../src/testing/index';

export type TwoStreamStep = readonly [readonly Row[], readonly Row[]];

export interface TwoStreamRuns {
  readonly streamed: Row[];
  readonly batch: Row[];
}

export async function twoStreamRuns(
  schemas: readonly [StructType, StructType],
  steps: readonly TwoStreamStep[],
  build: (left: DataFrame, right: DataFrame) => DataFrame,
  options: { restartAt: number; afterRun?: (query: StreamingQuery) => void },
): Promise<TwoStreamRuns> {
  const store = new MemoryCheckpointStore();
  const streamed: Row[] = [];
  for (const [from, to] of [
    [0, options.restartAt],
    [options.restartAt, steps.length],
  ] as const) {
    const engine = createEngine({ numStatePartitions: 2 });
    const left = engine.readStream.memory(schemas[0], 'left');
    const right = engine.readStream.memory(schemas[1], 'right');
    for (const [l, r] of steps.slice(0, from)) {
      left.addData([...l]);
      right.addData([...r]);
    }
    const query = await build(left.toDF(), right.toDF())
      .writeStream.outputMode('append')
      .checkpointStore(store)
      .foreachBatch((rows) => void streamed.push(...rows))
      .start();
    await query.processAllAvailable();
    for (const [l, r] of steps.slice(from, to)) {
      left.addData([...l]);
      right.addData([...r]);
      await query.processAllAvailable();
    }
    options.afterRun?.(query);
    await query.stop();
  }
  const engine = createEngine();
  const data = steps.slice(0, -1);
  const batch = await build(
    engine.read.rows(
      data.flatMap(([l]) => [...l]),
      schemas[0],
    ),
    engine.read.rows(
      data.flatMap(([, r]) => [...r]),
      schemas[1],
    ),
  ).collect();
  return { streamed, batch };
}
