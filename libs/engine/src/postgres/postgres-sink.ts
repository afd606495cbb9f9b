// Postgres sink: per batch, ONE transaction writes the result rows (upsert by key, or insert), the
// optional history rows, the caller's extra SQL, the source offsets and the batch id. A batch id
// already committed is skipped, so a replay after a crash changes nothing (exactly once).
import type { Table } from 'apache-arrow';
import type { PoolClient } from 'pg';
import { ConnectorError } from '../files/connector-error';
import type { BatchContext, StreamSink } from '../streaming/contracts';
import { lastRowPerKey, pgArrays } from './arrow-to-pg';
import { ENGINE_SCHEMA, ensureEngineTables } from './engine-schema';
import { inTransaction, type PgConnection, quoteIdent, resolvePool } from './pg-connection';
import { recordPartitionOffsets } from './partition-offsets';

export interface HistoryOptions {
  readonly table: string;
  /** Batch columns to copy (default all). */
  readonly columns?: readonly string[];
  readonly batchIdColumn?: string;
  /** Column set to the transaction's commit time (default none: use the table's default). */
  readonly commitTimeColumn?: string;
}

export interface PostgresSinkOptions {
  readonly connection?: PgConnection;
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
  /** Name in the engine's commit table (default: the table name). */
  readonly name?: string;
  /** Owner id written with Kafka partition offsets (consumer-group mode fences stale owners). */
  readonly owner?: string;
  /** Extra SQL in the same transaction, after the rows (e.g. NOTIFY). Not called for a skipped batch. */
  readonly beforeCommit?: (client: PoolClient, data: Table, context: BatchContext) => Promise<void>;
  /** Rows per INSERT statement (default 20,000). */
  readonly rowsPerStatement?: number;
}

export interface BatchWriteResult {
  readonly skipped: boolean;
  readonly rows: number;
}

function columnList(names: readonly string[]): string {
  return names.map(quoteIdent).join(', ');
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
    const { pool } = this.owned;
    const { options } = this;
    const mode = context.outputMode;
    if (mode !== 'append' && !options.keyColumns?.length) {
      throw new ConnectorError('INVALID_OPTION', `Postgres sink on ${options.table}: ${mode} mode needs keyColumns`);
    }
    await ensureEngineTables(pool);
    return inTransaction(pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${context.queryName}/${this.name}`]);
      const done = await client.query<{ max: string | null }>(
        `SELECT max(batch_id)::text AS max FROM ${ENGINE_SCHEMA}.sink_commits WHERE query_name = $1 AND sink_name = $2`,
        [context.queryName, this.name],
      );
      const last = done.rows[0]?.max;
      if (last !== null && last !== undefined && Number(last) >= context.batchId) return { skipped: true, rows: 0 };

      const fields = options.columns ?? data.schema.fields.map((f) => f.name);
      if (mode === 'complete') await client.query(`DELETE FROM ${quoteIdent(options.table)}`);
      const rows = mode === 'append' ? undefined : lastRowPerKey(data, options.keyColumns ?? []);
      await this.insertRows(client, data, fields, rows, context, {
        table: options.table,
        batchIdColumn: options.batchIdColumn,
        commitTimeColumn: options.commitTimeColumn,
        conflict: mode === 'append' ? undefined : (options.keyColumns ?? []),
      });
      if (options.history) {
        const h = options.history;
        await this.insertRows(client, data, h.columns ?? fields, undefined, context, {
          table: h.table,
          batchIdColumn: h.batchIdColumn,
          commitTimeColumn: h.commitTimeColumn,
          conflict: undefined,
        });
      }
      await recordPartitionOffsets(client, context, options.owner);
      if (options.beforeCommit) await options.beforeCommit(client, data, context);
      await client.query(
        `INSERT INTO ${ENGINE_SCHEMA}.sink_commits (query_name, sink_name, batch_id, end_offsets) VALUES ($1, $2, $3, $4)`,
        [context.queryName, this.name, context.batchId, JSON.stringify(context.endOffsets)],
      );
      return { skipped: false, rows: rows ? rows.length : data.numRows };
    });
  }

  private async insertRows(
    client: PoolClient,
    data: Table,
    fields: readonly string[],
    rows: readonly number[] | undefined,
    context: BatchContext,
    target: { table: string; batchIdColumn?: string; commitTimeColumn?: string; conflict?: readonly string[] },
  ): Promise<void> {
    const total = rows ? rows.length : data.numRows;
    const step = this.options.rowsPerStatement ?? 20_000;
    for (let from = 0; from < total; from += step) {
      const to = Math.min(total, from + step);
      const slice = rows ? rows.slice(from, to) : Array.from({ length: to - from }, (_, i) => from + i);
      const arrays = pgArrays(data, fields, slice);
      const targetColumns = [...fields];
      const selects = arrays.map((a, i) => a.select(`u.c${i}`));
      const params: unknown[] = arrays.map((a) => a.values);
      if (target.batchIdColumn) {
        targetColumns.push(target.batchIdColumn);
        params.push(context.batchId);
        selects.push(`$${params.length}::bigint`);
      }
      if (target.commitTimeColumn) {
        targetColumns.push(target.commitTimeColumn);
        selects.push('now()');
      }
      const unnest = arrays.map((a, i) => `$${i + 1}::${a.arrayType}[]`).join(', ');
      const aliases = arrays.map((_, i) => `c${i}`).join(', ');
      let sql = `INSERT INTO ${quoteIdent(target.table)} (${columnList(targetColumns)})
        SELECT ${selects.join(', ')} FROM unnest(${unnest}) AS u(${aliases})`;
      if (target.conflict) {
        const keys = new Set(target.conflict);
        const updates = targetColumns.filter((c) => !keys.has(c)).map((c) => `${quoteIdent(c)} = EXCLUDED.${quoteIdent(c)}`);
        sql += ` ON CONFLICT (${columnList(target.conflict)}) DO ${updates.length ? `UPDATE SET ${updates.join(', ')}` : 'NOTHING'}`;
      }
      try {
        await client.query(sql, params);
      } catch (error) {
        throw new ConnectorError('SINK_ERROR', `writing ${target.table}: ${(error as Error).message}`, { cause: error });
      }
    }
  }

  /** Ends the pool if the sink created it. */
  close(): Promise<void> {
    return this.owned.close();
  }
}

export function postgresSink(options: PostgresSinkOptions): PostgresSink {
  return new PostgresSink(options);
}
