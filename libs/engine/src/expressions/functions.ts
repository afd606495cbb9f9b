// Spark-named functions: aggregates, coalesce and time windows.
import { EngineError } from '../errors/engine-error';
import { type Duration, parseDuration } from '../types/duration';
import type { WindowValue } from '../types/data-type';
import { DEFAULT_ACCURACY } from './aggregates/percentile-approx';
import { Column, type ColumnLike, type ColumnRef, type PathName, toColumn, toNode } from './column';
import { AggregateCallNode, type AggregateFn, CoalesceNode, LiteralNode, SessionWindowNode, StructNode, TimeWindowNode, WindowTimeNode } from './expr-node';

/** What a column argument (a name or a Column) carries for the compiler: its value and name. */
type ArgValue<C> = C extends string ? ColumnRef<C> : C extends Column<infer V> ? V : unknown;
type ArgName<C> = C extends string ? PathName<C> : C extends Column<unknown, infer N> ? N : string;
/** An aggregate's value: sum/avg give numbers, min/max/first/last the argument's value, others unknown. */
type AggregateValue<F extends AggregateFn, C> = F extends 'sum' | 'avg' ? number | null : F extends 'min' | 'max' | 'first' | 'last' ? ArgValue<C> : unknown;
/** An aggregate's default name, `sum(qty)` (the analyzer's), or `string` when the argument's name is unknown. */
type AggregateName<F extends string, C> = string extends ArgName<C> ? string : `${F}(${ArgName<C>})`;

const aggregate =
  <F extends AggregateFn>(fn: F) =>
  <C extends string | Column>(column: C): Column<AggregateValue<F, C>, AggregateName<F, C>> =>
    new Column(AggregateCallNode.create(fn, toColumn(column).node));

export const sum = aggregate('sum');
export const avg = aggregate('avg');
export const mean = avg;
export const min = aggregate('min');
export const max = aggregate('max');
export const first = aggregate('first');
export const last = aggregate('last');
/** `count()` / `count('*')` counts rows; `count(col)` counts non-null values. */
export function count(): Column<number, 'count'>;
export function count<C extends string | Column>(column: C): Column<number, C extends '*' ? 'count' : AggregateName<'count', C>>;
export function count(column?: string | Column): Column<number> {
  if (column === undefined || column === '*') return new Column(AggregateCallNode.create('count', null));
  return new Column(AggregateCallNode.create('count', toColumn(column).node));
}

/**
 * Spark's `count(DISTINCT col, ...)`: the exact number of distinct non-null values; with several columns,
 * of distinct tuples of their values, not counting a row where any of them is null.
 */
export function countDistinct(column: string | Column, ...more: (string | Column)[]): Column {
  const nodes = [column, ...more].map((c) => toColumn(c).node);
  return new Column(AggregateCallNode.create('count_distinct', nodes.length === 1 ? nodes[0] : StructNode.create(nodes)));
}
export const count_distinct = countDistinct;

/**
 * Spark's `approx_count_distinct(col, rsd = 0.05)`: distinct non-null values estimated by a HyperLogLog
 * sketch of 2^p registers, p = ceil(2 log2(1.106 / rsd)) (rsd 0.05 → p = 9, 512 bytes per group).
 * The result's relative standard error is about rsd.
 */
export function approx_count_distinct(column: string | Column, rsd?: number): Column {
  return new Column(AggregateCallNode.create('approx_count_distinct', toColumn(column).node, rsd === undefined ? [] : [rsd]));
}
export const approxCountDistinct = approx_count_distinct;

/**
 * Spark's `percentile_approx(col, percentage, accuracy = 10000)` over numbers or timestamps: the
 * smallest value whose rank reaches ceil(percentage * n), from a mergeable quantile sketch whose rank
 * error is at most n / accuracy (exact below `accuracy` values). One percentage per call.
 */
export function percentile_approx(column: string | Column, percentage: number, accuracy = DEFAULT_ACCURACY): Column {
  return new Column(AggregateCallNode.create('percentile_approx', toColumn(column).node, [percentage, accuracy]));
}
export const percentileApprox = percentile_approx;

/** A duration as a literal number of ms, to shift timestamps: `col('sale_ts').plus(interval('1 hour'))`. */
export const interval = (duration: Duration): Column<number> => new Column(LiteralNode.create(parseDuration(duration, { what: 'interval' })));

export function coalesce(...args: ColumnLike[]): Column {
  if (args.length === 0) throw new EngineError('INVALID_ARGUMENT', 'coalesce needs at least one argument');
  return new Column(CoalesceNode.create(args.map(toNode)));
}

/**
 * Time window over a timestamp column: `window('ts', '1 hour', '5 minutes')`. Produces a struct column
 * `window` {start, end}; rows belong to every [start, end) that contains them (see SEMANTICS.md (a)).
 */
export function window(timeColumn: string | Column, size: Duration, slide?: Duration, startTime?: Duration): Column<WindowValue, 'window'> {
  const sizeMs = parseDuration(size, { what: 'window duration' });
  const slideMs = slide === undefined ? sizeMs : parseDuration(slide, { what: 'slide duration' });
  const startMs = startTime === undefined ? 0 : parseDuration(startTime, { what: 'window start time' });
  if (!(sizeMs > 0)) throw new EngineError('INVALID_WINDOW', `window duration must be > 0, got ${sizeMs} ms`);
  if (!(slideMs > 0)) throw new EngineError('INVALID_WINDOW', `slide duration must be > 0, got ${slideMs} ms`);
  if (slideMs > sizeMs) {
    throw new EngineError('INVALID_WINDOW', `slide duration (${slideMs} ms) must be <= window duration (${sizeMs} ms)`);
  }
  if (Math.abs(startMs) >= slideMs) {
    throw new EngineError('INVALID_WINDOW', `|start time| (${startMs} ms) must be < slide duration (${slideMs} ms)`);
  }
  return new Column(TimeWindowNode.create(toColumn(timeColumn).node, sizeMs, slideMs, startMs));
}

/**
 * Session window over a timestamp column: `session_window('ts', '10 minutes')`. Each row opens
 * [t, t + gap); sessions of the same grouping key that overlap (or touch) merge into one
 * {start: min, end: max}. Produces the struct column `session_window` {start, end}. Spark's name.
 */
export function session_window(timeColumn: string | Column, gap: Duration): Column<WindowValue, 'session_window'> {
  const gapMs = parseDuration(gap, { what: 'session gap duration' });
  if (!(gapMs > 0)) throw new EngineError('INVALID_WINDOW', `session gap duration must be > 0, got ${gapMs} ms`);
  return new Column(SessionWindowNode.create(toColumn(timeColumn).node, gapMs));
}
export const sessionWindow = session_window;

/**
 * Spark's `window_time(window)`: the event time of a window or session_window column, its end - 1 ms
 * (the last instant inside the half-open window; Spark: end - 1 µs). In a stream it keeps the window's
 * watermark, so a following aggregation can window it: `groupBy(window(window_time(col('window')), '1 hour'))`.
 */
export const window_time = (windowColumn: string | Column): Column<number | null> => new Column(WindowTimeNode.create(toColumn(windowColumn).node));
export const windowTime = window_time;
