// Streaming checks done at start(), before any data moves (Spark's UnsupportedOperationChecker,
// including its rules for chained stateful operators since Spark 3.4).
import { EngineError } from '../errors/engine-error';
import type { OutputMode } from '../types/contracts';
import { type AnalyzedPlan, type StreamJoinSpec, walkPlan } from './analyzed-plan';

type AggregatePlan = Extract<AnalyzedPlan, { kind: 'Aggregate' }>;
type GroupStatePlan = Extract<AnalyzedPlan, { kind: 'GroupState' }>;
type JoinPlan = Extract<AnalyzedPlan, { kind: 'Join' }>;

/** Operators that keep state across micro-batches. */
const isStateful = (node: AnalyzedPlan): boolean =>
  node.streaming && (node.kind === 'Aggregate' || node.kind === 'GroupState' || node.kind === 'Dedupe' || (node.kind === 'Join' && node.streamJoin !== null));

/** Stateful operators strictly below `node`. */
function statefulBelow(node: AnalyzedPlan): AnalyzedPlan[] {
  const found: AnalyzedPlan[] = [];
  walkPlan(node, (below) => {
    if (below !== node && isStateful(below)) found.push(below);
  });
  return found;
}

function describeOperator(node: AnalyzedPlan): string {
  switch (node.kind) {
    case 'Aggregate':
      return node.window ? `a ${node.window.kind === 'session' ? 'session_window()' : 'window()'} aggregation` : 'an aggregation';
    case 'GroupState':
      return node.spec.flavor === 'map' ? 'mapGroupsWithState' : 'flatMapGroupsWithState';
    case 'Dedupe':
      return 'dropDuplicatesWithinWatermark';
    default:
      return 'a stream-stream join';
  }
}

export function checkStreamingPlan(plan: AnalyzedPlan, outputMode: OutputMode): void {
  if (!plan.streaming) {
    throw new EngineError('NOT_STREAMING', 'writeStream needs a streaming DataFrame (from engine.readStream)');
  }
  const aggregates: AggregatePlan[] = [];
  const groupStates: GroupStatePlan[] = [];
  walkPlan(plan, (node) => {
    if (node.kind === 'Aggregate' && node.streaming) aggregates.push(node);
    if (node.kind === 'GroupState' && node.streaming) groupStates.push(node);
    if (node.kind === 'Dedupe' && node.streaming) checkDedupe(node);
    if (node.kind === 'Join' && node.streamJoin) checkStreamJoin(node, outputMode);
    if (node.kind === 'Watermark' && node.streaming) checkWatermark(node);
    if (node.streaming && (node.kind === 'Aggregate' || node.kind === 'GroupState' || node.kind === 'Dedupe')) checkChain(node, outputMode);
  });
  if (aggregates.length === 0 && outputMode === 'complete') {
    throw new EngineError('UNSUPPORTED_OUTPUT_MODE', 'Complete output mode not supported when there are no streaming aggregations on streaming DataFrames');
  }
  aggregates.forEach((op) => checkAggregate(op, outputMode));
  checkGroupStates(groupStates, aggregates.length > 0, outputMode);
}

/**
 * Spark's rules for chained stateful operators (one global watermark: late rows judged by the previous
 * batch's, eviction by the current one): what an operator emits must never be late for the next one.
 * An aggregation in update/complete mode emits rows that can change or lag the watermark, an
 * eventTime-timeout groupByKey rows of any age, and a stream-stream join rows as old as its state allows,
 * so these may not be followed by a stateful operator (a join may, when it evicts by equal event times).
 */
function checkChain(node: AnalyzedPlan, outputMode: OutputMode): void {
  for (const below of statefulBelow(node)) {
    const pattern = `${describeOperator(below)} followed by ${describeOperator(node)}`;
    if (below.kind === 'Aggregate' && outputMode !== 'append') {
      throw new EngineError(
        'UNSUPPORTED_OUTPUT_MODE',
        `Detected pattern of possible 'correctness' issue due to global watermark (${pattern} in ${outputMode} output mode): ` +
          'the aggregation can emit rows older than the current watermark, which the following stateful operator would drop as late. ' +
          'Chain stateful operators after an aggregation in append output mode only (as Spark)',
      );
    }
    if (below.kind === 'GroupState' && below.spec.timeout === 'eventTime') {
      throw new EngineError(
        'UNSUPPORTED_OPERATION',
        `Detected pattern of possible 'correctness' issue due to global watermark (${pattern}): ` +
          "a groupByKey with an 'eventTime' timeout can emit rows older than the current watermark, which the following stateful operator would drop as late",
      );
    }
    if (below.kind === 'Join' && below.streamJoin) checkJoinFollowed(below.streamJoin, pattern);
  }
}

