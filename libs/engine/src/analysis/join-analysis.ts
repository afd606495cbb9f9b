// Join conditions: splitting a condition into key equalities and a residual filter, and reading the
// event-time range of a stream-stream join from it (Spark's StreamingJoinHelper): which stored rows
// of each side can be evicted once the watermark has passed them.
import { EngineError } from '../errors/engine-error';
import { BinaryNode, type ExprNode, unalias } from '../expressions/expr-node';
import { fieldIndex, type StructType } from '../types/data-type';
import { type AnalyzedPlan, type StateEviction, type StreamJoinSpec, timestampEventColumns } from './analyzed-plan';
import type { BoundExpr } from './bound-expr';

function conjuncts(node: ExprNode): ExprNode[] {
  const inner = unalias(node);
  return inner.kind === 'Binary' && inner.op === 'and' ? [...conjuncts(inner.left), ...conjuncts(inner.right)] : [inner];
}

export interface SplitCondition {
  /** Column index pairs (left, right) compared with `=`. */
  readonly keys: readonly (readonly [number, number])[];
  /** What is left of the condition (null: nothing). */
  readonly rest: ExprNode | null;
}

/** Takes `leftColumn = rightColumn` conjuncts out of a join condition as equi-join keys. */
export function splitJoinCondition(condition: ExprNode, left: StructType, right: StructType): SplitCondition {
  const keys: [number, number][] = [];
  const rest: ExprNode[] = [];
  const sideOf = (node: ExprNode): { side: 0 | 1; index: number } | null => {
    if (node.kind !== 'ColumnRef') return null;
    const l = fieldIndex(left, node.name);
    const r = fieldIndex(right, node.name);
    if (l >= 0 && r >= 0) {
      throw new EngineError(
        'DUPLICATE_COLUMN',
        `join condition: column '${node.name}' exists on both sides; rename one side's column first (withColumnRenamed), or join on ['${node.name}']`,
      );
    }
    return l >= 0 ? { side: 0, index: l } : r >= 0 ? { side: 1, index: r } : null;
  };
  for (const part of conjuncts(condition)) {
    if (part.kind === 'Binary' && part.op === '=') {
      const a = sideOf(unalias(part.left));
      const b = sideOf(unalias(part.right));
      if (a && b && a.side !== b.side) {
        keys.push(a.side === 0 ? [a.index, b.index] : [b.index, a.index]);
        continue;
      }
    }
    rest.push(part);
  }
  return { keys, rest: rest.length ? rest.reduce((acc, c) => BinaryNode.create('and', acc, c)) : null };
}

function boundConjuncts(expr: BoundExpr): BoundExpr[] {
  return expr.kind === 'Binary' && expr.op === 'and' ? [...boundConjuncts(expr.left), ...boundConjuncts(expr.right)] : [expr];
}

/** `timestampColumn (+|- constant)*` as (column, offset), else null. */
function linear(expr: BoundExpr): { index: number; offset: number } | null {
  if (expr.kind === 'Ref') return expr.type === 'timestamp' ? { index: expr.index, offset: 0 } : null;
  if (expr.kind !== 'Binary' || (expr.op !== '+' && expr.op !== '-')) return null;
  const constant = (e: BoundExpr): number | null => (e.kind === 'Lit' && typeof e.value === 'number' ? e.value : null);
  const l = linear(expr.left);
  const rc = constant(expr.right);
  if (l && rc !== null) return { index: l.index, offset: expr.op === '+' ? l.offset + rc : l.offset - rc };
  const r = linear(expr.right);
  const lc = constant(expr.left);
  if (r && lc !== null && expr.op === '+') return { index: r.index, offset: r.offset + lc };
  return null;
}

/** Bounds on leftTime - rightTime for one pair of timestamp columns (side indexes); strict: `<` / `>`. */
interface TimeRange {
  left: number;
  right: number;
  lower: number;
  lowerStrict: boolean;
  upper: number;
  upperStrict: boolean;
}

/**
 * Time ranges `lower <= leftTime - rightTime <= upper` implied by the condition's top-level conjuncts
 * plus timestamp join keys (lower = upper = 0).
 */
