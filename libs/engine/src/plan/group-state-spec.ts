// What groupByKey(...).flatMapGroupsWithState / mapGroupsWithState carries into the plan.
import type { Row } from '../columnar/row-conversion';
import type { StructType } from '../types/data-type';

export type GroupStateTimeout = 'none' | 'processingTime' | 'eventTime';

/** Per-key state handed to the user function (Spark's GroupState). */
export interface GroupState<S> {
  readonly exists: boolean;
  get(): S | undefined;
  update(value: S): void;
  remove(): void;
  /** True when the function is called because this key timed out (rows is empty). */
  readonly hasTimedOut: boolean;
  /** processingTime timeout: fires in a later batch whose timestamp is > batch timestamp + duration. */
  setTimeoutDuration(duration: string | number): void;
  /** eventTime timeout: fires once the watermark passes `timestampMs` (strictly). */
  setTimeoutTimestamp(timestampMs: number): void;
  readonly currentWatermarkMs: number;
  readonly currentProcessingTimeMs: number;
}

export type GroupStateFunction<S> = (key: Row, rows: readonly Row[], state: GroupState<S>) => Iterable<Row>;

export interface GroupStateSpec {
  /** 'map' = mapGroupsWithState (one row per call, update mode); 'flatMap' = any number of rows. */
  readonly flavor: 'map' | 'flatMap';
  readonly fn: GroupStateFunction<unknown>;
  readonly outputSchema: StructType;
  readonly outputMode: 'append' | 'update';
  readonly timeout: GroupStateTimeout;
}
