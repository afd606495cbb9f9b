// Postgres sinks of the retail queries (one transaction per batch, exactly once by batch id), with the
// commit notifications of docs/contracts.md sent inside that transaction.
import { encodeInventoryUpdated, encodePipelineProgress, INVENTORY_UPDATED_CHANNEL, PIPELINE_PROGRESS_CHANNEL } from '@shelfstream/db';
import { LIVE_INVENTORY_SCHEMA } from '@shelfstream/domain';
import type { BatchContext } from '@shelfstream/engine';
import { postgresSink, type PostgresSink } from '@shelfstream/postgres-connector';
import type { Table } from 'apache-arrow';
import type { Pool, PoolClient } from 'pg';

/** Extra facts for the pipeline_progress row (e.g. dead letters of the batch). */
export type ProgressFacts = (data: Table, context: BatchContext) => Record<string, unknown>;

async function recordProgress(client: PoolClient, data: Table, context: BatchContext, facts?: ProgressFacts): Promise<void> {
  const progress = {
    batchId: context.batchId,
    outputRows: data.numRows,
    watermarkMs: context.watermarkMs,
    batchTimestampMs: context.batchTimestampMs,
    endOffsets: context.endOffsets,
    numRowsDroppedByWatermark: context.numRowsDroppedByWatermark ?? 0,
    ...facts?.(data, context),
  };
  await client.query(
    `INSERT INTO pipeline_progress (query_name, batch_id, progress, rows_dropped_by_watermark) VALUES ($1, $2, $3, $4)
     ON CONFLICT (query_name, batch_id) DO UPDATE
       SET progress = EXCLUDED.progress, rows_dropped_by_watermark = EXCLUDED.rows_dropped_by_watermark, committed_at = now()`,
    [context.queryName, context.batchId, JSON.stringify(progress), progress.numRowsDroppedByWatermark],
  );
  await client.query('SELECT pg_notify($1, $2)', [PIPELINE_PROGRESS_CHANNEL, encodePipelineProgress(context.queryName, context.batchId)]);
}

const LIVE_COLUMNS = LIVE_INVENTORY_SCHEMA.fields.map((f) => f.name).filter((name) => name !== 'event_time');
const HISTORY_COLUMNS = ['sku', 'on_hand', 'units_last_hour', 'units_last_24h', 'velocity_ratio', 'current_price', 'event_time'];

/** live_inventory (upsert by SKU) + inventory_history (every version), NOTIFY inventory_updated. */
export function liveInventorySink(pool: Pool, facts?: ProgressFacts, owner?: string): PostgresSink {
  return postgresSink({
    connection: pool,
    owner,
    table: 'live_inventory',
    keyColumns: ['sku'],
    columns: LIVE_COLUMNS,
    batchIdColumn: 'batch_id',
    commitTimeColumn: 'updated_at',
    history: { table: 'inventory_history', columns: HISTORY_COLUMNS, batchIdColumn: 'batch_id' },
    beforeCommit: async (client, data, context) => {
      // The dimension is read when the query starts; prices move (pricing bot), so take today's.
      await client.query(
        `UPDATE live_inventory li SET current_price = p.current_price FROM products p
          WHERE li.batch_id = $1 AND p.sku = li.sku AND li.current_price IS DISTINCT FROM p.current_price`,
        [context.batchId],
      );
      const skus = (data.getChild('sku')?.toArray() ?? []) as string[];
      await client.query('SELECT pg_notify($1, $2)', [
        INVENTORY_UPDATED_CHANNEL,
        encodeInventoryUpdated(context.batchId, context.queryName, [...new Set(skus)]),
      ]);
      await recordProgress(client, data, context, facts);
    },
  });
}

/** sales_velocity, upsert by (sku, window_kind, window_start). */
export function salesVelocitySink(pool: Pool, facts?: ProgressFacts, owner?: string): PostgresSink {
  return postgresSink({
    connection: pool,
    owner,
    table: 'sales_velocity',
    keyColumns: ['sku', 'window_kind', 'window_start'],
    batchIdColumn: 'batch_id',
    beforeCommit: (client, data, context) => recordProgress(client, data, context, facts),
  });
}

/** sales_history, upsert by event id (a replayed or re-backfilled event stays one row). */
export function salesHistorySink(pool: Pool, owner?: string): PostgresSink {
  return postgresSink({ connection: pool, owner, table: 'sales_history', keyColumns: ['event_id'], batchIdColumn: 'batch_id' });
}

/** sales_baseline, upsert by SKU. */
export function salesBaselineSink(pool: Pool): PostgresSink {
  return postgresSink({ connection: pool, table: 'sales_baseline', keyColumns: ['sku'], commitTimeColumn: 'computed_at' });
}
