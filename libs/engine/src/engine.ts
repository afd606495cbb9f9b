// createEngine(): the entry point holding readers, settings and memory-sink tables.
import type { Row } from './columnar/row-conversion';
import { DataFrameReader, DataStreamReader } from './dataframe/readers';
import { type EngineContext, type EngineOptions, type ResolvedEngineOptions, systemClock } from './engine-context';
import { EngineError } from './errors/engine-error';
import { partitionOf } from './execution/key-encoding';
import { DataStreamWriter, type StreamingOutputs } from './streaming/data-stream-writer';
import type { MemorySink } from './streaming/memory-sink';

export class Engine implements EngineContext {
  readonly options: ResolvedEngineOptions;
  readonly memoryTables = new Map<string, MemorySink>();
  readonly activeQueries = new Set<string>();
  /** Bounded inputs: rows, Arrow tables, connector batch sources. */
  readonly read: DataFrameReader;
  /** Unbounded inputs: MemoryStream, connector stream sources. */
  readonly readStream: DataStreamReader;

  constructor(options: EngineOptions = {}) {
    const resolved: ResolvedEngineOptions = {
      clock: options.clock ?? systemClock,
      numStatePartitions: options.numStatePartitions ?? 1,
      statePartitioner: options.statePartitioner ?? partitionOf,
      multipleWatermarkPolicy: options.multipleWatermarkPolicy ?? 'min',
      noDataMicroBatches: options.noDataMicroBatches ?? true,
      pollIntervalMs: options.pollIntervalMs ?? 100,
      chunkRows: options.chunkRows ?? 65_536,
      minBatchesToRetain: options.minBatchesToRetain ?? 10,
    };
    if (resolved.multipleWatermarkPolicy !== 'min' && resolved.multipleWatermarkPolicy !== 'max') {
      throw new EngineError('INVALID_ARGUMENT', `multipleWatermarkPolicy must be 'min' or 'max', got '${String(resolved.multipleWatermarkPolicy)}'`);
    }
    if (!Number.isInteger(resolved.numStatePartitions) || resolved.numStatePartitions < 1) {
      throw new EngineError('INVALID_ARGUMENT', 'numStatePartitions must be a positive integer');
    }
    if (!(resolved.chunkRows > 0) || !(resolved.minBatchesToRetain >= 1)) {
      throw new EngineError('INVALID_ARGUMENT', 'chunkRows and minBatchesToRetain must be positive');
    }
    this.options = Object.freeze(resolved);
    this.read = new DataFrameReader(this, options.files);
    this.readStream = new DataStreamReader(this, options.files);
  }

  /**
   * One streaming query with several outputs: every batch reads each source once, runs every output's
   * plan, saves all their state in one checkpoint and hands all outputs to one outputsSink() (or one
   * memory table per output, `query.output`). Stateful operators are numbered across the outputs in the
   * order given, so that order is part of the checkpoint.
   */
  writeStreams(outputs: StreamingOutputs): DataStreamWriter {
    return new DataStreamWriter(outputs);
  }

  /** The current result table of a format('memory') query (`query.output` for one of several outputs). */
  table(queryName: string): Row[] {
    const sink = this.memoryTables.get(queryName);
    if (!sink) throw new EngineError('INVALID_ARGUMENT', `no memory table named '${queryName}'`);
    return sink.rows();
  }

  /** The memory sink of a format('memory') query (per-batch rows). */
  memorySink(queryName: string): MemorySink | undefined {
    return this.memoryTables.get(queryName);
  }
}

export function createEngine(options?: EngineOptions): Engine {
  return new Engine(options);
}
