// The immutable DataFrame builder: each call returns a new DataFrame over a new frozen plan node.
// Plans are analyzed eagerly (so mistakes fail at the call that made them); nothing runs until
// collect()/toArrow() or writeStream...start().
import type { Table } from 'apache-arrow';
import { analyzePlan } from '../analysis/analyzer';
import type { AnalyzedPlan } from '../analysis/analyzed-plan';
import { prunedNames, requiredColumns } from '../analysis/required-columns';
import { batchesToTable } from '../columnar/arrow-export';
import type { ColumnBatch } from '../columnar/column-batch';
import { type Row, batchToRows } from '../columnar/row-conversion';
import { EngineError } from '../errors/engine-error';
import { type Column, type ColumnRef, type PathName, col, toColumn } from '../expressions/column';
import { ColumnRefNode, type ExprNode, exprName } from '../expressions/expr-node';
import { runBatch } from '../execution/batch-runner';
import { DedupeNode, FilterNode, JoinNode, type JoinType, type LateRows, type PlanNode, ProjectNode, UnionNode, WatermarkNode } from '../plan/plan-node';
import type { StructType } from '../types/data-type';
import type { ColumnArg, ColumnName, ColumnPath, ColumnValue, Derived, JoinedRight, RowType, SelectedRow, Simplify, Untyped, WithColumn } from './frame-types';
import { type Duration, parseDuration } from '../types/duration';
import type { EngineContext } from '../engine-context';
import { DataStreamWriter } from '../streaming/data-stream-writer';
import { cachePlan, isCachedPlan, uncachePlan, withCachedData } from './frame-cache';
import { GroupedData, KeyValueGroupedData } from './grouped-data';

/**
 * A DataFrame whose rows are `T` for the compiler (`DataFrame<RowOf<S>>` from a typed schema): column names
 * in select/groupBy/withColumn/... are checked against T (`frame-types.ts`). The untyped `DataFrame` accepts any
 * name, gives `Row`s, stays untyped through every call and accepts any typed frame; analysis checks names at
 * runtime either way.
 */
export class DataFrame<T extends Row = Untyped> {
  readonly analyzed: AnalyzedPlan;

  constructor(
    readonly engine: EngineContext,
    readonly plan: PlanNode,
  ) {
    this.analyzed = analyzePlan(plan);
  }

  get schema(): StructType {
    return this.analyzed.schema;
  }
  get columns(): string[] {
    return this.schema.fields.map((f) => f.name);
  }
  get isStreaming(): boolean {
    return this.analyzed.streaming;
  }

  /** A DataFrame over `plan` on the same engine (the grouped-data builders use it too). */
  withPlan<R extends Row = Untyped>(plan: PlanNode): DataFrame<R> {
    return new DataFrame<R>(this.engine, plan);
  }

  /** A column of this frame by name ('a' or 'a.b'), typed by it: `df.col('qty').as('units')`. */
  col<P extends ColumnPath<T>>(name: P): Column<ColumnRef<P>, PathName<P>> {
    return col(name);
  }

  select<const A extends readonly (ColumnArg<T> | '*')[]>(...columns: A): DataFrame<Derived<T, SelectedRow<T, A>>>;
  select(...columns: (string | Column)[]): DataFrame {
    const exprs = columns.flatMap((c): ExprNode[] => (c === '*' ? this.columns.map((name) => ColumnRefNode.create(name)) : [toColumn(c).node]));
    return this.withPlan(ProjectNode.create(this.plan, exprs));
  }

  filter(condition: Column): DataFrame<T> {
    return this.withPlan(FilterNode.create(this.plan, condition.node));
  }
  where(condition: Column): DataFrame<T> {
    return this.filter(condition);
  }

  /** Adds a column, or replaces the column of that name in place. */
  withColumn<N extends string, V>(name: N, value: Column<V>): DataFrame<Derived<T, WithColumn<T, N, ColumnValue<T, V>>>> {
    const aliased = value.as(name).node;
    const exists = this.columns.includes(name);
    const exprs = this.columns.map((c) => (c === name ? aliased : col(c).node));
    return this.withPlan(ProjectNode.create(this.plan, exists ? exprs : [...exprs, aliased]));
  }

