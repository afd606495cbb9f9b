// groupBy(...).agg(...) and groupByKey(...).(flat)mapGroupsWithState(...).
import { EngineError } from '../errors/engine-error';
import type { Column } from '../expressions/column';
import type { ExprNode } from '../expressions/expr-node';
import { count } from '../expressions/functions';
import type { GroupState, GroupStateTimeout } from '../plan/group-state-spec';
import { AggregateNode, GroupStateNode } from '../plan/plan-node';
import type { Row } from '../columnar/row-conversion';
import type { SchemaSpec, StructType } from '../types/data-type';
import type { DataFrame } from './dataframe';
import type { Derived, FrameRow, SelectedRow, Simplify, Untyped } from './frame-types';

/** groupBy(...) of a frame with rows T; K is the row of its key columns. */
export class GroupedData<T extends Row = Untyped, K extends Row = Untyped> {
  constructor(
    private readonly df: DataFrame,
    private readonly keys: readonly ExprNode[],
  ) {}

  /** Key columns, then one column per aggregate (named by `.as()`; unnamed ones make the row permissive). */
  agg<const A extends readonly Column[]>(...aggregates: A): DataFrame<Derived<K, Simplify<K & SelectedRow<T, A>>>>;
  agg(...aggregates: Column[]): DataFrame {
    return this.df.withPlan(
      AggregateNode.create(
        this.df.plan,
        this.keys,
        aggregates.map((a) => a.node),
      ),
    );
  }

  count(): DataFrame<Derived<K, Simplify<K & { count: number }>>> {
    return this.agg(count().as('count'));
  }
}

export interface GroupStateOptions<S extends SchemaSpec = SchemaSpec> {
  readonly outputSchema: StructType<S>;
  readonly timeout?: GroupStateTimeout;
}

/** groupByKey(...) of a frame with rows T: the functions get T rows, the output rows follow `outputSchema`. */
export class KeyValueGroupedData<T extends Row = Row> {
  constructor(
    private readonly df: DataFrame,
    private readonly keys: readonly ExprNode[],
  ) {}

  /** One output row per key and call; the query must use update mode. */
  mapGroupsWithState<S, O extends SchemaSpec = SchemaSpec>(
    fn: (key: Row, rows: readonly T[], state: GroupState<S>) => Row,
    options: GroupStateOptions<O>,
  ): DataFrame<FrameRow<O>> {
    return this.build('map', (key, rows, state) => [fn(key, rows as readonly T[], state as GroupState<S>)], options, 'update');
  }

  /** Any number of output rows per key and call; `outputMode` must match the query's. */
  flatMapGroupsWithState<S, O extends SchemaSpec = SchemaSpec>(
    fn: (key: Row, rows: readonly T[], state: GroupState<S>) => Iterable<Row>,
    options: GroupStateOptions<O> & { readonly outputMode: 'append' | 'update' },
  ): DataFrame<FrameRow<O>> {
    return this.build('flatMap', (key, rows, state) => fn(key, rows as readonly T[], state as GroupState<S>), options, options.outputMode);
  }

  private build(
    flavor: 'map' | 'flatMap',
    fn: (key: Row, rows: readonly Row[], state: GroupState<unknown>) => Iterable<Row>,
    options: GroupStateOptions,
    outputMode: 'append' | 'update',
  ): DataFrame {
    const timeout = options.timeout ?? 'none';
    if (!['none', 'processingTime', 'eventTime'].includes(timeout)) {
      throw new EngineError('INVALID_STATE_TIMEOUT', `unknown timeout '${timeout}' (none, processingTime, eventTime)`);
    }
    if (outputMode !== 'append' && outputMode !== 'update') {
      throw new EngineError('UNSUPPORTED_OUTPUT_MODE', 'The output mode of function should be append or update');
    }
    const spec = Object.freeze({ flavor, fn, outputSchema: options.outputSchema, outputMode, timeout });
    return this.df.withPlan(GroupStateNode.create(this.df.plan, this.keys, spec));
  }
}
