// Push-based physical operators. The driver opens every operator with the per-batch facts, pushes
// input chunks into the leaves, then finishes the leaves; finish() travels up once all inputs are done.
import type { ColumnBatch } from '../columnar/column-batch';
import type { OutputMode } from '../types/contracts';
import type { StructType } from '../types/data-type';
import type { StatePartitioning } from './key-encoding';
import type { LateRowBuffer } from './late-rows';

/** Facts of one (micro-)batch, filled in by the driver; operators never read clocks or config. */
export interface OperatorContext {
  readonly mode: 'batch' | 'stream';
  readonly outputMode: OutputMode;
  readonly batchId: number;
  readonly batchTimestampMs: number;
  /** Watermark this batch runs with: used for eviction, timeouts and emission. */
  readonly watermarkMs: number;
  /** Watermark used to drop late rows (the previous batch's, as Spark >= 3.4). */
  readonly lateWatermarkMs: number;
  /** Stateful operators keep the rows they drop as late (the query has a late-rows side output). */
  readonly keepLateRows?: boolean;
}

export const BATCH_CONTEXT: OperatorContext = Object.freeze({
  mode: 'batch',
  outputMode: 'complete',
  batchId: 0,
  batchTimestampMs: 0,
  watermarkMs: 0,
  lateWatermarkMs: 0,
});

export abstract class Operator {
  parent: Operator | null = null;
  protected ctx: OperatorContext = BATCH_CONTEXT;
  private pendingInputs = 0;
  /**
   * Set by the planner on a stateful operator whose input rows all come out of aggregations. A window
   * row's event time is window_time = end - 1 ms, at least the previous watermark (its end is after it,
   * or it would have been emitted before); Spark's is end - 1 µs, after it. Judging these rows by the
   * previous watermark - 1 ms makes Spark's late decisions (late iff end <= watermark) with ms timestamps.
   */
  followsAggregation = false;

  constructor(
    readonly schema: StructType,
    readonly inputs: readonly Operator[],
  ) {
    for (const input of inputs) input.parent = this;
  }

  open(ctx: OperatorContext): void {
    this.ctx = this.followsAggregation ? { ...ctx, lateWatermarkMs: ctx.lateWatermarkMs - 1 } : ctx;
    this.pendingInputs = Math.max(1, this.inputs.length);
    for (const input of this.inputs) input.open(ctx);
  }

  abstract push(batch: ColumnBatch): void;

  /** Called once per input when it has no more rows for this batch. */
  finish(): void {
    if (--this.pendingInputs > 0) return;
    this.flush();
    this.parent?.finish();
  }

  /** Emits what is held until the end of the batch (stateful operators). */
  protected flush(): void {
    // stateless operators hold nothing back
  }

  protected emit(batch: ColumnBatch): void {
    if (batch.length > 0) this.parent?.push(batch);
  }
}

export interface StatefulStats {
  numRowsTotal: number;
  numRowsUpdated: number;
  numRowsRemoved: number;
  numRowsDroppedByWatermark: number;
}

/** Full state snapshots at versions divisible by this (deltas between); the executor purges only up to one. */
export const FULL_SNAPSHOT_EVERY = 10;

/**
 * Which snapshots are full: version 1 (nothing to base a delta on) and every FULL_SNAPSHOT_EVERY-th
 * version. After a restart the first snapshot is a delta on the restored version, which the store holds
 * with its chain back to a full one: a restart does not rewrite the whole state.
 */
export class SnapshotSchedule {
  isFull(version: number): boolean {
    return version <= 1 || version % FULL_SNAPSHOT_EVERY === 0;
  }
}

/** A stateful operator whose state is versioned and checkpointed per partition. */
export interface StatefulOperator {
  /** Position in the plan (children first), the key of its state in the checkpoint. */
  readonly operatorId: number;
  /** What kind of state it keeps (progress `operatorName`, checkpoint compatibility). */
  readonly stateKind: string;
  /** Operator-specific counters of the last batch (progress `customMetrics`). */
  readonly customMetrics?: Readonly<Record<string, number>>;
  readonly stats: StatefulStats;
  readonly numStateRows: number;
  /** Rows dropped as late in this batch, when `keepLateRows` (operators that drop late rows). */
  readonly lateRows?: LateRowBuffer;
  /**
   * Whether a batch without new data should run at `newWatermarkMs` (it would emit, evict or time out
   * something). `ctx` is the last batch's context; `nowMs` the candidate batch timestamp.
   */
  shouldRunNoDataBatch(newWatermarkMs: number, ctx: OperatorContext, nowMs: number): boolean;
  /** State after this batch as `version`, one blob per partition (full snapshot or delta). */
  snapshot(partitioning: StatePartitioning, version: number): Uint8Array[];
  /** Loads state from, per partition, a chain of blobs: a full snapshot then deltas, oldest first. */
  restore(chains: readonly (readonly Uint8Array[])[]): void;
}

export const isStateful = (op: unknown): op is StatefulOperator & Operator => typeof (op as StatefulOperator).snapshot === 'function';