/** A stream-stream join may feed a stateful operator only when both sides are evicted by equal event times (Spark 3.4). */
function checkJoinFollowed(join: StreamJoinSpec, pattern: string): void {
  if (join.timeInterval) {
    // Spark 3.5 runs this with a watermark per operator (the join's lags by the interval): not built here
    throw new EngineError(
      'UNSUPPORTED_OPERATION',
      `Detected pattern of possible 'correctness' issue due to global watermark (${pattern}): ` +
        'a stream-stream join with a time-interval condition emits rows up to the interval behind the watermark, which the following stateful operator would drop as late; ' +
        'only a join whose rows are evicted by an equality of event times (e.g. a timestamp join key with a watermark on both sides) may be followed by a stateful operator',
    );
  }
  const kept = join.eviction.findIndex((side) => side.length === 0);
  if (kept >= 0) {
    throw new EngineError(
      'UNSUPPORTED_OPERATION',
      `${pattern} is not supported: the join keeps its ${kept === 0 ? 'left' : 'right'} rows forever, so a stored row can join long after ` +
        'the watermark passed it and the following stateful operator would drop the pair as late; join on an event time watermarked on both sides',
    );
  }
}

/** Aggregation rules per output mode; each aggregation of a chain is checked. */
function checkAggregate(op: AggregatePlan, outputMode: OutputMode): void {
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
      'Append output mode not supported when there are streaming aggregations without watermark; add withWatermark() on the column used in window()/groupBy ' +
        "(after another aggregation: window over its window column, window(col('window'), ...)), or use update/complete",
    );
  }
}

/** Spark's rules for mapGroupsWithState / flatMapGroupsWithState, alone or with other stateful operators. */
function checkGroupStates(ops: readonly GroupStatePlan[], withAggregation: boolean, outputMode: OutputMode): void {
  const maps = ops.filter((op) => op.spec.flavor === 'map');
  const flatMaps = ops.filter((op) => op.spec.flavor === 'flatMap');
  if (maps.length > 1) throw new EngineError('UNSUPPORTED_OPERATION', 'Multiple mapGroupsWithStates are not supported on a streaming DataFrame');
  if (maps.length > 0 && flatMaps.length > 0) {
    throw new EngineError('UNSUPPORTED_OPERATION', 'Mixing mapGroupsWithStates and flatMapGroupsWithStates is not supported on a streaming DataFrame');
  }
  if (flatMaps.length > 1 && (outputMode !== 'append' || flatMaps.some((op) => op.spec.outputMode !== 'append'))) {
    throw new EngineError(
      'UNSUPPORTED_OPERATION',
      'Multiple flatMapGroupsWithStates are not supported when they are not all in append mode or the output mode is not append',
    );
  }
  for (const op of ops) {
    if (outputMode === 'complete') {
      throw new EngineError('UNSUPPORTED_OUTPUT_MODE', 'Complete output mode is not supported with mapGroupsWithState / flatMapGroupsWithState');
    }
    if (op.spec.flavor === 'map' && outputMode !== 'update') {
      throw new EngineError('UNSUPPORTED_OUTPUT_MODE', 'mapGroupsWithState needs Update output mode');
    }
    if (op.spec.flavor === 'flatMap' && withAggregation && op.spec.outputMode === 'update') {
      throw new EngineError('UNSUPPORTED_OUTPUT_MODE', 'flatMapGroupsWithState in update mode is not supported with aggregation on a streaming DataFrame');
    }
    if (op.spec.flavor === 'flatMap' && !withAggregation && op.spec.outputMode !== outputMode) {
      throw new EngineError('UNSUPPORTED_OUTPUT_MODE', `flatMapGroupsWithState was declared with ${op.spec.outputMode} mode but the query uses ${outputMode}`);
    }
  }
}

/** Spark's rule for dropDuplicatesWithinWatermark in a stream: a watermark upstream. */
function checkDedupe(node: Extract<AnalyzedPlan, { kind: 'Dedupe' }>): void {
  if (node.timeColumn === null) {
    throw new EngineError(
      'UNSUPPORTED_OPERATION',
      'dropDuplicatesWithinWatermark is not supported in streaming DataFrames without watermark; call withWatermark() before it',
    );
  }
}

/** One watermark per input, set before the stateful operators: a chained operator uses its input's (window_time). */
function checkWatermark(node: Extract<AnalyzedPlan, { kind: 'Watermark' }>): void {
  const below = statefulBelow(node)[0];
  if (below) {
    throw new EngineError(
      'UNSUPPORTED_OPERATION',
      `withWatermark() after ${describeOperator(below)} is not supported: set the watermark on the input; ` +
        "an aggregation's window column keeps it for the next operator (window(col('window'), ...) or window_time(col('window')))",
    );
  }
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
      if (below.kind === 'GroupState' && below.streaming) {
        throw new EngineError(
          'UNSUPPORTED_OPERATION',
          'a stream-stream join after a groupByKey (mapGroupsWithState / flatMapGroupsWithState) is not supported',
        );
      }
    });
  }
  if (node.how === 'left' && node.streamJoin?.eviction[0].length === 0) {
    throw new EngineError(
      'UNSUPPORTED_OPERATION',
      'a left outer stream-stream join needs a watermark on the right side and a time-range condition that bounds the right event time by the left one ' +
        "(e.g. col('ship_ts').between(col('sale_ts'), col('sale_ts').plus(interval('1 hour'))) with withWatermark('ship_ts', ...) on the right): " +
        'a left row is emitted with nulls only once no right row can match it any more',
    );
  }
}