  withColumnRenamed<E extends ColumnName<T>, N extends string>(existing: E, name: N): DataFrame<Derived<T, WithColumn<Omit<T, E>, N, T[E]>>>;
  withColumnRenamed(existing: string, name: string): DataFrame {
    if (!this.columns.includes(existing)) return this;
    return this.withPlan(
      ProjectNode.create(
        this.plan,
        this.columns.map((c) => (c === existing ? col(c).as(name).node : col(c).node)),
      ),
    );
  }

  drop<K extends ColumnName<T>>(...names: K[]): DataFrame<Derived<T, Simplify<Omit<T, K>>>> {
    return this.withPlan(
      ProjectNode.create(
        this.plan,
        this.columns.filter((c) => !(names as readonly string[]).includes(c)).map((c) => col(c).node),
      ),
    );
  }

  /**
   * Joins on same-named key columns (`'sku'`, `['sku', 'store']`, kept once) or on a condition over both
   * sides' columns (`col('sku').eq(col('ship_sku')).and(...)`: its left = right column equalities are the
   * keys, the rest filters pairs, every column is kept, so names must differ). Both sides may be streams
   * (README "Stream–stream joins"); a stream on the right needs one on the left.
   */
  join<U extends Row, K extends ColumnName<T> & ColumnName<U>, H extends JoinType = 'inner'>(
    other: DataFrame<U>,
    on: K | readonly K[],
    how?: H,
  ): DataFrame<Derived<T, Derived<U, Simplify<T & JoinedRight<Omit<U, K>, H>>>>>;
  join<U extends Row, H extends JoinType = 'inner'>(
    other: DataFrame<U>,
    on: Column,
    how?: H,
  ): DataFrame<Derived<T, Derived<U, Simplify<T & JoinedRight<U, H>>>>>;
  join(other: DataFrame, on: string | readonly string[] | Column, how: JoinType = 'inner'): DataFrame {
    if (how !== 'inner' && how !== 'left') {
      throw new EngineError('UNSUPPORTED_JOIN', `join type '${String(how)}' is not supported (inner, left)`);
    }
    if (typeof on === 'string' || Array.isArray(on)) return this.withPlan(JoinNode.create(this.plan, other.plan, typeof on === 'string' ? [on] : on, how));
    return this.withPlan(JoinNode.create(this.plan, other.plan, [], how, (on as Column).node));
  }

  /** Marks `column` as event time; rows more than `delay` behind the max event time may be dropped. */
  withWatermark(column: ColumnName<T>, delay: Duration): DataFrame<T> {
    const delayMs = parseDuration(delay, { allowMonths: true, what: 'watermark delay' });
    if (delayMs < 0) throw new EngineError('INVALID_WATERMARK', `watermark delay should not be negative, got '${String(delay)}'`);
    return this.withPlan(WatermarkNode.create(this.plan, column, delayMs));
  }

  /**
   * Keeps the first row of each key (`columns`; none = every column) and drops later duplicates. In a
   * stream a key is remembered until the watermark passes its first row's event time + the watermark
   * delay, so it needs withWatermark() upstream; rows behind the watermark are dropped as late, or with
   * `lateRows: 'keep'` passed on without deduplication. On a batch DataFrame: every duplicate is dropped.
   */
  dropDuplicatesWithinWatermark(columns: readonly ColumnName<T>[] = [], options: { readonly lateRows?: LateRows } = {}): DataFrame<T> {
    const lateRows = options.lateRows ?? 'drop';
    if (lateRows !== 'drop' && lateRows !== 'keep') {
      throw new EngineError('INVALID_ARGUMENT', `lateRows must be 'drop' or 'keep', got '${String(lateRows)}'`);
    }
    return this.withPlan(DedupeNode.create(this.plan, columns, lateRows));
  }

  groupBy<const K extends readonly ColumnArg<T>[]>(...keys: K): GroupedData<T, Derived<T, SelectedRow<T, K>>> {
    return new GroupedData(
      this,
      keys.map((k) => toColumn(k).node),
    );
  }

