// Resolves names against a schema and infers types, with Spark-like coercions.
import { EngineError } from '../errors/engine-error';
import { describeValue } from '../errors/error-text';
import type { BinaryOp, ExprNode } from '../expressions/expr-node';
import { toTimestampMs } from '../columnar/row-conversion';
import { type DataType, type StructType, WINDOW_TYPE, fieldIndex, isNumericType, isStruct, sameType, structType, typeToString } from '../types/data-type';
import type { BoundExpr } from './bound-expr';

const NULL_TYPE = 'string' as const;
const isNullLit = (e: BoundExpr): boolean => e.kind === 'Lit' && e.value === null;

/** Common type of several expressions (null literals adopt the others' type). */
function unify(exprs: readonly BoundExpr[], what: string): DataType {
  const typed = exprs.filter((e) => !isNullLit(e)).map((e) => e.type);
  if (typed.length === 0) return NULL_TYPE;
  let result = typed[0];
  for (const t of typed.slice(1)) {
    if (sameType(t, result)) continue;
    if (isNumericType(t) && isNumericType(result)) {
      result = t === 'double' || result === 'double' ? 'double' : t === 'long' || result === 'long' ? 'long' : result;
      continue;
    }
    throw new EngineError('TYPE_MISMATCH', `${what}: cannot combine ${typeToString(result)} and ${typeToString(t)}`);
  }
  return result;
}

/** Retypes null literals and string literals compared with timestamps. */
function adapt(expr: BoundExpr, type: DataType): BoundExpr {
  if (expr.kind !== 'Lit') return expr;
  if (expr.value === null) return { ...expr, type };
  if (type === 'timestamp' && typeof expr.value === 'string') {
    return { kind: 'Lit', value: toTimestampMs(expr.value, 'timestamp literal'), type: 'timestamp' };
  }
  return expr;
}

export function resolveColumn(schema: StructType, name: string): BoundExpr {
  const direct = fieldIndex(schema, name);
  if (direct >= 0) return { kind: 'Ref', index: direct, type: schema.fields[direct].type };
  const parts = name.split('.');
  if (parts.length > 1) {
    let expr = resolveColumn(schema, parts[0]);
    for (const part of parts.slice(1)) expr = getField(expr, part);
    return expr;
  }
  throw new EngineError('UNRESOLVED_COLUMN', `cannot resolve column '${name}'; available: ${schema.fields.map((f) => f.name).join(', ') || '(none)'}`);
}

function getField(child: BoundExpr, field: string): BoundExpr {
  if (!isStruct(child.type)) throw new EngineError('TYPE_MISMATCH', `cannot read field '${field}' of a ${typeToString(child.type)}`);
  const index = fieldIndex(child.type, field);
  if (index < 0) throw new EngineError('UNRESOLVED_COLUMN', `struct has no field '${field}'`);
  return { kind: 'GetField', child, index, type: child.type.fields[index].type };
}

/** window_time(w) = w.end - 1 ms: the last instant inside the half-open window. */
export function windowTime(window: BoundExpr): BoundExpr {
  if (!sameType(window.type, WINDOW_TYPE)) {
    throw new EngineError('TYPE_MISMATCH', `window_time() needs a window or session_window column, got ${typeToString(window.type)}`);
  }
  return { kind: 'Binary', op: '-', left: getField(window, 'end'), right: { kind: 'Lit', value: 1, type: 'int' }, type: 'timestamp' };
}

function literal(value: unknown): BoundExpr {
  if (value === null) return { kind: 'Lit', value: null, type: NULL_TYPE };
  if (value instanceof Date) return { kind: 'Lit', value: value.getTime(), type: 'timestamp' };
  if (typeof value === 'number') return { kind: 'Lit', value, type: Number.isInteger(value) && Math.abs(value) < 2 ** 31 ? 'int' : 'double' };
  if (typeof value === 'boolean') return { kind: 'Lit', value, type: 'boolean' };
  if (typeof value === 'string') return { kind: 'Lit', value, type: 'string' };
  throw new EngineError('INVALID_ARGUMENT', `unsupported literal ${describeValue(value)}`);
}

function requireBoolean(e: BoundExpr, what: string): BoundExpr {
  const adapted = adapt(e, 'boolean');
  if (adapted.type !== 'boolean') throw new EngineError('TYPE_MISMATCH', `${what} needs a boolean, got ${typeToString(e.type)}`);
  return adapted;
}

