// The one INSERT ... SELECT [ON CONFLICT DO UPDATE] that moves a batch's rows into a table, from either
// unnest(array parameters) or a COPY-filled staging table, and the COPY path itself.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { ConnectorError } from '@shelfstream/engine';
import type { PgArrayColumn } from './arrow-to-pg';
import type { CopyRows } from './copy-text';
import { quoteIdent } from './pg-connection';

export interface RowTarget {
  readonly table: string;
  readonly batchIdColumn?: string;
  readonly commitTimeColumn?: string;
  /** Conflict key (upsert); undefined: plain insert, in the batch's row order. */
  readonly conflict?: readonly string[];
}

const columnList = (names: readonly string[]) => names.map(quoteIdent).join(', ');

/**
 * INSERT INTO target (fields [, batch id] [, commit time]) SELECT ... FROM `from`, where `alias`.c0..cN
 * are the fields' element values and `alias`.ord (when `ordered`) their row order.
 */
export function mergeSql(
  target: RowTarget,
  fields: readonly string[],
  columns: readonly Pick<PgArrayColumn, 'select'>[],
  from: string,
  alias: string,
  batchId: number,
  ordered = false,
): string {
  if (!Number.isSafeInteger(batchId)) throw new ConnectorError('SINK_ERROR', `batch id ${batchId} is not a safe integer`);
  const targetColumns = [...fields];
  const selects = columns.map((c, i) => c.select(`${alias}.c${i}`));
  if (target.batchIdColumn) {
    targetColumns.push(target.batchIdColumn);
    selects.push(`${batchId}::bigint`);
  }
  if (target.commitTimeColumn) {
    targetColumns.push(target.commitTimeColumn);
    selects.push('now()');
  }
  let sql = `INSERT INTO ${quoteIdent(target.table)} (${columnList(targetColumns)}) SELECT ${selects.join(', ')} FROM ${from}`;
  if (ordered && !target.conflict) sql += ` ORDER BY ${alias}.ord`;
  if (target.conflict) {
    const keys = new Set(target.conflict);
    const updates = targetColumns.filter((c) => !keys.has(c)).map((c) => `${quoteIdent(c)} = EXCLUDED.${quoteIdent(c)}`);
    sql += ` ON CONFLICT (${columnList(target.conflict)}) DO ${updates.length ? `UPDATE SET ${updates.join(', ')}` : 'NOTHING'}`;
  }
  return sql;
}

/** The session's staging table for a role and the element types of its columns. */
export function stageTableName(role: string, types: readonly string[]): string {
  return `shelfstream_stage_${createHash('sha1')
    .update(`${role}:${types.join(',')}`)
    .digest('hex')
    .slice(0, 16)}`;
}

/**
 * COPY the rows into a temporary staging table of this session (created once per connection, `role` and
 * element-type signature; emptied at every commit, and a rollback discards its rows), then merge them
 * into the target with one statement, in the caller's transaction. Each `role` once per transaction.
 */
export async function copyMerge(
  client: PoolClient,
  role: string,
  rows: CopyRows,
  fields: readonly string[],
  batchId: number,
  target: RowTarget,
): Promise<void> {
  const types = rows.columns.map((c) => c.arrayType);
  const stage = stageTableName(role, types);
  const names = types.map((_, i) => `c${i}`);
  await client.query(`CREATE TEMP TABLE IF NOT EXISTS ${stage} (ord int4, ${names.map((c, i) => `${c} ${types[i]}`).join(', ')}) ON COMMIT DELETE ROWS`);
  await pipeline(Readable.from(rows.chunks), client.query(copyFrom(`COPY ${stage} (ord, ${names.join(', ')}) FROM STDIN`)));
  await client.query(mergeSql(target, fields, rows.columns, `${stage} s`, 's', batchId, true));
}
