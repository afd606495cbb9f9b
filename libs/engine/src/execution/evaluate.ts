// Vectorized expression evaluation over a column batch: one typed-array loop per expression node.
import type { BoundExpr } from '../analysis/bound-expr';
import { checkRange } from '../types/value-range';
import {
  type BoolColumn,
  type ColumnData,
  type NumberColumn,
  type StringColumn,
  boolColumn,
  concatColumns,
  numberColumn,
  stringColumn,
  structColumn,
} from '../columnar/column-data';
import type { ColumnBatch } from '../columnar/column-batch';
import { castColumn } from './cast';

function andValid(a: Uint8Array | null, b: Uint8Array | null, n: number): Uint8Array | null {
  if (!a) return b;
  if (!b) return a;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = a[i] & b[i];
  return out;
}

export function constantColumn(value: string | number | boolean | null, type: BoundExpr['type'], n: number): ColumnData {
  if (type === 'string') return stringColumn(new Int32Array(n).fill(value === null ? -1 : 0), value === null ? [] : [String(value)]);
  if (type === 'boolean') return boolColumn(new Uint8Array(n).fill(value ? 1 : 0), value === null ? new Uint8Array(n) : null);
  return numberColumn(new Float64Array(n).fill(typeof value === 'number' ? value : 0), value === null ? new Uint8Array(n) : null);
}

export function evaluate(expr: BoundExpr, batch: ColumnBatch): ColumnData {
  const n = batch.length;
  switch (expr.kind) {
    case 'Ref':
      return batch.columns[expr.index];
    case 'Lit':
      return constantColumn(expr.value, expr.type, n);
    case 'GetField': {
      const parent = evaluate(expr.child, batch);
      if (parent.kind !== 'struct') throw new Error('GetField on a non-struct column');
      return parent.children[expr.index];
    }
    case 'Cast':
      return castColumn(evaluate(expr.child, batch), expr.child.type, expr.type);
    case 'Not': {
      const c = evaluate(expr.child, batch) as BoolColumn;
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = c.values[i] ^ 1;
      return boolColumn(out, c.valid);
    }
    case 'Negate': {
      const c = evaluate(expr.child, batch) as NumberColumn;
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = -c.values[i];
      return numberColumn(out, c.valid);
    }
    case 'IsNull': {
      const c = evaluate(expr.child, batch);
      const out = new Uint8Array(n);
      const want = expr.negated ? 1 : 0;
      if (c.kind === 'string') for (let i = 0; i < n; i++) out[i] = (c.codes[i] >= 0 ? 1 : 0) === want ? 1 : 0;
      else if (!c.valid) out.fill(want);
      else for (let i = 0; i < n; i++) out[i] = c.valid[i] === want ? 1 : 0;
      return boolColumn(out);
    }
    case 'Binary':
      return evaluateBinary(expr, batch);
    case 'CaseWhen':
      return select(
        expr.branches.map(([cond]) => evaluate(cond, batch) as BoolColumn),
        [...expr.branches.map(([, v]) => evaluate(v, batch)), expr.otherwise ? evaluate(expr.otherwise, batch) : constantColumn(null, expr.type, n)],
        n,
      );
    case 'Coalesce': {
      const args = expr.args.map((a) => evaluate(a, batch));
      return select(
        args.map((a) => validityAsCondition(a, n)),
        [...args, constantColumn(null, expr.type, n)],
        n,
      );
    }
    case 'Struct':
      return structColumn(expr.args.map((a) => evaluate(a, batch)));
  }
}

function validityAsCondition(c: ColumnData, n: number): BoolColumn {
  const out = new Uint8Array(n);
  if (c.kind === 'string') for (let i = 0; i < n; i++) out[i] = c.codes[i] >= 0 ? 1 : 0;
  else if (!c.valid) out.fill(1);
  else out.set(c.valid);
  return boolColumn(out);
}

/** Row i takes values[k] for the first k whose condition is true, else the last value. */
function select(conds: readonly BoolColumn[], values: readonly ColumnData[], n: number): ColumnData {
  const pick = new Int32Array(n).fill(conds.length);
  for (let k = conds.length - 1; k >= 0; k--) {
    const c = conds[k];
    for (let i = 0; i < n; i++) if (c.values[i] === 1 && (!c.valid || c.valid[i] === 1)) pick[i] = k;
  }
  const first = values[0];
  if (first.kind === 'string') {
    const merged = concatColumns(values) as StringColumn; // codes of value k start at k * n
    const codes = new Int32Array(n);
    for (let i = 0; i < n; i++) codes[i] = merged.codes[pick[i] * n + i];
    return stringColumn(codes, merged.dict);
  }
  if (first.kind === 'struct') throw new Error('CASE WHEN over structs is not supported');
  const valid = new Uint8Array(n);
  const out = first.kind === 'bool' ? new Uint8Array(n) : new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[pick[i]] as NumberColumn | BoolColumn;
    out[i] = v.values[i];
    valid[i] = v.valid ? v.valid[i] : 1;
  }
  return first.kind === 'bool' ? boolColumn(out as Uint8Array, valid) : numberColumn(out as Float64Array, valid);
}

