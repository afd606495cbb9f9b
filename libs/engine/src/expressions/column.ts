// The expression builder (Spark's Column): every method returns a new Column over a frozen node.
import { EngineError } from '../errors/engine-error';
import { type DataType, type TypeName, toDataType } from '../types/data-type';
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

export class Column {
  constructor(readonly node: ExprNode) {}

  private bin(op: BinaryOp, other: ColumnLike): Column {
    return new Column(BinaryNode.create(op, this.node, toNode(other)));
  }
  plus(other: ColumnLike): Column {
    return this.bin('+', other);
  }
  minus(other: ColumnLike): Column {
    return this.bin('-', other);
  }
  multiply(other: ColumnLike): Column {
    return this.bin('*', other);
  }
  divide(other: ColumnLike): Column {
    return this.bin('/', other);
  }
  mod(other: ColumnLike): Column {
    return this.bin('%', other);
  }
  eq(other: ColumnLike): Column {
    return this.bin('=', other);
  }
  neq(other: ColumnLike): Column {
    return this.bin('!=', other);
  }
  lt(other: ColumnLike): Column {
    return this.bin('<', other);
  }
  leq(other: ColumnLike): Column {
    return this.bin('<=', other);
  }
  gt(other: ColumnLike): Column {
    return this.bin('>', other);
  }
  geq(other: ColumnLike): Column {
    return this.bin('>=', other);
  }
  /** `lower <= this AND this <= upper` (SQL BETWEEN, bounds included). */
  between(lower: ColumnLike, upper: ColumnLike): Column {
    return this.geq(lower).and(this.leq(upper));
  }
  and(other: ColumnLike): Column {
    return this.bin('and', other);
  }
  or(other: ColumnLike): Column {
    return this.bin('or', other);
  }
  not(): Column {
    return new Column(NotNode.create(this.node));
  }
  negate(): Column {
    return new Column(NegateNode.create(this.node));
  }
  isNull(): Column {
    return new Column(IsNullNode.create(this.node, false));
  }
  isNotNull(): Column {
    return new Column(IsNullNode.create(this.node, true));
  }
  cast(to: TypeName | DataType): Column {
    return new Column(CastNode.create(this.node, toDataType(to)));
  }
  as(name: string): Column {
    if (!name) throw new EngineError('INVALID_ARGUMENT', 'alias must be non-empty');
    return new Column(AliasNode.create(this.node, name));
  }
  alias(name: string): Column {
    return this.as(name);
  }
  getField(field: string): Column {
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
export const col = (name: string): Column => new Column(ColumnRefNode.create(name));
export const lit = (value: LiteralValue): Column => new Column(LiteralNode.create(value));
export const when = (condition: Column, value: ColumnLike): Column => new Column(CaseWhenNode.create([[condition.node, toNode(value)]], null));

/** Accepts a column name or a Column. */
export const toColumn = (value: string | Column): Column => (typeof value === 'string' ? col(value) : value);
