// Streams steps into a query, one micro-batch per step, stopping it and starting a fresh engine on the
// same checkpoint at each cut (as after a restart); returns every row the sink saw.
import { createEngine, type DataFrame, type OutputMode, type Row, type StreamingQuery, type StreamingQueryProgress, type StructType } from '../../src/index';
import { MemoryCheckpointStore } from '../../src/testing/index';

export interface RestartedRunsOptions {
  /** [from, to) step ranges, one per run; each run first replays the steps before `from`. */
  readonly cuts: readonly (readonly [number, number])[];
  readonly mode?: OutputMode;
  /** Called before each run stops (progress checks). */
  readonly afterRun?: (query: StreamingQuery) => void;
}

/** `steps[i][j]`: the rows input `j` receives in step `i`. */
export async function restartedRuns(
  inputs: readonly StructType[],
  steps: readonly (readonly (readonly Row[])[])[],
  build: (...frames: DataFrame[]) => DataFrame,
  options: RestartedRunsOptions,
): Promise<{ emitted: Row[]; progress: StreamingQueryProgress[]; store: MemoryCheckpointStore }> {
  const store = new MemoryCheckpointStore();
  const emitted: Row[] = [];
  const progress: StreamingQueryProgress[] = [];
  for (const [from, to] of options.cuts) {
    const engine = createEngine({ numStatePartitions: 2 });
    const streams = inputs.map((schema, j) => engine.readStream.memory(schema, `input${j}`));
    const feed = (step: readonly (readonly Row[])[]) => streams.forEach((stream, j) => stream.addData([...(step[j] ?? [])]));
    steps.slice(0, from).forEach(feed);
    const query = await build(...streams.map((s) => s.toDF()))
      .writeStream.outputMode(options.mode ?? 'append')
      .checkpointStore(store)
      .foreachBatch((rows) => void emitted.push(...rows))
      .start();
    await query.processAllAvailable();
    for (const step of steps.slice(from, to)) {
      feed(step);
      await query.processAllAvailable();
    }
    if (query.lastProgress) progress.push(query.lastProgress);
    options.afterRun?.(query);
    await query.stop();
  }
  return { emitted, progress, store };
}

/** Cuts for one restart before step `at` (none when null). */
export const restartAt = (at: number | null, steps: number): [number, number][] =>
  at === null
    ? [[0, steps]]
    : [
        [0, at],
        [at, steps],
      ];
