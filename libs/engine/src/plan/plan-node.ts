// Logical plan nodes: frozen, `kind`-tagged data built by DataFrame; names are unresolved here.
import type { ColumnBatch } from '../columnar/column-batch';
import type { ExprNode } from '../expressions/expr-node';
import type { StreamSource } from '../types/contracts';
import type { StructType } from '../types/data-type';
import type { GroupStateSpec } from './group-state-spec';

/** A bounded input: yields its rows as columnar chunks (sync or async, so files can stream). */
export interface BoundedInput {
  readonly schema: StructType;
  /** True when every read yields the same rows (in-memory data): a join may hash it once. */
  readonly immutable?: boolean;
  chunks(): Iterable<ColumnBatch> | AsyncIterable<ColumnBatch>;
  /**
   * Projection pushdown: the same input reading only `columns` (names of `schema`); its chunks keep
   * the full schema with the other columns all null. Absent: the input reads every column.
   */
  withColumns?(columns: readonly string[]): BoundedInput;
}

export type JoinType = 'inner' | 'left';

export interface LocalRelationNode {
  readonly kind: 'LocalRelation';
  readonly input: BoundedInput;
}
export interface StreamRelationNode {
  readonly kind: 'StreamRelation';
  readonly source: StreamSource;
  readonly schema: StructType;
}
export interface ProjectNode {
  readonly kind: 'Project';
  readonly child: PlanNode;
  readonly exprs: readonly ExprNode[];
}
export interface FilterNode {
  readonly kind: 'Filter';
  readonly child: PlanNode;
  readonly condition: ExprNode;
}
export interface WatermarkNode {
  readonly kind: 'Watermark';
  readonly child: PlanNode;
  readonly column: string;
  readonly delayMs: number;
}
export interface AggregateNode {
  readonly kind: 'Aggregate';
  readonly child: PlanNode;
  readonly keys: readonly ExprNode[];
  readonly aggs: readonly ExprNode[];
}
export interface JoinNode {
  readonly kind: 'Join';
  readonly left: PlanNode;
  readonly right: PlanNode;
  /** Same-named key columns (kept once in the output). */
  readonly on: readonly string[];
  /** Extra condition over the output row: equalities between a left and a right column become keys. */
  readonly condition: ExprNode | null;
  readonly how: JoinType;
}
export interface GroupStateNode {
  readonly kind: 'GroupState';
  readonly child: PlanNode;
  readonly keys: readonly ExprNode[];
  readonly spec: GroupStateSpec;
}
/** What dropDuplicatesWithinWatermark does with a row at or behind the watermark (late). */
export type LateRows = 'drop' | 'keep';
export interface DedupeNode {
  readonly kind: 'Dedupe';
  readonly child: PlanNode;
  /** Key columns; empty = every column. */
  readonly columns: readonly string[];
  readonly lateRows: LateRows;
}
export interface UnionNode {
  readonly kind: 'Union';
  readonly children: readonly PlanNode[];
}

export type PlanNode =
  LocalRelationNode | StreamRelationNode | ProjectNode | FilterNode | WatermarkNode | AggregateNode | JoinNode | GroupStateNode | DedupeNode | UnionNode;

const freeze = <T extends PlanNode>(node: T): T => Object.freeze(node);

export const LocalRelationNode = {
  create: (input: BoundedInput): LocalRelationNode => freeze({ kind: 'LocalRelation', input }),
};
export const StreamRelationNode = {
  create: (source: StreamSource, schema: StructType): StreamRelationNode => freeze({ kind: 'StreamRelation', source, schema }),
};
export const ProjectNode = {
  create: (child: PlanNode, exprs: readonly ExprNode[]): ProjectNode => freeze({ kind: 'Project', child, exprs: Object.freeze([...exprs]) }),
};
export const FilterNode = {
  create: (child: PlanNode, condition: ExprNode): FilterNode => freeze({ kind: 'Filter', child, condition }),
};
export const WatermarkNode = {
  create: (child: PlanNode, column: string, delayMs: number): WatermarkNode => freeze({ kind: 'Watermark', child, column, delayMs }),
};
export const AggregateNode = {
  create: (child: PlanNode, keys: readonly ExprNode[], aggs: readonly ExprNode[]): AggregateNode =>
    freeze({ kind: 'Aggregate', child, keys: Object.freeze([...keys]), aggs: Object.freeze([...aggs]) }),
};
export const JoinNode = {
  create: (left: PlanNode, right: PlanNode, on: readonly string[], how: JoinType, condition: ExprNode | null = null): JoinNode =>
    freeze({ kind: 'Join', left, right, on: Object.freeze([...on]), condition, how }),
};
export const GroupStateNode = {
  create: (child: PlanNode, keys: readonly ExprNode[], spec: GroupStateSpec): GroupStateNode =>
    freeze({ kind: 'GroupState', child, keys: Object.freeze([...keys]), spec }),
};
export const DedupeNode = {
  create: (child: PlanNode, columns: readonly string[], lateRows: LateRows): DedupeNode =>
    freeze({ kind: 'Dedupe', child, columns: Object.freeze([...columns]), lateRows }),
};
export const UnionNode = {
  create: (children: readonly PlanNode[]): UnionNode => freeze({ kind: 'Union', children: Object.freeze([...children]) }),
};
