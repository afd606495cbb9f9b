// The analyzed plan: resolved and typed, with each node's output schema, whether it is streaming,
// and which output columns carry event time (column index -> watermark operator id).
import type { StreamSource } from '../types/contracts';
import type { GroupAggregate } from '../expressions/aggregate-descriptor';
import type { AggregateFn } from '../expressions/expr-node';
import type { BoundedInput, JoinType, LateRows } from '../plan/plan-node';
import type { GroupStateSpec } from '../plan/group-state-spec';
import type { DataType, StructType } from '../types/data-type';
import type { BoundExpr } from './bound-expr';

interface Common {
  readonly schema: StructType;
  readonly streaming: boolean;
  readonly eventTime: ReadonlyMap<number, number>;
}

export interface TimeWindowSpec {
  readonly kind: 'time';
  readonly time: BoundExpr;
  readonly sizeMs: number;
  readonly slideMs: number;
  readonly startMs: number;
}

export interface SessionWindowSpec {
  readonly kind: 'session';
  readonly time: BoundExpr;
  readonly gapMs: number;
}

/** A window grouping key: fixed (tumbling/sliding) or session. */
export type WindowSpec = TimeWindowSpec | SessionWindowSpec;

export interface AggregateSpec {
  readonly fn: AggregateFn;
  readonly arg: BoundExpr | null;
  readonly type: DataType;
  /** Descriptor-defined aggregates: the state life cycle (null for the fixed-slot ones). */
  readonly state: GroupAggregate | null;
}

/** A stored row of one join side can be evicted once `row[column] <= watermark + offsetMs`. */
export interface StateEviction {
  readonly column: number;
  readonly offsetMs: number;
}

/** Per join side (index 0 left, 1 right), columns are that side's own indexes. */
export interface StreamJoinSpec {
  /** The side's event-time column: rows at or behind the late-events watermark are dropped. */
  readonly lateColumns: readonly [number | null, number | null];
  /** When a stored row can no longer match (from the time-range condition and the other side's watermark). */
  readonly eviction: readonly [readonly StateEviction[], readonly StateEviction[]];
  /** Some eviction comes from a time interval, not an equality of event times: its output can lag the watermark. */
  readonly timeInterval: boolean;
}

/** The grouping key that lets a streaming aggregation drop late rows and evict state. */
export interface EventTimeKey {
  readonly keyIndex: number;
  readonly kind: 'window' | 'timestamp';
}

export type AnalyzedPlan =
  | (Common & { readonly kind: 'LocalRelation'; readonly input: BoundedInput })
  | (Common & { readonly kind: 'StreamRelation'; readonly source: StreamSource })
  | (Common & { readonly kind: 'Project'; readonly child: AnalyzedPlan; readonly exprs: readonly BoundExpr[] })
  | (Common & { readonly kind: 'Filter'; readonly child: AnalyzedPlan; readonly condition: BoundExpr })
  | (Common & {
      readonly kind: 'Watermark';
      readonly child: AnalyzedPlan;
      readonly column: number;
      readonly delayMs: number;
      readonly watermarkId: number;
    })
  | (Common & {
      readonly kind: 'Aggregate';
      readonly child: AnalyzedPlan;
      /** Grouping keys; the window key (if any) is `null` here and described by `window`. */
      readonly keys: readonly (BoundExpr | null)[];
      readonly window: WindowSpec | null;
      readonly aggs: readonly AggregateSpec[];
      readonly eventTimeKey: EventTimeKey | null;
    })
  | (Common & {
      readonly kind: 'Join';
      readonly left: AnalyzedPlan;
      readonly right: AnalyzedPlan;
      readonly leftKeys: readonly number[];
      readonly rightKeys: readonly number[];
      /** Right-side columns appended to the output (all but same-named join keys). */
      readonly rightOutput: readonly number[];
      readonly how: JoinType;
      /** Filter over an output row, deciding which key-matched pairs join (null: every one). */
      readonly condition: BoundExpr | null;
      /** Set when both sides are streams: how the symmetric hash join drops late rows and evicts state. */
      readonly streamJoin: StreamJoinSpec | null;
    })
  | (Common & {
      readonly kind: 'GroupState';
      readonly child: AnalyzedPlan;
      readonly keys: readonly BoundExpr[];
      readonly keyNames: readonly string[];
      readonly spec: GroupStateSpec;
      /** Event-time column of the input (for late filtering and eventTime timeouts). */
      readonly eventTimeColumn: number | null;
    })
  | (Common & {
      readonly kind: 'Dedupe';
      readonly child: AnalyzedPlan;
      /** Key column indexes (every column when none were named). */
      readonly keys: readonly number[];
      /** The input's event-time column and its watermark delay (null: no watermark upstream). */
      readonly timeColumn: number | null;
      readonly delayMs: number | null;
      readonly lateRows: LateRows;
    })
  | (Common & { readonly kind: 'Union'; readonly children: readonly AnalyzedPlan[] });

export function walkPlan(plan: AnalyzedPlan, visit: (node: AnalyzedPlan) => void): void {
  visit(plan);
  switch (plan.kind) {
    case 'LocalRelation':
    case 'StreamRelation':
      return;
    case 'Join':
      walkPlan(plan.left, visit);
      walkPlan(plan.right, visit);
      return;
    case 'Union':
      plan.children.forEach((c) => walkPlan(c, visit));
      return;
    default:
      walkPlan(plan.child, visit);
  }
}

/** Event-time columns of `plan` that hold timestamps (a window struct carries event time for window_time() only). */
export function timestampEventColumns(plan: AnalyzedPlan): number[] {
  return [...plan.eventTime.keys()].filter((c) => plan.schema.fields[c].type === 'timestamp');
}

/**
 * Whether every streaming row reaching `plan`'s output was emitted by a streaming aggregation (so its
 * event time is a window's window_time or an emitted time key, never behind the previous watermark).
 */
export function rowsFromAggregation(plan: AnalyzedPlan): boolean {
  switch (plan.kind) {
    case 'StreamRelation':
      return false;
    case 'LocalRelation':
      return true;
    case 'Aggregate':
      return plan.streaming || rowsFromAggregation(plan.child);
    case 'Union':
      return plan.children.every(rowsFromAggregation);
    case 'Join':
      return rowsFromAggregation(plan.left) && (!plan.streamJoin || rowsFromAggregation(plan.right));
    default:
      return rowsFromAggregation(plan.child);
  }
}
