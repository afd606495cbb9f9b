// Resolved, typed expressions (column references are indices into the child schema).
import type { BinaryOp } from '../expressions/expr-node';
import type { DataType, StructType } from '../types/data-type';

export type BoundExpr =
  | { readonly kind: 'Ref'; readonly index: number; readonly type: DataType }
  | { readonly kind: 'Lit'; readonly value: string | number | boolean | null; readonly type: DataType }
  | { readonly kind: 'Binary'; readonly op: BinaryOp; readonly left: BoundExpr; readonly right: BoundExpr; readonly type: DataType }
  | { readonly kind: 'Not'; readonly child: BoundExpr; readonly type: 'boolean' }
  | { readonly kind: 'Negate'; readonly child: BoundExpr; readonly type: DataType }
  | { readonly kind: 'IsNull'; readonly child: BoundExpr; readonly negated: boolean; readonly type: 'boolean' }
  | {
      readonly kind: 'CaseWhen';
      readonly branches: readonly (readonly [BoundExpr, BoundExpr])[];
      readonly otherwise: BoundExpr | null;
      readonly type: DataType;
    }
  | { readonly kind: 'Coalesce'; readonly args: readonly BoundExpr[]; readonly type: DataType }
  | { readonly kind: 'Struct'; readonly args: readonly BoundExpr[]; readonly type: StructType }
  | { readonly kind: 'Cast'; readonly child: BoundExpr; readonly type: DataType }
  | { readonly kind: 'GetField'; readonly child: BoundExpr; readonly index: number; readonly type: DataType };
