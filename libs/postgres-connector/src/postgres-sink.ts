// Postgres sink: per batch, ONE transaction writes the result rows (upsert by key, or insert), the
// optional history rows, the caller's extra SQL, the source offsets and the batch id. A batch id
// already committed is skipped, so a replay after a crash changes nothing (exactly once).
import type { Table } from 'apache-arrow';
import type { Pool, PoolClient } from 'pg';
import { ConnectorError } from '@shelfstream/engine';
import type { BatchContext, StreamSink } from '@shelfstream/engine';
import { lastRowPerKey, pgArrays } from './arrow-to-pg';
import { copyRows } from './copy-text';
import { ENGINE_SCHEMA, ensureEngineTables } from './engine-schema';
import { inTransaction, type PgConnection, quoteIdent, resolvePool } from './pg-connection';
import { recordPartitionOffsets } from './partition-offsets';
import { copyMerge, mergeSql, type RowTarget } from './row-merge';

export interface HistoryOptions {
  readonly table: string;
  /** Batch columns to copy (default all). */
  readonly columns?: readonly string[];
  readonly batchIdColumn?: string;
  /** Column set to the transaction's commit time (default none: use the table's default). */
  readonly commitTimeColumn?: string;
}

/** Where and how a batch's rows are written (one table, and optionally its history table). */
export interface PostgresTableOptions {
  /** Target table (`schema.table` allowed); it must exist (migrations own user tables). */
  readonly table: string;
  /** Conflict key; required for update and complete modes. */
  readonly keyColumns?: readonly string[];
  /** Batch columns to write (default all); the table's columns have the same names. */
  readonly columns?: readonly string[];
  /** Column set to the batch id on every written row. */
  readonly batchIdColumn?: string;
  /** Column set to the transaction's commit time on every written row. */
  readonly commitTimeColumn?: string;
  readonly history?: HistoryOptions;
  /**
   * How rows reach the table (the same rows either way): `copy` streams them with COPY into a
   * session-local staging table and merges it with one INSERT ... SELECT [ON CONFLICT]; `unnest` sends
   * each column as an array parameter of an INSERT ... SELECT FROM unnest(...) per `rowsPerStatement`
   * rows; `auto` (default) copies from COPY_MIN_ROWS rows up (fewer round trips win below that). The
   * staging table is a session's temporary table: behind a transaction-pooling proxy, use `unnest`.
   */
  readonly writeMethod?: 'auto' | 'copy' | 'unnest';
  /** Rows per INSERT statement of the unnest method (default 20,000). */
  readonly rowsPerStatement?: number;
}

export interface PostgresSinkOptions extends PostgresTableOptions {
  readonly connection?: PgConnection;
  /** Name in the engine's commit table (default: the table name). */
  readonly name?: string;
  /** Owner id written with Kafka partition offsets (consumer-group mode fences stale owners). */
  readonly owner?: string;
  /** Extra SQL in the same transaction, after the rows (e.g. NOTIFY). Not called for a skipped batch. */
  readonly beforeCommit?: (client: PoolClient, data: Table, context: BatchContext) => Promise<void>;
}

/**
 * Rows from which `auto` writes with COPY: below it the staging table's extra statements cost more than
 * COPY saves (bench/postgres-sink.bench.ts: about even at 5,000 rows, COPY ~0.8x the wall time at 12,000).
 */
export const COPY_MIN_ROWS = 5_000;

export interface BatchWriteResult {
  readonly skipped: boolean;
  readonly rows: number;
}

export class PostgresSink implements StreamSink {
  private readonly owned;
  private readonly name: string;
  lastResult: BatchWriteResult | undefined;

  constructor(private readonly options: PostgresSinkOptions) {
    this.owned = resolvePool(options.connection);
    this.name = options.name ?? options.table;
  }

  async addBatch(data: Table, context: BatchContext): Promise<void> {
    this.lastResult = await this.write(data, context);
  }

  /** Same as addBatch, telling whether the batch was skipped as already committed. */
  async write(data: Table, context: BatchContext): Promise<BatchWriteResult> {
    const { options } = this;
    checkOutputMode(options, context.outputMode);
    return commitOnce(this.owned.pool, context, this.name, options.owner, async (client) => {
      const rows = await writeTable(client, options, data, context);
      if (options.beforeCommit) await options.beforeCommit(client, data, context);
      return rows;
    });
  }

  /** Ends the pool if the sink created it. */
  close(): Promise<void> {
    return this.owned.close();
  }
}

