// Engine-wide settings and registries that DataFrames and queries share (no globals).
import type { MemorySink } from './streaming/memory-sink';
import type { StatePartitioner } from './execution/key-encoding';
import type { FileSources } from './types/contracts';

/** Where the streaming runtime reads time from (tests pass a manual clock). */
export interface Clock {
  now(): number;
}
export const systemClock: Clock = { now: () => Date.now() };

export interface EngineOptions {
  readonly clock?: Clock;
  /** Number of state partitions per stateful operator (fixed for a checkpoint). Default 1. */
  readonly numStatePartitions?: number;
  /** Key -> state partition (default: FNV-1a of the key's non-window parts). Fixed for a checkpoint. */
  readonly statePartitioner?: StatePartitioner;
  /** How several watermarks combine into the global one ('min' default, as Spark). */
  readonly multipleWatermarkPolicy?: 'min' | 'max';
  /** Run no-data batches when the watermark moved and an operator would emit/evict (default true). */
  readonly noDataMicroBatches?: boolean;
  /** How often an idle streaming query asks its sources for new data. Default 100 ms. */
  readonly pollIntervalMs?: number;
  /** Max rows per columnar chunk when reading Arrow tables. Default 65,536. */
  readonly chunkRows?: number;
  /** Committed batches kept in a checkpoint (older offsets/commits/state are purged). Default 10. */
  readonly minBatchesToRetain?: number;
  /**
   * The files connector behind read.parquet/csv/json/arrow(path) and readStream.files: `fileSources` from
   * @shelfstream/files-connector (the core never imports a connector). Without it those readers throw.
   */
  readonly files?: FileSources;
}

export interface ResolvedEngineOptions {
  readonly clock: Clock;
  readonly numStatePartitions: number;
  readonly statePartitioner: StatePartitioner;
  readonly multipleWatermarkPolicy: 'min' | 'max';
  readonly noDataMicroBatches: boolean;
  readonly pollIntervalMs: number;
  readonly chunkRows: number;
  readonly minBatchesToRetain: number;
}

export interface EngineContext {
  readonly options: ResolvedEngineOptions;
  /** Tables written by format('memory') sinks, by query name. */
  readonly memoryTables: Map<string, MemorySink>;
  /** Names of running queries (a name can run once at a time). */
  readonly activeQueries: Set<string>;
}
