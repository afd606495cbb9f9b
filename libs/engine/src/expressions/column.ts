// The expression builder (Spark's Column): every method returns a new Column over a frozen node.
import { EngineError } from '../errors/engine-error';
import { type DataType, type TypeName, type ValueOf, toDataType } from '../types/data-type';
import {
  AliasNode,
  BinaryNode,
  type BinaryOp,
  CaseWhenNode,
  CastNode,
  ColumnRefNode,
  type ExprNode,
  GetFieldNode,
  IsNullNode,
  LiteralNode,
  type LiteralValue,
  NegateNode,
  NotNode,
} from './expr-node';

export type ColumnLike = Column | LiteralValue;

/** Type-only brand carrying a column's value and output name (never set at runtime). */
declare const columnType: unique symbol;

/** The value of a column read by name (`col('qty')`), resolved against a typed frame's row (`ColumnValue`). */
export interface ColumnRef<P extends string> {
  readonly ref: P;
}

/** The output name of `col(path)`: the last field of 'a.b' (as the analyzer names it). */
export type PathName<P extends string> = P extends `${string}.${infer Rest}` ? PathName<Rest> : P;

/**
 * A column expression. For the compiler it carries `V`, its value (or `ColumnRef` for a column read by
 * name, resolved by the frame it is used in), and `N`, its output name (`string` when not known).
 */
export class Column<V = unknown, N extends string = string> {
  declare readonly [columnType]?: { readonly value: V; readonly name: N };

  constructor(readonly node: ExprNode) {}

  private bin<R>(op: BinaryOp, other: ColumnLike): Column<R> {
    return new Column(BinaryNode.create(op, this.node, toNode(other)));
  }
  plus(other: ColumnLike): Column<number | null> {
    return this.bin('+', other);
  }
  minus(other: ColumnLike): Column<number | null> {
    return this.bin('-', other);
  }
  multiply(other: ColumnLike): Column<number | null> {
    return this.bin('*', other);
  }
  divide(other: ColumnLike): Column<number | null> {
    return this.bin('/', other);
  }
  mod(other: ColumnLike): Column<number | null> {
    return this.bin('%', other);
  }
  eq(other: ColumnLike): Column<boolean | null> {
    return this.bin('=', other);
  }
  neq(other: ColumnLike): Column<boolean | null> {
    return this.bin('!=', other);
  }
  lt(other: ColumnLike): Column<boolean | null> {
    return this.bin('<', other);
  }
  leq(other: ColumnLike): Column<boolean | null> {
    return this.bin('<=', other);
  }
  gt(other: ColumnLike): Column<boolean | null> {
    return this.bin('>', other);
  }
  geq(other: ColumnLike): Column<boolean | null> {
    return this.bin('>=', other);
  }
  /** `lower <= this AND this <= upper` (SQL BETWEEN, bounds included). */
  between(lower: ColumnLike, upper: ColumnLike): Column<boolean | null> {
    return this.geq(lower).and(this.leq(upper));
  }
  and(other: ColumnLike): Column<boolean | null> {
    return this.bin('and', other);
  }
  or(other: ColumnLike): Column<boolean | null> {
    return this.bin('or', other);
  }
  not(): Column<boolean | null> {
    return new Column(NotNode.create(this.node));
  }
  negate(): Column<number | null> {
    return new Column(NegateNode.create(this.node));
  }
  isNull(): Column<boolean> {
    return new Column(IsNullNode.create(this.node, false));
  }
  isNotNull(): Column<boolean> {
    return new Column(IsNullNode.create(this.node, true));
  }
  cast<T extends TypeName | DataType>(to: T): Column<ValueOf<T> | null, N> {
    return new Column(CastNode.create(this.node, toDataType(to)));
  }
  as<A extends string>(name: A): Column<V, A> {
    if (!name) throw new EngineError('INVALID_ARGUMENT', 'alias must be non-empty');
    return new Column(AliasNode.create(this.node, name));
  }
  alias<A extends string>(name: A): Column<V, A> {
    return this.as(name);
  }
  getField<F extends string>(field: F): Column<unknown, F> {
    return new Column(GetFieldNode.create(this.node, field));
  }
  /** Starts a CASE WHEN chain on a condition column: `when(c, v).when(c2, v2).otherwise(v3)`. */
  when(condition: Column, value: ColumnLike): Column {
    if (this.node.kind !== 'CaseWhen' || this.node.otherwise !== null) {
      throw new EngineError('INVALID_ARGUMENT', 'when() can only follow when()');
    }
    return new Column(CaseWhenNode.create([...this.node.branches, [condition.node, toNode(value)]], null));
  }
  otherwise(value: ColumnLike): Column {
    if (this.node.kind !== 'CaseWhen' || this.node.otherwise !== null) {
      throw new EngineError('INVALID_ARGUMENT', 'otherwise() can only follow when()');
    }
    return new Column(CaseWhenNode.create(this.node.branches, toNode(value)));
  }
}

export function toNode(value: ColumnLike): ExprNode {
  return value instanceof Column ? value.node : LiteralNode.create(value);
}

/** A column by name; 'a.b' reads field b of struct column a (e.g. 'window.start'). */
export const col = <P extends string>(name: P): Column<ColumnRef<P>, PathName<P>> => new Column(ColumnRefNode.create(name));
export const lit = <V extends LiteralValue>(value: V): Column<V extends Date ? number : V> => new Column(LiteralNode.create(value));
export const when = (condition: Column, value: ColumnLike): Column => new Column(CaseWhenNode.create([[condition.node, toNode(value)]], null));

/** Accepts a column name or a Column. */
export const toColumn = (value: string | Column): Column => (typeof value === 'string' ? col(value) : value);
