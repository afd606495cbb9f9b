// @shelfstream/postgres-connector: sinks (exactly once; one table, or every output of a query in one transaction), checkpoint store, table reader, dead-letter table,
// partition claims. Test databases are in @shelfstream/postgres-connector/testing.
export { ENGINE_SCHEMA, ensureEngineTables } from './engine-schema';
export { claimPartitions, committedPartitionOffsets } from './partition-offsets';
export { asPartitionedOffset, type PartitionedOffset } from '@shelfstream/kafka-connector';
export { DEFAULT_DATABASE_URL, inTransaction, type PgConnection, quoteIdent } from './pg-connection';
export { PostgresCheckpointStore, postgresCheckpointStore } from './postgres-checkpoint-store';
export { CONNECTION_LOST, resilientPool, tagConnectionLoss } from './resilient-pool';
export {
  type BatchWriteResult,
  COPY_MIN_ROWS,
  type HistoryOptions,
  PostgresSink,
  postgresSink,
  type PostgresSinkOptions,
  type PostgresTableOptions,
} from './postgres-sink';
export { type PostgresOutputOptions, PostgresOutputsSink, postgresOutputsSink, type PostgresOutputsSinkOptions } from './postgres-outputs-sink';
export { arrowTypeOfPg, PostgresDimension, readPostgres, type ReadPostgresOptions } from './read-postgres';
export { PostgresDeadLetterSink, postgresDeadLetters, type PostgresDeadLetterOptions } from './dead-letter-table';
