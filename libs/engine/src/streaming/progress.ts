// Per-batch progress, shaped like Spark's StreamingQueryProgress (times in ms since the epoch).
import type { Offset } from '../types/contracts';

export interface StateOperatorProgress {
  readonly operatorId: number;
  /** 'aggregate', 'flatMapGroupsWithState' or 'dedupeWithinWatermark'. */
  readonly operatorName: string;
  readonly numRowsTotal: number;
  readonly numRowsUpdated: number;
  readonly numRowsRemoved: number;
  readonly numRowsDroppedByWatermark: number;
  /** Operator-specific counters (dedupe: numLateRowsKept). */
  readonly customMetrics?: Readonly<Record<string, number>>;
}

export interface SourceProgress {
  readonly name: string;
  readonly startOffset: Offset | undefined;
  readonly endOffset: Offset | undefined;
  readonly numInputRows: number;
  /** The source's batchFacts() for this batch (e.g. dead letters), when it has any. */
  readonly facts?: Readonly<Record<string, unknown>>;
}

export interface StreamingQueryProgress {
  readonly id: string;
  readonly runId: string;
  readonly name: string;
  readonly batchId: number;
  /** Batch timestamp (ms). */
  readonly timestampMs: number;
  readonly isNoDataBatch: boolean;
  readonly numInputRows: number;
  readonly inputRowsPerSecond: number;
  readonly processedRowsPerSecond: number;
  readonly numOutputRows: number;
  /** Phase durations: latestOffset, walCommit, getBatch, execution, stateCommit, addBatch, commit, triggerExecution. */
  readonly durationMs: Readonly<Record<string, number>>;
  /**
   * Empty unless the query defines a watermark (as in Spark); then watermarkMs = the watermark this batch
   * ran with, and min/max/avg of the event times for batches with input.
   */
  readonly eventTime: { readonly watermarkMs?: number; readonly minMs?: number; readonly maxMs?: number; readonly avgMs?: number };
  readonly stateOperators: readonly StateOperatorProgress[];
  readonly sources: readonly SourceProgress[];
}
