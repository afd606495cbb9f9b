// The seams between the streaming runtime and the connectors (as in Spark's Source / Sink /
// checkpoint logs). Connectors implement these; the micro-batch executor drives them.
import type { RecordBatch, Schema, Table } from 'apache-arrow';

/** A JSON value that identifies a position in a source (per-partition offsets, file lists, ...). */
export type Offset = null | boolean | number | string | Offset[] | { [key: string]: Offset };

/** A replayable, unbounded source: the same (start, end] always returns the same rows. */
export interface StreamSource {
  /** Stable name, used as the key of this source's offsets in the checkpoint. */
  readonly name: string;
  readonly schema: Schema;
  /**
   * The newest offset available now, or undefined if the source has no data yet. `start` is the
   * end offset of the last planned batch (the engine passes it, so rate limits such as
   * maxOffsetsPerTrigger count from there after a restart). (additive)
   */
  latestOffset(start?: Offset): Promise<Offset | undefined>;
  /** Rows after `start` (exclusive; undefined = from the beginning) up to `end` (inclusive). */
  getBatch(start: Offset | undefined, end: Offset): Promise<Table>;
  /** Everything up to `end` is committed by the query and will not be asked for again. */
  commit(end: Offset): Promise<void>;
  stop(): Promise<void>;
  /**
   * Projection pushdown: the same source (same name and offsets) reading at least `columns` of
   * `schema`; its batches may leave the other columns out. (additive, optional)
   */
  withColumns?(columns: readonly string[]): StreamSource;
  /**
   * Facts about the rows the last getBatch returned that are not rows themselves (e.g. records a
   * parsing source sent to dead letters): handed to sinks as BatchContext.sourceFacts[name] and shown
   * in progress. Deterministic for a (start, end] range, like the rows. (additive, optional)
   */
  batchFacts?(): Readonly<Record<string, unknown>> | undefined;
}

export type OutputMode = 'append' | 'update' | 'complete';

