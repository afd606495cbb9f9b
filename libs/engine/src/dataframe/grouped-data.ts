// groupBy(...).agg(...) and groupByKey(...).(flat)mapGroupsWithState(...).
import { EngineError } from '../errors/engine-error';
import type { Column } from '../expressions/column';
import type { ExprNode } from '../expressions/expr-node';
import { count } from '../expressions/functions';
import type { GroupState, GroupStateTimeout } from '../plan/group-state-spec';
import { AggregateNode, GroupStateNode } from '../plan/plan-node';
import type { Row } from '../columnar/row-conversion';
import type { StructType } from '../types/data-type';
import type { DataFrame } from './dataframe';

export class GroupedData {
  constructor(
    private readonly df: DataFrame,
    private readonly keys: readonly ExprNode[],
  ) {}

  agg(...aggregates: Column[]): DataFrame {
    return this.df.withPlan(
      AggregateNode.create(
        this.df.plan,
        this.keys,
        aggregates.map((a) => a.node),
      ),
    );
  }

  count(): DataFrame {
    return this.agg(count().as('count'));
  }
}

export interface GroupStateOptions {
  readonly outputSchema: StructType;
  readonly timeout?: GroupStateTimeout;
}

export class KeyValueGroupedData {
  constructor(
    private readonly df: DataFrame,
    private readonly keys: readonly ExprNode[],
  ) {}

  /** One output row per key and call; the query must use update mode. */
  mapGroupsWithState<S>(fn: (key: Row, rows: readonly Row[], state: GroupState<S>) => Row, options: GroupStateOptions): DataFrame {
    return this.build('map', (key, rows, state) => [fn(key, rows, state as GroupState<S>)], options, 'update');
  }

  /** Any number of output rows per key and call; `outputMode` must match the query's. */
  flatMapGroupsWithState<S>(
    fn: (key: Row, rows: readonly Row[], state: GroupState<S>) => Iterable<Row>,
    options: GroupStateOptions & { readonly outputMode: 'append' | 'update' },
  ): DataFrame {
    return this.build('flatMap', (key, rows, state) => fn(key, rows, state as GroupState<S>), options, options.outputMode);
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
