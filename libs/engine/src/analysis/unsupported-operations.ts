// Streaming checks done at start(), before any data moves (Spark's UnsupportedOperationChecker).
import { EngineError } from '../errors/engine-error';
import type { OutputMode } from '../types/contracts';
import { type AnalyzedPlan, walkPlan } from './analyzed-plan';

export function checkStreamingPlan(plan: AnalyzedPlan, outputMode: OutputMode): void {
  if (!plan.streaming) {
    throw new EngineError('NOT_STREAMING', 'writeStream needs a streaming DataFrame (from engine.readStream)');
  }
  const stateful: AnalyzedPlan[] = [];
  walkPlan(plan, (node) => {
    if ((node.kind === 'Aggregate' || node.kind === 'GroupState') && node.streaming) stateful.push(node);
    if (node.kind === 'Dedupe' && node.streaming) checkDedupe(node);
  });
  if (stateful.length > 1) {
    throw new EngineError(
      'UNSUPPORTED_OPERATION',
      'more than one aggregation / groupByKey in one streaming query is not supported (dropDuplicatesWithinWatermark before one is)',
    );
  }
  const op = stateful[0];
  if (!op) {
    if (outputMode === 'complete') {
      throw new EngineError(
        'UNSUPPORTED_OUTPUT_MODE',
        'Complete output mode not supported when there are no streaming aggregations on streaming DataFrames',
      );
    }
    return;
  }
  if (op.kind === 'Aggregate') {
    if (outputMode === 'append' && !op.eventTimeKey) {
      throw new EngineError(
        'UNSUPPORTED_OUTPUT_MODE',
        'Append output mode not supported when there are streaming aggregations without watermark; add withWatermark() on the column used in window()/groupBy, or use update/complete',
      );
    }
    return;
  }
  if (op.kind === 'GroupState') {
    if (outputMode === 'complete') {
      throw new EngineError('UNSUPPORTED_OUTPUT_MODE', 'Complete output mode is not supported with mapGroupsWithState / flatMapGroupsWithState');
    }
    if (op.spec.flavor === 'map' && outputMode !== 'update') {
      throw new EngineError('UNSUPPORTED_OUTPUT_MODE', 'mapGroupsWithState needs Update output mode');
    }
    if (op.spec.flavor === 'flatMap' && op.spec.outputMode !== outputMode) {
      throw new EngineError(
        'UNSUPPORTED_OUTPUT_MODE',
        `flatMapGroupsWithState was declared with ${op.spec.outputMode} mode but the query uses ${outputMode}`,
      );
    }
  }
}

/** Spark's rules for dropDuplicatesWithinWatermark in a stream: a watermark upstream, no aggregation upstream. */
function checkDedupe(node: Extract<AnalyzedPlan, { kind: 'Dedupe' }>): void {
  if (node.timeColumn === null) {
    throw new EngineError(
      'UNSUPPORTED_OPERATION',
      'dropDuplicatesWithinWatermark is not supported in streaming DataFrames without watermark; call withWatermark() before it',
    );
  }
  walkPlan(node.child, (below) => {
    if ((below.kind === 'Aggregate' || below.kind === 'GroupState') && below.streaming) {
      throw new EngineError('UNSUPPORTED_OPERATION', 'dropDuplicatesWithinWatermark is not supported after an aggregation or groupByKey on a streaming DataFrame');
    }
  });
}