function evaluateBinary(expr: Extract<BoundExpr, { kind: 'Binary' }>, batch: ColumnBatch): ColumnData {
  const n = batch.length;
  const left = evaluate(expr.left, batch);
  const right = evaluate(expr.right, batch);
  const op = expr.op;
  if (op === 'and' || op === 'or') return logical(op, left as BoolColumn, right as BoolColumn, n);
  if (left.kind === 'string' && right.kind === 'string') return compareStrings(op, left, right, n);
  const a = (left as NumberColumn | BoolColumn).values;
  const b = (right as NumberColumn | BoolColumn).values;
  const valid = andValid((left as NumberColumn).valid, (right as NumberColumn).valid, n);
  if (op === '+' || op === '-' || op === '*' || op === '/' || op === '%') {
    const out = new Float64Array(n);
    const integral = expr.type === 'int' || expr.type === 'long';
    switch (op) {
      case '+':
        for (let i = 0; i < n; i++) out[i] = a[i] + b[i];
        break;
      case '-':
        for (let i = 0; i < n; i++) out[i] = a[i] - b[i];
        break;
      case '*':
        for (let i = 0; i < n; i++) out[i] = a[i] * b[i];
        break;
      case '/':
      case '%': {
        // division by zero yields null, as in Spark
        const v = new Uint8Array(n);
        for (let i = 0; i < n; i++) {
          const ok = b[i] !== 0 && (!valid || valid[i] === 1);
          v[i] = ok ? 1 : 0;
          out[i] = ok ? (op === '/' ? a[i] / b[i] : integral ? Math.trunc(a[i] % b[i]) : a[i] % b[i]) : 0;
        }
        return numberColumn(out, v);
      }
    }
    if (integral) checkRange(out, valid, n, expr.type, `the result of ${op} (${String(expr.type)})`);
    return numberColumn(out, valid);
  }
  const out = new Uint8Array(n);
  switch (op) {
    case '=':
      for (let i = 0; i < n; i++) out[i] = a[i] === b[i] ? 1 : 0;
      break;
    case '!=':
      for (let i = 0; i < n; i++) out[i] = a[i] !== b[i] ? 1 : 0;
      break;
    case '<':
      for (let i = 0; i < n; i++) out[i] = a[i] < b[i] ? 1 : 0;
      break;
    case '<=':
      for (let i = 0; i < n; i++) out[i] = a[i] <= b[i] ? 1 : 0;
      break;
    case '>':
      for (let i = 0; i < n; i++) out[i] = a[i] > b[i] ? 1 : 0;
      break;
    case '>=':
      for (let i = 0; i < n; i++) out[i] = a[i] >= b[i] ? 1 : 0;
      break;
  }
  return boolColumn(out, valid);
}

function compareStrings(op: string, left: StringColumn, right: StringColumn, n: number): BoolColumn {
  const out = new Uint8Array(n);
  const valid = new Uint8Array(n);
  const test = (x: string, y: string): boolean =>
    op === '=' ? x === y : op === '!=' ? x !== y : op === '<' ? x < y : op === '<=' ? x <= y : op === '>' ? x > y : x >= y;
  if (right.dict.length === 1) {
    // column vs literal: decide once per dictionary entry
    const literal = right.dict[0];
    const match = new Uint8Array(left.dict.length);
    for (let d = 0; d < left.dict.length; d++) match[d] = test(left.dict[d], literal) ? 1 : 0;
    for (let i = 0; i < n; i++) {
      const c = left.codes[i];
      if (c >= 0 && right.codes[i] >= 0) {
        valid[i] = 1;
        out[i] = match[c];
      }
    }
    return boolColumn(out, valid);
  }
  for (let i = 0; i < n; i++) {
    const x = left.codes[i];
    const y = right.codes[i];
    if (x >= 0 && y >= 0) {
      valid[i] = 1;
      out[i] = test(left.dict[x], right.dict[y]) ? 1 : 0;
    }
  }
  return boolColumn(out, valid);
}

/** SQL three-valued logic. */
function logical(op: 'and' | 'or', a: BoolColumn, b: BoolColumn, n: number): BoolColumn {
  const out = new Uint8Array(n);
  const valid = new Uint8Array(n);
  const dominant = op === 'and' ? 0 : 1;
  for (let i = 0; i < n; i++) {
    const av = a.valid ? a.valid[i] : 1;
    const bv = b.valid ? b.valid[i] : 1;
    const x = a.values[i];
    const y = b.values[i];
    if ((av && x === dominant) || (bv && y === dominant)) {
      out[i] = dominant;
      valid[i] = 1;
    } else if (av && bv) {
      out[i] = op === 'and' ? x & y : x | y;
      valid[i] = 1;
    }
  }
  return boolColumn(out, valid);
}