function timeRanges(
  condition: BoundExpr | null,
  keys: readonly (readonly [number, number])[],
  toSide: (outputIndex: number) => { side: 0 | 1; index: number },
  left: AnalyzedPlan,
): TimeRange[] {
  const ranges = new Map<string, TimeRange>();
  const add = (l: number, r: number, bound: 'lower' | 'upper', value: number, strict: boolean) => {
    const id = `${l}:${r}`;
    const range = ranges.get(id) ?? { left: l, right: r, lower: -Infinity, lowerStrict: false, upper: Infinity, upperStrict: false };
    const tighter = bound === 'lower' ? value > range.lower : value < range.upper;
    if (tighter || (value === range[bound] && strict)) {
      range[bound] = value;
      range[`${bound}Strict`] = strict;
    }
    ranges.set(id, range);
  };
  keys.forEach(([l, r]) => {
    if (left.schema.fields[l].type !== 'timestamp') return;
    add(l, r, 'lower', 0, false);
    add(l, r, 'upper', 0, false);
  });
  for (const part of condition ? boundConjuncts(condition) : []) {
    if (part.kind !== 'Binary' || !['<', '<=', '>', '>=', '='].includes(part.op)) continue;
    const a = linear(part.left);
    const b = linear(part.right);
    if (!a || !b) continue;
    const sa = toSide(a.index);
    const sb = toSide(b.index);
    if (sa.side === sb.side) continue;
    // a + ca OP b + cb  =>  a - b OP cb - ca; flipped when a is the right side's column
    const flip = sa.side === 1;
    const k = flip ? a.offset - b.offset : b.offset - a.offset;
    const [l, r] = flip ? [sb.index, sa.index] : [sa.index, sb.index];
    const op = flip ? (({ '<': '>', '<=': '>=', '>': '<', '>=': '<=' } as Record<string, string>)[part.op] ?? part.op) : part.op;
    if (op !== '>' && op !== '>=') add(l, r, 'upper', k, op === '<');
    if (op !== '<' && op !== '<=') add(l, r, 'lower', k, op === '>');
  }
  return [...ranges.values()];
}

function lateColumn(plan: AnalyzedPlan, side: string): number | null {
  const columns = timestampEventColumns(plan);
  if (columns.length > 1) {
    const names = columns.map((c) => `'${plan.schema.fields[c].name}'`).join(', ');
    throw new EngineError(
      'INVALID_WATERMARK',
      `a stream-stream join needs at most one event-time column per side; the ${side} side has ${names}: select one first`,
    );
  }
  return columns.length ? columns[0] : null;
}

/**
 * Late-row columns and state eviction of a stream-stream join. Future rows of a side with a watermark
 * have event time > watermark, so with `lower <= L - R <= upper`: a left row can no longer match once
 * `L - lower <= watermark` (right watermark on R), a right row once `R + upper <= watermark` (left watermark on L).
 * As Spark, a non-strict bound keeps rows 1 ms longer (evicts `L - lower < watermark`, in whole ms), except an
 * equality of event times, which Spark evicts by its key (`L <= watermark`).
 */
export function streamJoinSpec(
  left: AnalyzedPlan,
  right: AnalyzedPlan,
  keys: readonly (readonly [number, number])[],
  condition: BoundExpr | null,
  toSide: (outputIndex: number) => { side: 0 | 1; index: number },
): StreamJoinSpec {
  const late: [number | null, number | null] = [lateColumn(left, 'left'), lateColumn(right, 'right')];
  const leftEviction: StateEviction[] = [];
  const rightEviction: StateEviction[] = [];
  let timeInterval = false;
  for (const range of timeRanges(condition, keys, toSide, left)) {
    const evictsLeft = range.right === late[1] && range.lower > -Infinity;
    const evictsRight = range.left === late[0] && range.upper < Infinity;
    const equality = range.lower === 0 && range.upper === 0 && !range.lowerStrict && !range.upperStrict;
    // an equal event time is a join key: as Spark's key predicate, a row at or before the watermark is evicted
    // (no row to come can have that time), so an outer row leaves before the next operator would find it late
    const slack = (strict: boolean) => (strict || equality ? 0 : 1);
    if (evictsLeft) leftEviction.push({ column: range.left, offsetMs: range.lower - slack(range.lowerStrict) });
    if (evictsRight) rightEviction.push({ column: range.right, offsetMs: -range.upper - slack(range.upperStrict) });
    if ((evictsLeft || evictsRight) && !equality) timeInterval = true;
  }
  return { lateColumns: late, eviction: [leftEviction, rightEviction], timeInterval };
}
