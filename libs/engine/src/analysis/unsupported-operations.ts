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
    if (node.kind === 'Join' && node.streamJoin) checkStreamJoin(node, outputMode);
    if (node.streaming && ['Aggregate', 'GroupState', 'Dedupe'].includes(node.kind)) checkNotAfterStreamJoin(node);
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
      throw new EngineError('UNSUPPORTED_OUTPUT_MODE', 'Complete output mode not supported when there are no streaming aggregations on streaming DataFrames');
    }
    return;
  }
  if (op.kind === 'Aggregate') {
    if (op.window?.kind === 'session' && op.keys.length === 1) {
      throw new EngineError(
        'UNSUPPORTED_OPERATION',
        'Global aggregation with session window in streaming query is not supported; group by a key besides session_window()',
      );
    }
    if (op.window?.kind === 'session' && outputMode === 'update') {
      // An update cannot retract a session merged into an earlier one: an upsert sink would keep the stale row.
      throw new EngineError('UNSUPPORTED_OUTPUT_MODE', 'Update output mode is not supported with session windows (as Spark); use append or complete');
    }
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
      throw new EngineError('UNSUPPORTED_OUTPUT_MODE', `flatMapGroupsWithState was declared with ${op.spec.outputMode} mode but the query uses ${outputMode}`);
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
      throw new EngineError(
        'UNSUPPORTED_OPERATION',
        'dropDuplicatesWithinWatermark is not supported after an aggregation or groupByKey on a streaming DataFrame',
      );
    }
  });
}

type JoinPlan = Extract<AnalyzedPlan, { kind: 'Join' }>;
const isStreamJoin = (node: AnalyzedPlan): boolean => node.kind === 'Join' && node.streamJoin !== null;

function checkNotAfterStreamJoin(node: AnalyzedPlan): void {
  walkPlan(node, (below) => {
    if (below !== node && isStreamJoin(below)) {
      throw new EngineError(
        'UNSUPPORTED_OPERATION',
        'a stream-stream join must be the last stateful operator of a query: no aggregation, groupByKey, dropDuplicatesWithinWatermark or other stream-stream join after it',
      );
    }
  });
}

/** Spark's rules for stream-stream joins: append mode; a left outer join needs a way to evict its left rows. */
function checkStreamJoin(node: JoinPlan, outputMode: OutputMode): void {
  if (outputMode !== 'append') {
    throw new EngineError(
      'UNSUPPORTED_OUTPUT_MODE',
      `Join between two streaming DataFrames is not supported in ${outputMode} output mode, only in append output mode`,
    );
  }
  for (const side of [node.left, node.right]) {
    walkPlan(side, (below) => {
      if ((below.kind === 'Aggregate' || below.kind === 'GroupState') && below.streaming) {
        throw new EngineError('UNSUPPORTED_OPERATION', 'a stream-stream join after a streaming aggregation or groupByKey is not supported');
      }
    });
  }
  checkNotAfterStreamJoin(node);
  if (node.how === 'left' && node.streamJoin?.eviction[0].length === 0) {
    throw new EngineError(
      'UNSUPPORTED_OPERATION',
      'a left outer stream-stream join needs a watermark on the right side and a time-range condition that bounds the right event time by the left one ' +
        "(e.g. col('ship_ts').between(col('sale_ts'), col('sale_ts').plus(interval('1 hour'))) with withWatermark('ship_ts', ...) on the right): " +
        'a left row is emitted with nulls only once no right row can match it any more',
    );
  }
}