export function analyzeExpr(node: ExprNode, schema: StructType): BoundExpr {
  switch (node.kind) {
    case 'ColumnRef':
      return resolveColumn(schema, node.name);
    case 'Literal':
      return literal(node.value);
    case 'Alias':
      return analyzeExpr(node.child, schema);
    case 'GetField':
      return getField(analyzeExpr(node.child, schema), node.field);
    case 'Not':
      return { kind: 'Not', child: requireBoolean(analyzeExpr(node.child, schema), 'NOT'), type: 'boolean' };
    case 'Negate': {
      const child = analyzeExpr(node.child, schema);
      if (!isNumericType(child.type)) throw new EngineError('TYPE_MISMATCH', `cannot negate a ${typeToString(child.type)}`);
      return { kind: 'Negate', child, type: child.type };
    }
    case 'IsNull':
      return { kind: 'IsNull', child: analyzeExpr(node.child, schema), negated: node.negated, type: 'boolean' };
    case 'Cast':
      return { kind: 'Cast', child: analyzeExpr(node.child, schema), type: node.to };
    case 'Coalesce': {
      const args = node.args.map((a) => analyzeExpr(a, schema));
      const type = unify(args, 'coalesce');
      return { kind: 'Coalesce', args: args.map((a) => adapt(a, type)), type };
    }
    case 'Struct': {
      const args = node.args.map((a) => analyzeExpr(a, schema));
      return { kind: 'Struct', args, type: structType(args.map((a, i) => ({ name: `col${i + 1}`, type: a.type, nullable: true }))) };
    }
    case 'CaseWhen': {
      const conds = node.branches.map(([c]) => requireBoolean(analyzeExpr(c, schema), 'WHEN'));
      const values = node.branches.map(([, v]) => analyzeExpr(v, schema));
      const otherwise = node.otherwise ? analyzeExpr(node.otherwise, schema) : null;
      const type = unify(otherwise ? [...values, otherwise] : values, 'CASE WHEN');
      return {
        kind: 'CaseWhen',
        branches: conds.map((c, i) => [c, adapt(values[i], type)] as const),
        otherwise: otherwise ? adapt(otherwise, type) : null,
        type,
      };
    }
    case 'Binary':
      return analyzeBinary(node.op, analyzeExpr(node.left, schema), analyzeExpr(node.right, schema));
    case 'AggregateCall':
      throw new EngineError('INVALID_AGGREGATION', `aggregate ${node.fn}() is only allowed in groupBy(...).agg(...)`);
    case 'TimeWindow':
      throw new EngineError('UNSUPPORTED_OPERATION', 'window() is only supported as a groupBy key');
    case 'SessionWindow':
      throw new EngineError('UNSUPPORTED_OPERATION', 'session_window() is only supported as a groupBy key');
    case 'WindowTime':
      return windowTime(analyzeExpr(node.window, schema));
  }
}

function analyzeBinary(op: BinaryOp, l: BoundExpr, r: BoundExpr): BoundExpr {
  const what = `operator ${op}`;
  if (op === 'and' || op === 'or') {
    return { kind: 'Binary', op, left: requireBoolean(l, what), right: requireBoolean(r, what), type: 'boolean' };
  }
  let left = isNullLit(l) ? adapt(l, r.type) : adapt(l, r.type === 'timestamp' ? 'timestamp' : l.type);
  let right = isNullLit(r) ? adapt(r, left.type) : adapt(r, left.type === 'timestamp' ? 'timestamp' : r.type);
  if (op === '+' || op === '-' || op === '*' || op === '/' || op === '%') {
    if (!isNumericType(left.type) || !isNumericType(right.type)) {
      throw new EngineError('TYPE_MISMATCH', `${what} needs numbers, got ${typeToString(left.type)} and ${typeToString(right.type)}`);
    }
    let type: DataType;
    if (op === '/') type = 'double';
    else if (left.type === 'timestamp' && right.type === 'timestamp') type = op === '-' ? 'long' : 'double';
    else if (left.type === 'timestamp' || right.type === 'timestamp') type = 'timestamp';
    else type = unify([left, right], what);
    return { kind: 'Binary', op, left, right, type };
  }
  // comparisons
  const comparable = (isNumericType(left.type) && isNumericType(right.type)) || sameType(left.type, right.type);
  if (!comparable || isStruct(left.type)) {
    throw new EngineError('TYPE_MISMATCH', `${what} cannot compare ${typeToString(left.type)} with ${typeToString(right.type)}`);
  }
  left = adapt(left, right.type);
  right = adapt(right, left.type);
  return { kind: 'Binary', op, left, right, type: 'boolean' };
}