  /** Keys for arbitrary stateful processing (mapGroupsWithState / flatMapGroupsWithState). */
  groupByKey(...keys: ColumnArg<T>[]): KeyValueGroupedData<RowType<T>> {
    return new KeyValueGroupedData(
      this,
      keys.map((k) => toColumn(k).node),
    );
  }

  union(...others: DataFrame[]): DataFrame<T> {
    return this.withPlan(UnionNode.create([this.plan, ...others.map((o) => o.plan)]));
  }

  get writeStream(): DataStreamWriter {
    if (!this.isStreaming) throw new EngineError('NOT_STREAMING', "'writeStream' can be called only on streaming DataFrames");
    return new DataStreamWriter(this);
  }

  /**
   * Keeps this batch frame's rows in memory: the first action computes them once, later actions (and
   * frames built on this one, streams' static join sides included) reuse them until unpersist().
   * Returns this frame, as Spark. A streaming frame is refused (it has no fixed rows to keep).
   */
  cache(): this {
    if (this.isStreaming) {
      throw new EngineError('NOT_BATCH', 'cache()/persist() apply to batch DataFrames; a streaming DataFrame is recomputed by each micro-batch');
    }
    cachePlan(this.plan);
    return this;
  }
  /** Same as cache() (memory is the only storage level). */
  persist(): this {
    return this.cache();
  }
  /** Drops the cached rows; later actions read the inputs again. */
  unpersist(): this {
    uncachePlan(this.plan);
    return this;
  }
  get isCached(): boolean {
    return isCachedPlan(this.plan);
  }

  /** The logical plan with cached frames read from memory (what actions and writeStream run). */
  cachedPlan(): PlanNode {
    return withCachedData(this.plan);
  }
  private planToRun(): AnalyzedPlan {
    const plan = this.cachedPlan();
    return plan === this.plan ? this.analyzed : analyzePlan(plan);
  }

  /** Runs a bounded query and returns its columnar chunks. */
  async collectBatches(): Promise<ColumnBatch[]> {
    return runBatch(this.planToRun());
  }
  async collect(): Promise<RowType<T>[]> {
    return (await this.collectBatches()).flatMap(batchToRows) as RowType<T>[];
  }
  async toArrow(): Promise<Table> {
    return batchesToTable(this.schema, await this.collectBatches());
  }
  async count(): Promise<number> {
    // no output column is used: inputs read one column for the row count
    return (await runBatch(this.planToRun(), new Set())).reduce((n, b) => n + b.length, 0);
  }

  /** The logical plan as indented text (for debugging), then the columns each input reads (pushdown). */
  explain(): string {
    const scans = [...requiredColumns(this.analyzed).inputs].map(([input, needed], i) => {
      const names = input.schema.fields.map((f) => f.name);
      const read = prunedNames(input.schema.fields, needed) ?? names;
      const pushdown = input.withColumns ? '' : ' (source reads every column)';
      return `Scan ${'name' in input ? input.name : i}: ${read.join(', ')} (${read.length} of ${names.length})${pushdown}`;
    });
    return [describe(this.plan, 0), ...scans].join('\n');
  }
}

function describe(node: PlanNode, depth: number): string {
  const pad = '  '.repeat(depth);
  const children: PlanNode[] =
    node.kind === 'Join' ? [node.left, node.right] : node.kind === 'Union' ? [...node.children] : 'child' in node ? [node.child] : [];
  const detail =
    node.kind === 'Project'
      ? node.exprs.map(exprName).join(', ')
      : node.kind === 'Filter'
        ? exprName(node.condition)
        : node.kind === 'Aggregate'
          ? `${node.keys.map(exprName).join(', ')} | ${node.aggs.map(exprName).join(', ')}`
          : node.kind === 'Watermark'
            ? `${node.column}, ${node.delayMs} ms`
            : node.kind === 'Join'
              ? `${node.how} on ${[...node.on, ...(node.condition ? [exprName(node.condition)] : [])].join(', ')}`
              : node.kind === 'StreamRelation'
                ? node.source.name
                : node.kind === 'Dedupe'
                  ? `${node.columns.join(', ') || '*'} (late rows: ${node.lateRows})`
                  : '';
  return [`${pad}${node.kind} ${detail}`.trimEnd(), ...children.map((c) => describe(c, depth + 1))].join('\n');
}
