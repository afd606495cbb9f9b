// Analyzed plan -> tree of push-based physical operators. The same operators serve batch runs (one
// pass over all chunks) and micro-batches (state kept across batches).
import { type AnalyzedPlan, rowsFromAggregation } from '../analysis/analyzed-plan';
import { type RequiredColumnsOptions, prunedNames, requiredColumns } from '../analysis/required-columns';
import type { BoundedInput } from '../plan/plan-node';
import type { StreamSource } from '../types/contracts';
import { AggregateOperator } from './operators/aggregate-operator';
import { DedupeOperator } from './operators/dedupe-operator';
import { GroupStateOperator } from './operators/group-state-operator';
import { JoinOperator } from './operators/join-operator';
import { StreamJoinOperator } from './operators/stream-join-operator';
import { SessionAggregateOperator } from './operators/session-aggregate-operator';
import { CollectOperator, FilterOperator, ProjectOperator, ScanOperator, UnionOperator } from './operators/simple-operators';
import { WatermarkOperator } from './operators/watermark-operator';
import type { Operator, StatefulOperator } from './operator';

export type ScanInput =
  | { kind: 'bounded'; input: BoundedInput }
  /** `unread`: columns a pruned source leaves out of its batches (read as nulls). */
  | { kind: 'stream'; source: StreamSource; unread?: ReadonlySet<string> };

export interface PhysicalPlan {
  readonly root: CollectOperator;
  readonly scans: readonly { readonly op: ScanOperator; readonly input: ScanInput }[];
  readonly watermarks: readonly WatermarkOperator[];
  readonly stateful: readonly (StatefulOperator & Operator)[];
  /** Static join sides (with the columns the join uses), evaluated as batch plans and hashed before the first batch. */
  readonly joins: readonly JoinSide[];
}

export interface JoinSide {
  readonly op: JoinOperator;
  readonly right: AnalyzedPlan;
  readonly rightColumns: ReadonlySet<number> | undefined;
}

export interface PhysicalPlanOptions extends RequiredColumnsOptions {
  /** Id of the first stateful operator (a query with several outputs numbers its operators across them). */
  readonly operatorIdBase?: number;
  /** Prune stream sources to the columns used (default true); outputs sharing one read keep them whole. */
  readonly pruneStreams?: boolean;
}

/** Plans `plan`; each input reads only the columns the plan uses (projection pushdown). */
export function planPhysical(plan: AnalyzedPlan, mode: 'batch' | 'stream', options: PhysicalPlanOptions = {}): PhysicalPlan {
  const scans: { op: ScanOperator; input: ScanInput }[] = [];
  const watermarks: WatermarkOperator[] = [];
  const stateful: (StatefulOperator & Operator)[] = [];
  const joins: JoinSide[] = [];
  const required = requiredColumns(plan, options);
  const pruned = new Map<BoundedInput | StreamSource, ScanInput>();
  const scanInput = (node: Extract<AnalyzedPlan, { kind: 'LocalRelation' | 'StreamRelation' }>): ScanInput => {
    const input = node.kind === 'LocalRelation' ? node.input : node.source;
    const names = input.withColumns ? prunedNames(node.schema.fields, required.inputs.get(input)) : null;
    let scan = pruned.get(input);
    if (!scan) {
      if (node.kind === 'LocalRelation') {
        scan = { kind: 'bounded', input: names && node.input.withColumns ? node.input.withColumns(names) : node.input };
      } else {
        scan =
          names && node.source.withColumns && options.pruneStreams !== false
            ? {
                kind: 'stream',
                source: node.source.withColumns(names),
                unread: new Set(node.schema.fields.map((f) => f.name).filter((n) => !names.includes(n))),
              }
            : { kind: 'stream', source: node.source };
      }
      pruned.set(input, scan);
    }
    return scan;
  };

  const nextId = () => (options.operatorIdBase ?? 0) + stateful.length;
  const addStateful = (op: StatefulOperator & Operator, node: Extract<AnalyzedPlan, { kind: 'Aggregate' | 'Dedupe' | 'GroupState' }>): Operator => {
    if (!node.streaming) return op;
    stateful.push(op);
    op.followsAggregation = rowsFromAggregation(node.child);
    return op;
  };

  const build = (node: AnalyzedPlan): Operator => {
    switch (node.kind) {
      case 'LocalRelation':
      case 'StreamRelation': {
        const op = new ScanOperator(node.schema, scans.length);
        scans.push({ op, input: scanInput(node) });
        return op;
      }
      case 'Project':
        return new ProjectOperator(node.schema, build(node.child), node.exprs);
      case 'Filter':
        return new FilterOperator(build(node.child), node.condition);
      case 'Watermark': {
        const child = build(node.child);
        // a watermark on a batch DataFrame is ignored, as in Spark
        if (mode === 'batch' || !node.streaming) return child;
        const op = new WatermarkOperator(child, node.column, node.delayMs, node.watermarkId);
        watermarks.push(op);
        return op;
      }
      case 'Aggregate': {
        // session windows merge, so they have their own operator; fixed windows use the hash aggregation
        const op =
          node.window?.kind === 'session'
            ? new SessionAggregateOperator(build(node.child), node, nextId())
            : new AggregateOperator(build(node.child), node, nextId());
        return addStateful(op, node);
      }
      case 'Dedupe':
        return addStateful(new DedupeOperator(build(node.child), node, nextId()), node);
      case 'GroupState':
        return addStateful(new GroupStateOperator(build(node.child), node, nextId()), node);
      case 'Join': {
        if (node.streamJoin) {
          const left = build(node.left);
          const op = new StreamJoinOperator(left, build(node.right), node, nextId());
          op.sidesFollowAggregation = [rowsFromAggregation(node.left), rowsFromAggregation(node.right)];
          stateful.push(op);
          return op;
        }
        const op = new JoinOperator(node.schema, build(node.left), node.leftKeys, node.rightKeys, node.rightOutput, node.how, node.condition);
        joins.push({ op, right: node.right, rightColumns: required.joinRight.get(node) });
        return op;
      }
      case 'Union':
        return new UnionOperator(node.schema, node.children.map(build));
    }
  };
  const root = new CollectOperator(build(plan));
  return { root, scans, watermarks, stateful, joins };
}
