// Per-partition resume positions of partitioned (Kafka) sources, committed in the sink's
// transaction. In consumer-group mode a process claims a partition before reading it; a commit
// by a process that no longer owns a partition fails (fencing), so a hand-over can neither skip
// nor repeat an event.
import type { Pool, PoolClient } from 'pg';
import { ConnectorError } from '@shelfstream/engine';
import type { BatchContext } from '@shelfstream/engine';
import { asPartitionedOffset } from '@shelfstream/kafka-connector';
import { ENGINE_SCHEMA, ensureEngineTables } from './engine-schema';
import { inTransaction } from './pg-connection';

/** Upserts every partitioned source's end offsets; with an owner, fails if another owner claimed one. */
export async function recordPartitionOffsets(client: PoolClient, context: BatchContext, owner?: string): Promise<void> {
  for (const [source, offset] of Object.entries(context.endOffsets)) {
    const p = asPartitionedOffset(offset);
    if (!p) continue;
    const partitions = Object.keys(p.partitions).map(Number);
    if (partitions.length === 0) continue;
    const nexts = partitions.map((k) => p.partitions[String(k)]);
    if (owner !== undefined) {
      const stolen = await client.query<{ partition: number; owner: string }>(
        `SELECT partition, owner FROM ${ENGINE_SCHEMA}.partition_offsets
         WHERE query_name = $1 AND source_name = $2 AND partition = ANY($3::int[]) AND owner IS DISTINCT FROM $4
         FOR UPDATE`,
        [context.queryName, source, partitions, owner],
      );
      if (stolen.rows.length > 0) {
        const list = stolen.rows.map((r) => `${r.partition} (now ${r.owner})`).join(', ');
        throw new ConnectorError('PARTITION_FENCED', `${owner} no longer owns partitions ${list} of ${source}`);
      }
    }
    await client.query(
      `INSERT INTO ${ENGINE_SCHEMA}.partition_offsets (query_name, source_name, partition, next_offset, owner, batch_id)
       SELECT $1, $2, p, n, $5, $6 FROM unnest($3::int[], $4::bigint[]) AS u(p, n)
       ON CONFLICT (query_name, source_name, partition) DO UPDATE
       SET next_offset = EXCLUDED.next_offset, owner = EXCLUDED.owner, batch_id = EXCLUDED.batch_id, updated_at = now()`,
      [context.queryName, source, partitions, nexts, owner ?? null, context.batchId],
    );
  }
}

/** Committed next offsets of a source's partitions (those never committed are absent). */
export async function committedPartitionOffsets(pool: Pool, queryName: string, sourceName: string): Promise<Map<number, number>> {
  await ensureEngineTables(pool);
  const { rows } = await pool.query<{ partition: number; next_offset: string }>(
    `SELECT partition, next_offset FROM ${ENGINE_SCHEMA}.partition_offsets
     WHERE query_name = $1 AND source_name = $2 AND next_offset >= 0`,
    [queryName, sourceName],
  );
  return new Map(rows.map((r) => [r.partition, Number(r.next_offset)]));
}

/**
 * Claims partitions for `owner` (after a rebalance assigned them): later commits by the previous
 * owner for these partitions fail. Returns the committed next offset of each claimed partition.
 */
export async function claimPartitions(
  pool: Pool,
  queryName: string,
  sourceName: string,
  partitions: readonly number[],
  owner: string,
): Promise<Map<number, number>> {
  await ensureEngineTables(pool);
  return inTransaction(pool, async (client) => {
    await client.query(
      `INSERT INTO ${ENGINE_SCHEMA}.partition_offsets (query_name, source_name, partition, next_offset, owner)
       SELECT $1, $2, p, -1, $4 FROM unnest($3::int[]) AS p
       ON CONFLICT (query_name, source_name, partition) DO UPDATE SET owner = EXCLUDED.owner, updated_at = now()`,
      [queryName, sourceName, partitions, owner],
    );
    const { rows } = await client.query<{ partition: number; next_offset: string }>(
      `SELECT partition, next_offset FROM ${ENGINE_SCHEMA}.partition_offsets
       WHERE query_name = $1 AND source_name = $2 AND partition = ANY($3::int[]) AND next_offset >= 0`,
      [queryName, sourceName, partitions],
    );
    return new Map(rows.map((r) => [r.partition, Number(r.next_offset)]));
  });
}
