// Projection pushdown: which columns of each input the plan reads. Walks the analyzed plan from the
// root down, turning each node's needed output columns into the input columns that produce them.
import type { BoundedInput } from '../plan/plan-node';
import type { StreamSource } from '../types/contracts';
import type { AnalyzedPlan } from './analyzed-plan';
import type { BoundExpr } from './bound-expr';

export interface RequiredColumns {
  /** Needed column indexes per input (by identity, so an input scanned twice is read for both uses). */
  readonly inputs: ReadonlyMap<BoundedInput | StreamSource, ReadonlySet<number>>;
  /** Needed output columns of each join's static side (planned and run on its own), by join node. */
  readonly joinRight: ReadonlyMap<AnalyzedPlan, ReadonlySet<number>>;
}

export interface RequiredColumnsOptions {
  /** Columns of the root's output that are used (default: all). */
  readonly root?: ReadonlySet<number>;
  /** Stateful operators (stream-stream joins too) hand whole late rows to a side output, so they read every input column. */
  readonly lateRowsOutput?: boolean;
}

function addRefs(expr: BoundExpr | null, out: Set<number>): void {
  if (!expr) return;
  switch (expr.kind) {
    case 'Ref':
      out.add(expr.index);
      return;
    case 'Lit':
      return;
    case 'Binary':
      addRefs(expr.left, out);
      addRefs(expr.right, out);
      return;
    case 'CaseWhen':
      for (const [when, then] of expr.branches) {
        addRefs(when, out);
        addRefs(then, out);
      }
      addRefs(expr.otherwise, out);
      return;
    case 'Coalesce':
    case 'Struct':
      expr.args.forEach((a) => addRefs(a, out));
      return;
    default:
      addRefs(expr.child, out);
  }
}

const all = (plan: AnalyzedPlan): Set<number> => new Set(plan.schema.fields.map((_, i) => i));

export function requiredColumns(plan: AnalyzedPlan, options: RequiredColumnsOptions = {}): RequiredColumns {
  const inputs = new Map<BoundedInput | StreamSource, Set<number>>();
  const joinRight = new Map<AnalyzedPlan, ReadonlySet<number>>();
  const record = (input: BoundedInput | StreamSource, needed: ReadonlySet<number>): void => {
    const known = inputs.get(input) ?? new Set<number>();
    needed.forEach((i) => known.add(i));
    inputs.set(input, known);
  };
  const late = options.lateRowsOutput === true;

  const visit = (node: AnalyzedPlan, needed: ReadonlySet<number>): void => {
    switch (node.kind) {
      case 'LocalRelation':
        return record(node.input, needed);
      case 'StreamRelation':
        return record(node.source, needed);
      case 'Project': {
        const out = new Set<number>();
        needed.forEach((i) => addRefs(node.exprs[i], out));
        return visit(node.child, out);
      }
      case 'Filter': {
        const out = new Set(needed);
        addRefs(node.condition, out);
        return visit(node.child, out);
      }
      case 'Watermark':
        return visit(node.child, new Set([...needed, node.column]));
      case 'Aggregate': {
        if (late && node.streaming) return visit(node.child, all(node.child));
        const out = new Set<number>();
        node.keys.forEach((k) => addRefs(k, out));
        // the window's time column (fixed and session windows)
        addRefs(node.window?.time ?? null, out);
        node.aggs.forEach((a) => addRefs(a.arg, out));
        return visit(node.child, out);
      }
      case 'Dedupe': {
        if (late && node.streaming) return visit(node.child, all(node.child));
        const out = new Set([...needed, ...node.keys]);
        if (node.timeColumn !== null) out.add(node.timeColumn);
        return visit(node.child, out);
      }
      case 'GroupState':
        // the user's function sees whole rows
        return visit(node.child, all(node.child));
      case 'Join': {
        const { streamJoin } = node;
        if (late && streamJoin) {
          visit(node.left, all(node.left));
          return visit(node.right, all(node.right));
        }
        const width = node.left.schema.fields.length;
        const left = new Set(node.leftKeys);
        const right = new Set(node.rightKeys);
        // output columns and the condition (over an output row) map back to their side
        const use = (i: number): void => {
          if (i < width) left.add(i);
          else right.add(node.rightOutput[i - width]);
        };
        needed.forEach(use);
        const condition = new Set<number>();
        addRefs(node.condition, condition);
        condition.forEach(use);
        if (streamJoin) {
          // each side's late-row time and eviction times (side indexes)
          [left, right].forEach((side, s) => {
            const time = streamJoin.lateColumns[s];
            if (time !== null) side.add(time);
            streamJoin.eviction[s].forEach((e) => side.add(e.column));
          });
        } else joinRight.set(node, right);
        visit(node.left, left);
        return visit(node.right, right);
      }
      case 'Union':
        return node.children.forEach((c) => visit(c, needed));
    }
  };
  visit(plan, options.root ?? all(plan));
  return { inputs, joinRight };
}

/**
 * The names an input should read for `needed` indexes of `fields`, or null when that is every column.
 * An input with no needed column (`count()`) still reads its first one, for the row count.
 */
export function prunedNames(fields: readonly { readonly name: string }[], needed: ReadonlySet<number> | undefined): string[] | null {
  if (!needed || needed.size >= fields.length) return null;
  const names = fields.filter((_, i) => needed.has(i)).map((f) => f.name);
  return names.length > 0 ? names : [fields[0].name];
}
