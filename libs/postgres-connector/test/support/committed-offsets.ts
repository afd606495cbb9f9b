// The bound for "nothing more will be written": a streaming query has committed a topic up to its end
// once the next offsets committed with its sink's batches (partition_offsets), summed over partitions
// (and over the queries of a group), reach the number of records produced to the fresh topic.
import type { Pool } from 'pg';
import { ENGINE_SCHEMA, ensureEngineTables } from '../../src';

/** Records of `topic` committed by the queries of this database (offsets start at 0, one record per offset). */
export async function committedRecords(pool: Pool, topic: string): Promise<number> {
  await ensureEngineTables(pool);
  const { rows } = await pool.query<{ n: string | null }>(
    `SELECT sum(next_offset)::text AS n FROM ${ENGINE_SCHEMA}.partition_offsets WHERE source_name = $1 AND next_offset >= 0`,
    [`kafka:${topic}`],
  );
  return Number(rows[0]?.n ?? 0);
}

/** Waits until all `records` of `topic` are committed: every batch with input has then committed its rows. */
export async function waitForCommitted(pool: Pool, topic: string, records: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const committed = await committedRecords(pool, topic);
    if (committed >= records) return;
    if (Date.now() > deadline) throw new Error(`${committed} of ${records} records of ${topic} committed after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
