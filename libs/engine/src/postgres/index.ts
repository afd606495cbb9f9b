// @shelfstream/engine/postgres: sink (exactly once), checkpoint store, table reader, test databases.
export { ENGINE_SCHEMA, ensureEngineTables } from './engine-schema';
export { claimPartitions, committedPartitionOffsets } from './partition-offsets';
export { asPartitionedOffset, type PartitionedOffset } from '../kafka/partitioned-offset';
export { inTransaction, type PgConnection, quoteIdent } from './pg-connection';
export { PostgresCheckpointStore, postgresCheckpointStore } from './postgres-checkpoint-store';
export { CONNECTION_LOST, resilientPool, tagConnectionLoss } from './resilient-pool';
export { type BatchWriteResult, COPY_MIN_ROWS, type HistoryOptions, PostgresSink, postgresSink, type PostgresSinkOptions } from './postgres-sink';
export { arrowTypeOfPg, PostgresDimension, readPostgres, type ReadPostgresOptions } from './read-postgres';
export * from './test-database';
export { PostgresDeadLetterSink, postgresDeadLetters, type PostgresDeadLetterOptions } from './dead-letter-table';
