// What DataStreamWriter collects; frozen and handed to the query.
import type { Row } from '../columnar/row-conversion';
import type { BatchContext, CheckpointStore, OutputMode, OutputsSink, StreamSink } from '../types/contracts';

export type Trigger = { readonly processingTime: string | number } | { readonly availableNow: true } | { readonly once: true };

export type ForeachBatchFunction = (rows: Row[], batchId: number, context: BatchContext) => void | Promise<void>;

export interface WriterConfig {
  readonly outputMode: OutputMode;
  readonly trigger: Trigger | null;
  readonly options: Readonly<Record<string, string>>;
  readonly format: 'memory' | null;
  readonly queryName: string | null;
  readonly foreachBatch: ForeachBatchFunction | null;
  readonly sink: StreamSink | null;
  /** The sink of a query with several outputs (engine.writeStreams). */
  readonly outputsSink?: OutputsSink | null;
  /** Side output for rows stateful operators drop as late (LATE_ROWS_SCHEMA, append). */
  readonly lateRowsSink?: StreamSink | null;
  readonly checkpointStore: CheckpointStore | null;
}
