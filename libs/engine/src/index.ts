// Public surface of @shelfstream/engine.
export const ENGINE_VERSION = '0.1.0';

export { createEngine, Engine } from './engine';
export type { Clock, EngineOptions } from './engine-context';
export { partitionOf as defaultStatePartitioner, type KeyValue, type StatePartitioner } from './execution/key-encoding';
export { EngineError, isEngineError, type EngineErrorCode } from './errors/engine-error';
export { describeError, describeValue, errorCodes, hasErrorCode } from './errors/error-text';

export {
  schema,
  structType,
  WINDOW_TYPE,
  type DataType,
  type Field,
  type FieldSpec,
  type PrimitiveType,
  type RowOf,
  type RowOfSchema,
  type SchemaSpec,
  type StructType,
  type TypeName,
  type ValueOf,
  type WindowValue,
} from './types/data-type';
export { parseDuration, type Duration } from './types/duration';
export { daysInMonth, impossibleCalendarField, parseTimestampText, timestampTextProblem, type CalendarFields } from './types/timestamp-text';

export { Column, col, lit, when, type ColumnLike, type ColumnRef } from './expressions/column';
export {
  approx_count_distinct,
  approxCountDistinct,
  avg,
  coalesce,
  count,
  count_distinct,
  countDistinct,
  first,
  interval,
  last,
  max,
  mean,
  min,
  percentile_approx,
  percentileApprox,
  session_window,
  sessionWindow,
  sum,
  window,
  window_time,
  windowTime,
} from './expressions/functions';
export type { AggregateDescriptor, AggregateValue, GroupAggregate } from './expressions/aggregate-descriptor';

export { DataFrame } from './dataframe/dataframe';
export type { ColumnName, ColumnPath, FrameRow, RowType, SelectedRow } from './dataframe/frame-types';
export { GroupedData, KeyValueGroupedData, type GroupStateOptions } from './dataframe/grouped-data';
export { DataFrameReader, DataStreamReader } from './dataframe/readers';
export type { GroupState, GroupStateFunction, GroupStateTimeout } from './plan/group-state-spec';
export type { JoinType, LateRows } from './plan/plan-node';
export type { Row } from './columnar/row-conversion';

export * from './types/contracts';
export { DataStreamWriter } from './streaming/data-stream-writer';
export { StreamingQuery } from './streaming/streaming-query';
export type { StreamingQueryProgress, StateOperatorProgress, SourceProgress } from './streaming/progress';
export type { Trigger, ForeachBatchFunction } from './streaming/writer-config';
export { MemoryStream } from './dataframe/memory-stream';
export { MemorySink } from './streaming/memory-sink';
export { LATE_ROWS_SCHEMA } from './execution/late-rows';
export { FileCheckpointStore } from './streaming/file-checkpoint-store';
export { MemoryCheckpointStore } from './streaming/memory-checkpoint-store';

// Arrow interop for connectors
export { fromArrowSchema } from './columnar/arrow-import';
export { toArrowSchema } from './columnar/arrow-export';
export { columnFromValues, dictionaryColumn, dictionaryUtf8, recordBatchFromArrays, recordBatchFromColumns } from './columnar/arrow-columns';
export { ConnectorError, type ConnectorErrorCode } from './errors/connector-error';
export { tableToRows } from './columnar/table-rows';
