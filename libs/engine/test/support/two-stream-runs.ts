// Two streams fed step by step into a query with one restart at `restartAt`, and the same rows run as one
// batch (the last step only moves the watermarks on).
import { createEngine, type DataFrame, type Row, type StreamingQuery, type StructType } from '../../src/index';
import { restartAt as cutsAt, restartedRuns } from './restarted-runs';

export type TwoStreamStep = readonly [readonly Row[], readonly Row[]];

export async function twoStreamRuns(
  schemas: readonly [StructType, StructType],
  steps: readonly TwoStreamStep[],
  build: (left: DataFrame, right: DataFrame) => DataFrame,
  options: { restartAt: number; afterRun?: (query: StreamingQuery) => void },
): Promise<{ streamed: Row[]; batch: Row[] }> {
  const { emitted } = await restartedRuns(schemas, steps, (l, r) => build(l, r), {
    cuts: cutsAt(options.restartAt, steps.length),
    afterRun: options.afterRun,
  });
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
  return { streamed: emitted, batch };
}
