// Runs a bounded plan: hash the static join sides, stream every input's chunks through the
// operators once, and return what reached the root.
import { type AnalyzedPlan, walkPlan } from '../analysis/analyzed-plan';
import { type ColumnBatch, concatBatches } from '../columnar/column-batch';
import { EngineError } from '../errors/engine-error';
import { BATCH_CONTEXT } from './operator';
import { type PhysicalPlan, planPhysical } from './physical-planner';

const immutable = (plan: AnalyzedPlan): boolean => {
  let result = true;
  walkPlan(plan, (node) => {
    if (node.kind === 'LocalRelation' && !node.input.immutable) result = false;
  });
  return result;
};

/**
 * Evaluates and hashes the static side of every join. As in Spark, a streaming query re-reads it for
 * every micro-batch (so a table that changes is seen), except in-memory data, which is hashed once.
 */
export async function prepareJoins(physical: PhysicalPlan): Promise<void> {
  for (const join of physical.joins) {
    if (join.op.isBuilt && immutable(join.right)) continue;
    const right = await runBatch(join.right, join.rightColumns);
    join.op.build(concatBatches(join.right.schema, right));
  }
}

/** Runs `plan`; `columns` limits the output columns that are used (the others may come out null). */
export async function runBatch(plan: AnalyzedPlan, columns?: ReadonlySet<number>): Promise<ColumnBatch[]> {
  if (plan.streaming) {
    throw new EngineError('NOT_BATCH', 'this DataFrame reads a stream; use writeStream...start() instead of collect()');
  }
  const physical = planPhysical(plan, 'batch', { root: columns });
  await prepareJoins(physical);
  physical.root.open(BATCH_CONTEXT);
  for (const scan of physical.scans) {
    if (scan.input.kind !== 'bounded') throw new EngineError('NOT_BATCH', 'a batch plan cannot read a stream');
    for await (const chunk of scan.input.input.chunks()) scan.op.push(chunk);
    scan.op.finish();
  }
  return physical.root.take();
}