/** What the executor hands a sink with every batch: filled in, never looked up. */
export interface BatchContext {
  readonly queryName: string;
  readonly batchId: number;
  readonly outputMode: OutputMode;
  /** End offsets of this batch per source name (what the offsets log recorded). */
  readonly endOffsets: Readonly<Record<string, Offset>>;
  readonly watermarkMs: number;
  readonly batchTimestampMs: number;
  /** Input rows this batch's stateful operators dropped as later than the watermark (Spark's stateOperators[].numRowsDroppedByWatermark, summed). (additive) */
  readonly numRowsDroppedByWatermark?: number;
  /** The output these rows belong to, in a query with several outputs (engine.writeStreams). (additive) */
  readonly outputName?: string;
  /** Each source's batchFacts() for this batch, by source name. (additive) */
  readonly sourceFacts?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/** One output of a query with several outputs: its rows and its context (outputName set). */
export interface QueryOutput {
  readonly name: string;
  readonly data: Table;
  readonly context: BatchContext;
}

/**
 * The sink of a query with several outputs (engine.writeStreams): every output of a batch in one call,
 * so a transactional store can commit them together. Idempotent per batch id, as StreamSink.
 */
export interface OutputsSink {
  addOutputs(outputs: readonly QueryOutput[], context: BatchContext): Promise<void>;
}

/** A sink must be idempotent per batch id: a replayed batch id changes nothing. */
export interface StreamSink {
  addBatch(data: Table, context: BatchContext): Promise<void>;
}

/** Offsets-log entry, written before a batch runs. */
export interface OffsetLogEntry {
  readonly endOffsets: Record<string, Offset>;
  readonly watermarkMs: number;
  readonly batchTimestampMs: number;
  /**
   * Where this batch starts per source (the previous batch's end offsets; absent = from the
   * beginning). Written by the engine so a replay needs only the latest entry. (additive)
   */
  readonly startOffsets?: Record<string, Offset>;
  /** Watermark used to drop late rows in this batch (the previous batch's watermark). (additive) */
  readonly lateEventsWatermarkMs?: number;
  /**
   * A query with several outputs: each output's own watermark and late-events watermark, in output
   * order (watermarkMs is then the newest of them). (additive)
   */
  readonly outputWatermarksMs?: readonly number[];
  readonly outputLateEventsWatermarksMs?: readonly number[];
}

/** A bounded source read chunk by chunk (files, tables): the batch counterpart of StreamSource. */
export interface BatchSource {
  readonly schema: Schema;
  batches(): AsyncIterable<Table | RecordBatch> | Iterable<Table | RecordBatch>;
  /** Projection pushdown: the same source reading at least `columns`; batches may leave the others out. (additive, optional) */
  withColumns?(columns: readonly string[]): BatchSource;
}

/** The formats the file readers know. */
export type FileFormat = 'parquet' | 'csv' | 'json' | 'arrow';

/** A read of a file or folder of one format (the files connector). */
export interface ReadFilesOptions {
  readonly format: FileFormat;
  /** Required for CSV; optional (inferred / taken from the file) for the others. */
  readonly schema?: Schema;
  readonly batchSize?: number;
  /**
   * Columns to read (projection pushdown): Parquet decodes and CSV converts only these; JSON and Arrow
   * read every column. Default: every column of the schema.
   */
  readonly columns?: readonly string[];
  /** CSV only. */
  readonly header?: boolean;
  readonly delimiter?: string;
  readonly mode?: 'failFast' | 'permissive';
}

/** New files of a folder as a stream (the files connector). */
export interface FileStreamOptions extends Omit<ReadFilesOptions, 'format' | 'schema' | 'columns'> {
  readonly format: FileFormat;
  /** Stream sources need their schema up front (as in Spark). */
  readonly schema: Schema;
  /** At most this many new files per micro-batch (default: all available). */
  readonly maxFilesPerTrigger?: number;
  /** Source name in the checkpoint (default `files:<dir>`). */
  readonly name?: string;
}

/**
 * The files connector as the engine's readers see it (`engine.read.parquet`, `readStream.files`):
 * `createEngine({ files: fileSources })` takes it from @shelfstream/files-connector, so the core never imports it.
 */
export interface FileSources {
  batch(path: string, options: ReadFilesOptions): Promise<BatchSource>;
  stream(dir: string, options: FileStreamOptions): StreamSource;
}

/** Commit-log entry, written after the sink accepted the batch. */
export interface CommitLogEntry {
  readonly nextBatchWatermarkMs: number;
  /** A query with several outputs: each output's watermark for the next batch, in output order. (additive) */
  readonly nextBatchOutputWatermarksMs?: readonly number[];
}

/** Where a query keeps its offsets log, commit log and versioned state (a folder, or Postgres). */
export interface CheckpointStore {
  readMetadata(): Promise<Record<string, unknown> | undefined>;
  writeMetadata(metadata: Record<string, unknown>): Promise<void>;
  writeOffsets(batchId: number, entry: OffsetLogEntry): Promise<void>;
  latestOffsets(): Promise<{ batchId: number; entry: OffsetLogEntry } | undefined>;
  writeCommit(batchId: number, entry: CommitLogEntry): Promise<void>;
  latestCommit(): Promise<{ batchId: number; entry: CommitLogEntry } | undefined>;
  /** State of one operator partition after `version` batches (Arrow IPC bytes or similar). */
  writeState(operatorId: number, partition: number, version: number, bytes: Uint8Array): Promise<void>;
  /**
   * Several state parts of one version at once (e.g. one transaction, one durable commit instead of one per
   * part); the engine uses it when present, else writeState per part. (additive, optional)
   */
  writeStates?(version: number, parts: readonly { readonly operatorId: number; readonly partition: number; readonly bytes: Uint8Array }[]): Promise<void>;
  readState(operatorId: number, partition: number, version: number): Promise<Uint8Array | undefined>;
  /** Drops log entries and state versions older than `keepFromBatchId`. */
  purge(keepFromBatchId: number): Promise<void>;
}