/**
 * One transaction per batch id, at most once: locks (query, sink), skips a batch id already in the
 * commit table, runs `write`, records Kafka partition offsets (fencing a stale owner) and the batch id.
 */
export async function commitOnce(
  pool: Pool,
  context: BatchContext,
  sinkName: string,
  owner: string | undefined,
  write: (client: PoolClient) => Promise<number>,
): Promise<BatchWriteResult> {
  await ensureEngineTables(pool);
  return inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${context.queryName}/${sinkName}`]);
    const done = await client.query<{ max: string | null }>(
      `SELECT max(batch_id)::text AS max FROM ${ENGINE_SCHEMA}.sink_commits WHERE query_name = $1 AND sink_name = $2`,
      [context.queryName, sinkName],
    );
    const last = done.rows[0]?.max;
    if (last !== null && last !== undefined && Number(last) >= context.batchId) return { skipped: true, rows: 0 };
    const rows = await write(client);
    await recordPartitionOffsets(client, context, owner);
    await client.query(`INSERT INTO ${ENGINE_SCHEMA}.sink_commits (query_name, sink_name, batch_id, end_offsets) VALUES ($1, $2, $3, $4)`, [
      context.queryName,
      sinkName,
      context.batchId,
      JSON.stringify(context.endOffsets),
    ]);
    return { skipped: false, rows };
  });
}

/** Update and complete modes need a key to upsert by. */
export function checkOutputMode(options: PostgresTableOptions, mode: BatchContext['outputMode']): void {
  if (mode !== 'append' && !options.keyColumns?.length) {
    throw new ConnectorError('INVALID_OPTION', `Postgres sink on ${options.table}: ${mode} mode needs keyColumns`);
  }
}

/** What a table sink writes inside its batch's transaction: the rows (upsert by key, or insert) and the history rows. Returns the rows written. */
export async function writeTable(client: PoolClient, options: PostgresTableOptions, data: Table, context: BatchContext): Promise<number> {
  const mode = context.outputMode;
  checkOutputMode(options, mode);
  const fields = options.columns ?? data.schema.fields.map((f) => f.name);
  if (mode === 'complete') await client.query(`DELETE FROM ${quoteIdent(options.table)}`);
  const rows = mode === 'append' ? undefined : lastRowPerKey(data, options.keyColumns ?? []);
  await insertRows(client, options, 'rows', data, fields, rows, context, {
    table: options.table,
    batchIdColumn: options.batchIdColumn,
    commitTimeColumn: options.commitTimeColumn,
    conflict: mode === 'append' ? undefined : (options.keyColumns ?? []),
  });
  if (options.history) {
    const h = options.history;
    await insertRows(client, options, 'history', data, h.columns ?? fields, undefined, context, {
      table: h.table,
      batchIdColumn: h.batchIdColumn,
      commitTimeColumn: h.commitTimeColumn,
      conflict: undefined,
    });
  }
  return rows ? rows.length : data.numRows;
}

async function insertRows(
  client: PoolClient,
  options: PostgresTableOptions,
  role: 'rows' | 'history',
  data: Table,
  fields: readonly string[],
  rows: readonly number[] | undefined,
  context: BatchContext,
  target: RowTarget,
): Promise<void> {
  const total = rows ? rows.length : data.numRows;
  if (total === 0) return;
  try {
    const method = options.writeMethod ?? 'auto';
    if (method === 'copy' || (method === 'auto' && total >= COPY_MIN_ROWS)) {
      await copyMerge(client, role, copyRows(data, fields, rows), fields, context.batchId, target);
      return;
    }
    const step = options.rowsPerStatement ?? 20_000;
    for (let from = 0; from < total; from += step) {
      const to = Math.min(total, from + step);
      const slice = rows ? rows.slice(from, to) : Array.from({ length: to - from }, (_, i) => from + i);
      const arrays = pgArrays(data, fields, slice);
      const unnest = arrays.map((a, i) => `$${i + 1}::${a.arrayType}[]`).join(', ');
      const aliases = arrays.map((_, i) => `c${i}`).join(', ');
      await client.query(
        mergeSql(target, fields, arrays, `unnest(${unnest}) AS u(${aliases})`, 'u', context.batchId),
        arrays.map((a) => a.values),
      );
    }
  } catch (error) {
    if (error instanceof ConnectorError) throw error;
    throw new ConnectorError('SINK_ERROR', `writing ${target.table}: ${(error as Error).message}`, { cause: error });
  }
}

export function postgresSink(options: PostgresSinkOptions): PostgresSink {
  return new PostgresSink(options);
}
