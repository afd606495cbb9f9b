// cache()/persist(): a batch DataFrame's rows kept in memory after the first action. Entries are keyed
// by the frame's (frozen, shared) plan node, so frames built on a cached one reuse its rows too.
import { analyzePlan } from '../analysis/analyzer';
import type { ColumnBatch } from '../columnar/column-batch';
import { runBatch } from '../execution/batch-runner';
import { type BoundedInput, LocalRelationNode, type PlanNode } from '../plan/plan-node';
import type { StructType } from '../types/data-type';

/** The cached rows of one plan node: computed once (even by concurrent actions), then replayed. */
class CachedRows implements BoundedInput {
  readonly immutable = true;
  readonly schema: StructType;
  private rows: Promise<ColumnBatch[]> | null = null;

  constructor(private readonly plan: PlanNode) {
    this.schema = analyzePlan(plan).schema;
  }

  async *chunks(): AsyncGenerator<ColumnBatch> {
    this.rows ??= runBatch(analyzePlan(withCachedData(this.plan, this.plan))).catch((error: unknown) => {
      this.rows = null; // a failed read is not cached
      throw error;
    });
    yield* await this.rows;
  }
}

const cached = new WeakMap<PlanNode, LocalRelationNode>();

export function cachePlan(plan: PlanNode): void {
  if (!cached.has(plan)) cached.set(plan, LocalRelationNode.create(new CachedRows(plan)));
}
export function uncachePlan(plan: PlanNode): void {
  cached.delete(plan);
}
export const isCachedPlan = (plan: PlanNode): boolean => cached.has(plan);

const childrenOf = (node: PlanNode): readonly PlanNode[] =>
  node.kind === 'Join' ? [node.left, node.right] : node.kind === 'Union' ? node.children : 'child' in node ? [node.child] : [];

function withChildren(node: PlanNode, children: readonly PlanNode[]): PlanNode {
  if (children.every((c, i) => c === childrenOf(node)[i])) return node;
  if (node.kind === 'Join') return Object.freeze({ ...node, left: children[0], right: children[1] });
  if (node.kind === 'Union') return Object.freeze({ ...node, children: Object.freeze([...children]) });
  return Object.freeze({ ...node, child: children[0] });
}

/** `plan` with every cached subtree (except `self`) read from its cache; the same object if none is. */
export function withCachedData(plan: PlanNode, self?: PlanNode): PlanNode {
  if (plan !== self) {
    const hit = cached.get(plan);
    if (hit) return hit;
  }
  return withChildren(
    plan,
    childrenOf(plan).map((c) => withCachedData(c, self)),
  );
}
