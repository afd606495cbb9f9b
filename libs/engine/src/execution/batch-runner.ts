// Runs a bounded plan: hash the static join sides, stream every input's chunks through the
// operators once, and return what reached the root.
import type { AnalyzedPlan } from '../analysis/analyzed-plan';
import { type ColumnBatch, concatBatches } from '../columnar/column-batch';
import { EngineError } from '../errors/engine-error';
import { BATCH_CONTEXT } from './operator';
import { type PhysicalPlan, planPhysical } from './physical-planner';

export async function prepareJoins(physical: PhysicalPlan): Promise<void> {
  for (const join of physical.joins) {
    const right = await runBatch(join.right);
    join.op.build(concatBatches(join.right.schema, right));
  }
}

export async function runBatch(plan: AnalyzedPlan): Promise<ColumnBatch[]> {
  if (plan.streaming) {
    throw new EngineError('NOT_BATCH', 'this DataFrame reads a stream; use writeStream...start() instead of collect()');
  }
  const physical = planPhysical(plan, 'batch');
  await prepareJoins(physical);
  physical.root.open(BATCH_CONTEXT);
  for (const scan of physical.scans) {
    if (scan.input.kind !== 'bounded') throw new EngineError('NOT_BATCH', 'a batch plan cannot read a stream');
    for await (const chunk of scan.input.input.chunks()) scan.op.push(chunk);
    scan.op.finish();
  }
  return physical.root.take();
}
