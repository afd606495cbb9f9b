// Unresolved expression nodes: frozen data with a `kind` tag and a same-named factory.
import type { DataType } from '../types/data-type';

export type BinaryOp = '+' | '-' | '*' | '/' | '%' | '=' | '!=' | '<' | '<=' | '>' | '>=' | 'and' | 'or';
/** Aggregates with fixed float64 slots per group (execution/accumulators.ts). */
export type SlotAggregateFn = 'sum' | 'count' | 'avg' | 'min' | 'max' | 'first' | 'last';
/** Aggregates defined by a descriptor, with an object state per group (expressions/aggregates). */
export type ObjectAggregateFn = 'count_distinct' | 'approx_count_distinct' | 'percentile_approx';
export type AggregateFn = SlotAggregateFn | ObjectAggregateFn;
export type LiteralValue = string | number | boolean | null | Date;

export interface ColumnRefNode {
  readonly kind: 'ColumnRef';
  readonly name: string;
}
export interface LiteralNode {
  readonly kind: 'Literal';
  readonly value: LiteralValue;
}
export interface BinaryNode {
  readonly kind: 'Binary';
  readonly op: BinaryOp;
  readonly left: ExprNode;
  readonly right: ExprNode;
}
export interface NotNode {
  readonly kind: 'Not';
  readonly child: ExprNode;
}
export interface NegateNode {
  readonly kind: 'Negate';
  readonly child: ExprNode;
}
export interface IsNullNode {
  readonly kind: 'IsNull';
  readonly child: ExprNode;
  readonly negated: boolean;
}
export interface CaseWhenNode {
  readonly kind: 'CaseWhen';
  readonly branches: readonly (readonly [ExprNode, ExprNode])[];
  readonly otherwise: ExprNode | null;
}
export interface CoalesceNode {
  readonly kind: 'Coalesce';
  readonly args: readonly ExprNode[];
}
export interface CastNode {
  readonly kind: 'Cast';
  readonly child: ExprNode;
  readonly to: DataType;
}
export interface AliasNode {
  readonly kind: 'Alias';
  readonly child: ExprNode;
  readonly name: string;
}
export interface GetFieldNode {
  readonly kind: 'GetField';
  readonly child: ExprNode;
  readonly field: string;
}
/** Spark's struct(col, ...): a struct of the values, fields col1, col2, ...; countDistinct(a, b) takes its tuples. */
export interface StructNode {
  readonly kind: 'Struct';
  readonly args: readonly ExprNode[];
}
export interface AggregateCallNode {
  readonly kind: 'AggregateCall';
  readonly fn: AggregateFn;
  /** null = count(*) */
  readonly arg: ExprNode | null;
  /** Literal parameters after the argument (approx_count_distinct's rsd, ...); empty if none. */
  readonly params: readonly number[];
}
export interface TimeWindowNode {
  readonly kind: 'TimeWindow';
  readonly timeColumn: ExprNode;
  readonly sizeMs: number;
  readonly slideMs: number;
  readonly startMs: number;
}

export interface SessionWindowNode {
  readonly kind: 'SessionWindow';
  readonly timeColumn: ExprNode;
  readonly gapMs: number;
}
/** Spark's window_time(window): the window's end - 1 ms, an event time for a following stateful operator. */
export interface WindowTimeNode {
  readonly kind: 'WindowTime';
  readonly window: ExprNode;
}

export type ExprNode =
  | ColumnRefNode
  | LiteralNode
  | BinaryNode
  | NotNode
  | NegateNode
  | IsNullNode
  | CaseWhenNode
  | CoalesceNode
  | StructNode
  | CastNode
  | AliasNode
  | GetFieldNode
  | AggregateCallNode
  | TimeWindowNode
  | SessionWindowNode
  | WindowTimeNode;

const freeze = <T extends ExprNode>(node: T): T => Object.freeze(node);

/** The expression under any aliases. */
export const unalias = (node: ExprNode): ExprNode => (node.kind === 'Alias' ? unalias(node.child) : node);

