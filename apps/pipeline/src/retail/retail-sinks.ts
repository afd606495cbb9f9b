// Postgres tables of the retail query's outputs (all of a batch in one transaction, exactly once by batch
// id), with the commit notifications of docs/contracts.md sent inside that transaction; and the same
// tables as single sinks for the backfill.
import { encodeInventoryUpdated, encodePipelineProgress, INVENTORY_UPDATED_CHANNEL, PIPELINE_PROGRESS_CHANNEL } from '@shelfstream/db';
import { LIVE_INVENTORY_SCHEMA } from '@shelfstream/domain';
import type { BatchContext } from '@shelfstream/engine';
import {
  type PostgresOutputOptions,
  postgresOutputsSink,
  type PostgresOutputsSink,
  postgresSink,
  type PostgresSink,
  type PostgresTableOptions,
} from '@shelfstream/postgres-connector';
import type { Table } from 'apache-arrow';
import type { Pool, PoolClient } from 'pg';

/** The pipeline_progress name of a batch's rows: its query (backfill), or one output of the retail query. */
type ProgressName = (context: BatchContext) => string;
const byQuery: ProgressName = (context) => context.queryName;

/**
 * pipeline_progress row of one query or output, NOTIFY pipeline_progress. `withFacts`: the sources' batch
 * facts (records, dead letters) go in too (once per batch: the inventory output's row).
 */
async function recordProgress(client: PoolClient, data: Table, context: BatchContext, name: string, withFacts = false): Promise<void> {
  const progress = {
    batchId: context.batchId,
    outputRows: data.numRows,
    watermarkMs: context.watermarkMs,
    batchTimestampMs: context.batchTimestampMs,
    endOffsets: context.endOffsets,
    numRowsDroppedByWatermark: context.numRowsDroppedByWatermark ?? 0,
    ...(withFacts ? Object.assign({}, ...Object.values(context.sourceFacts ?? {})) : {}),
  };
  await client.query(
    `INSERT INTO pipeline_progress (query_name, batch_id, progress, rows_dropped_by_watermark) VALUES ($1, $2, $3, $4)
     ON CONFLICT (query_name, batch_id) DO UPDATE
       SET progress = EXCLUDED.progress, rows_dropped_by_watermark = EXCLUDED.rows_dropped_by_watermark, committed_at = now()`,
    [name, context.batchId, JSON.stringify(progress), progress.numRowsDroppedByWatermark],
  );
  await client.query('SELECT pg_notify($1, $2)', [PIPELINE_PROGRESS_CHANNEL, encodePipelineProgress(name, context.batchId)]);
}

const LIVE_COLUMNS = LIVE_INVENTORY_SCHEMA.fields.map((f) => f.name).filter((name) => name !== 'event_time');
const HISTORY_COLUMNS = ['sku', 'on_hand', 'units_last_hour', 'units_last_24h', 'velocity_ratio', 'current_price', 'event_time'];

/** live_inventory (upsert by SKU) + inventory_history (every version), NOTIFY inventory_updated. */
function inventoryTable(progressName: ProgressName): PostgresOutputOptions {
  return {
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
      const name = progressName(context);
      await client.query('SELECT pg_notify($1, $2)', [INVENTORY_UPDATED_CHANNEL, encodeInventoryUpdated(context.batchId, name, [...new Set(skus)])]);
      await recordProgress(client, data, context, name, true);
    },
  };
}

/** sales_velocity, upsert by (sku, window_kind, window_start). */
function velocityTable(progressName: ProgressName): PostgresOutputOptions {
  return {
    table: 'sales_velocity',
    keyColumns: ['sku', 'window_kind', 'window_start'],
    batchIdColumn: 'batch_id',
    beforeCommit: (client, data, context) => recordProgress(client, data, context, progressName(context)),
  };
}

/** sales_history, upsert by event id (a replayed or re-backfilled event stays one row). */
const HISTORY_TABLE: PostgresTableOptions = { table: 'sales_history', keyColumns: ['event_id'], batchIdColumn: 'batch_id' };

/** The outputs of the retail query, in checkpoint order (stateful operators are numbered across them). */
export const RETAIL_OUTPUTS = ['live_inventory', 'sales_velocity_1h', 'sales_velocity_24h', 'sales_history'] as const;
export type RetailOutput = (typeof RETAIL_OUTPUTS)[number];

/**
 * The retail query's sink: every output of a batch in one transaction. Progress rows are named
 * `<prefix><output>` (live_inventory, sales_velocity_1h, ...), as the API and dashboard read them.
 */
export function retailOutputsSink(pool: Pool, prefix: string, owner?: string): PostgresOutputsSink {
  const named =
    (output: RetailOutput): ProgressName =>
    () =>
      `${prefix}${output}`;
  const outputs: Record<RetailOutput, PostgresOutputOptions> = {
    live_inventory: inventoryTable(named('live_inventory')),
    sales_velocity_1h: velocityTable(named('sales_velocity_1h')),
    sales_velocity_24h: velocityTable(named('sales_velocity_24h')),
    sales_history: HISTORY_TABLE,
  };
  return postgresOutputsSink({ connection: pool, owner, outputs, name: 'retail', commit: 'per-output' });
}

/** Backfill sinks (one table each, progress named after the backfill query). */
export const liveInventorySink = (pool: Pool): PostgresSink => postgresSink({ connection: pool, ...inventoryTable(byQuery) });
export const salesVelocitySink = (pool: Pool): PostgresSink => postgresSink({ connection: pool, ...velocityTable(byQuery) });
export const salesHistorySink = (pool: Pool): PostgresSink => postgresSink({ connection: pool, ...HISTORY_TABLE });

/** sales_baseline, upsert by SKU. */
export function salesBaselineSink(pool: Pool): PostgresSink {
  return postgresSink({ connection: pool, table: 'sales_baseline', keyColumns: ['sku'], commitTimeColumn: 'computed_at' });
}