export const ColumnRefNode = { create: (name: string): ColumnRefNode => freeze({ kind: 'ColumnRef', name }) };
export const LiteralNode = { create: (value: LiteralValue): LiteralNode => freeze({ kind: 'Literal', value }) };
export const BinaryNode = {
  create: (op: BinaryOp, left: ExprNode, right: ExprNode): BinaryNode => freeze({ kind: 'Binary', op, left, right }),
};
export const NotNode = { create: (child: ExprNode): NotNode => freeze({ kind: 'Not', child }) };
export const NegateNode = { create: (child: ExprNode): NegateNode => freeze({ kind: 'Negate', child }) };
export const IsNullNode = {
  create: (child: ExprNode, negated: boolean): IsNullNode => freeze({ kind: 'IsNull', child, negated }),
};
export const CaseWhenNode = {
  create: (branches: readonly (readonly [ExprNode, ExprNode])[], otherwise: ExprNode | null): CaseWhenNode =>
    freeze({ kind: 'CaseWhen', branches: Object.freeze(branches.map((b) => Object.freeze([...b] as const))), otherwise }),
};
export const CoalesceNode = {
  create: (args: readonly ExprNode[]): CoalesceNode => freeze({ kind: 'Coalesce', args: Object.freeze([...args]) }),
};
export const StructNode = {
  create: (args: readonly ExprNode[]): StructNode => freeze({ kind: 'Struct', args: Object.freeze([...args]) }),
};
export const CastNode = { create: (child: ExprNode, to: DataType): CastNode => freeze({ kind: 'Cast', child, to }) };
export const AliasNode = { create: (child: ExprNode, name: string): AliasNode => freeze({ kind: 'Alias', child, name }) };
export const GetFieldNode = {
  create: (child: ExprNode, field: string): GetFieldNode => freeze({ kind: 'GetField', child, field }),
};
export const AggregateCallNode = {
  create: (fn: AggregateFn, arg: ExprNode | null, params: readonly number[] = []): AggregateCallNode =>
    freeze({ kind: 'AggregateCall', fn, arg, params: Object.freeze([...params]) }),
};
export const TimeWindowNode = {
  create: (timeColumn: ExprNode, sizeMs: number, slideMs: number, startMs: number): TimeWindowNode =>
    freeze({ kind: 'TimeWindow', timeColumn, sizeMs, slideMs, startMs }),
};
export const SessionWindowNode = {
  create: (timeColumn: ExprNode, gapMs: number): SessionWindowNode => freeze({ kind: 'SessionWindow', timeColumn, gapMs }),
};
export const WindowTimeNode = { create: (window: ExprNode): WindowTimeNode => freeze({ kind: 'WindowTime', window }) };

/** Spark-like display name, used as the default output column name. */
export function exprName(node: ExprNode): string {
  switch (node.kind) {
    case 'ColumnRef':
      return node.name.includes('.') ? node.name.slice(node.name.lastIndexOf('.') + 1) : node.name;
    case 'Literal':
      return node.value instanceof Date ? node.value.toISOString() : String(node.value);
    case 'Binary':
      return `(${exprName(node.left)} ${node.op.toUpperCase()} ${exprName(node.right)})`;
    case 'Not':
      return `(NOT ${exprName(node.child)})`;
    case 'Negate':
      return `(- ${exprName(node.child)})`;
    case 'IsNull':
      return `(${exprName(node.child)} IS ${node.negated ? 'NOT ' : ''}NULL)`;
    case 'CaseWhen':
      return `CASE ${node.branches.map(([c, v]) => `WHEN ${exprName(c)} THEN ${exprName(v)}`).join(' ')}${node.otherwise ? ` ELSE ${exprName(node.otherwise)}` : ''} END`;
    case 'Coalesce':
      return `coalesce(${node.args.map(exprName).join(', ')})`;
    case 'Struct':
      return `struct(${node.args.map(exprName).join(', ')})`;
    case 'Cast':
      return exprName(node.child);
    case 'Alias':
      return node.name;
    case 'GetField':
      return node.field;
    case 'AggregateCall':
      if (!node.arg) return 'count';
      // Spark's names: rsd is not part of approx_count_distinct's name, percentile_approx shows its literals
      if (node.fn === 'count_distinct') {
        return `count(DISTINCT ${node.arg.kind === 'Struct' ? node.arg.args.map(exprName).join(', ') : exprName(node.arg)})`;
      }
      if (node.fn === 'approx_count_distinct') return `approx_count_distinct(${exprName(node.arg)})`;
      return `${node.fn}(${[exprName(node.arg), ...node.params].join(', ')})`;
    case 'TimeWindow':
      return 'window';
    case 'SessionWindow':
      return 'session_window';
    case 'WindowTime':
      return `window_time(${exprName(node.window)})`;
  }
}
