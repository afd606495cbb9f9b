// Test data written the way the pipeline and the pricing bot write it.
import { encodeInventoryUpdated, encodePipelineProgress, INVENTORY_UPDATED_CHANNEL, PIPELINE_PROGRESS_CHANNEL } from '@shelfstream/db';
import type { Client } from 'pg';

export interface SeedSku {
  sku: string;
  category: string;
  onHand: number;
  lowStock?: boolean;
  velocityRatio?: number | null;
  stockoutEta?: Date | null;
  price?: number;
  lastEventAt?: Date;
}

export async function insertProducts(pg: Client, skus: readonly SeedSku[]): Promise<void> {
  for (const s of skus) {
    await pg.query(
      `INSERT INTO products (sku, name, category, unit_cost, base_price, current_price, price_floor, price_ceiling,
         initial_stock, low_stock_threshold) VALUES ($1, $2, $3, 1, $4, $4, 0.5, 100, 100, 10)`,
      [s.sku, `Product ${s.sku}`, s.category, s.price ?? 9.99],
    );
  }
}

/**
 * Simulates the pipeline's commit: upsert live_inventory rows, append inventory_history, and NOTIFY
 * inventory_updated with the contract payload, all in one transaction.
 */
export async function commitBatch(pg: Client, batchId: number, skus: readonly SeedSku[], queryName = 'inventory'): Promise<void> {
  await pg.query('BEGIN');
  try {
    for (const s of skus) {
      const eventTime = s.lastEventAt ?? new Date();
      await pg.query(
        `INSERT INTO live_inventory (sku, name, category, on_hand, units_last_hour, units_last_24h, baseline_hourly_rate,
           velocity_ratio, forecast_24h, stockout_eta, current_price, low_stock, last_event_at, batch_id)
         VALUES ($1, $2, $3, $4, 5, 60, 2.5, $5, 48, $6, $7, $8, $9, $10)
         ON CONFLICT (sku) DO UPDATE SET on_hand = EXCLUDED.on_hand, velocity_ratio = EXCLUDED.velocity_ratio,
           stockout_eta = EXCLUDED.stockout_eta, low_stock = EXCLUDED.low_stock, last_event_at = EXCLUDED.last_event_at,
           current_price = EXCLUDED.current_price, batch_id = EXCLUDED.batch_id, updated_at = now()`,
        [
          s.sku,
          `Product ${s.sku}`,
          s.category,
          s.onHand,
          s.velocityRatio ?? null,
          s.stockoutEta ?? null,
          s.price ?? 9.99,
          s.lowStock ?? false,
          eventTime,
          batchId,
        ],
      );
      await pg.query(
        `INSERT INTO inventory_history (sku, on_hand, units_last_hour, units_last_24h, velocity_ratio, current_price, event_time, batch_id)
         VALUES ($1, $2, 5, 60, $3, $4, $5, $6)`,
        [s.sku, s.onHand, s.velocityRatio ?? null, s.price ?? 9.99, eventTime, batchId],
      );
    }
    await pg.query('SELECT pg_notify($1, $2)', [
      INVENTORY_UPDATED_CHANNEL,
      encodeInventoryUpdated(
        batchId,
        queryName,
        skus.map((s) => s.sku),
      ),
    ]);
    await pg.query('COMMIT');
  } catch (error) {
    await pg.query('ROLLBACK');
    throw error;
  }
}

export async function commitProgress(pg: Client, queryName: string, batchId: number, progress: Record<string, unknown>): Promise<void> {
  await pg.query('BEGIN');
  await pg.query(`INSERT INTO pipeline_progress (query_name, batch_id, progress, rows_dropped_by_watermark) VALUES ($1, $2, $3, $4)`, [
    queryName,
    batchId,
    progress,
    Number(progress['numRowsDroppedByWatermark'] ?? 0),
  ]);
  await pg.query('SELECT pg_notify($1, $2)', [PIPELINE_PROGRESS_CHANNEL, encodePipelineProgress(queryName, batchId)]);
  await pg.query('COMMIT');
}

export async function insertPriceChange(pg: Client, sku: string, oldPrice: number, newPrice: number, changedAt: Date, reason: string): Promise<void> {
  const { rows } = await pg.query<{ id: string }>(
    `INSERT INTO price_decisions (idempotency_key, sku, decided_at, rule, outcome, old_price, proposed_price, new_price,
       reason, reference_price, inputs, steps, trigger)
     VALUES ($1, $2, $3, 'velocity', 'applied', $4, $5, $5, $6, $4, '{}', '[]', 'test') RETURNING id`,
    [`${sku}-${changedAt.getTime()}`, sku, changedAt, oldPrice, newPrice, reason],
  );
  await pg.query(
    `INSERT INTO price_changes (decision_id, sku, old_price, new_price, reference_price, rule, reason, changed_at)
     VALUES ($1, $2, $3, $4, $3, 'velocity', $5, $6)`,
    [rows[0].id, sku, oldPrice, newPrice, reason, changedAt],
  );
}

export async function insertVelocity(pg: Client, sku: string, windowKind: '1h' | '24h', start: Date, units: number): Promise<void> {
  const size = windowKind === '1h' ? 3600_000 : 86_400_000;
  await pg.query(
    `INSERT INTO sales_velocity (sku, window_kind, window_start, window_end, units, revenue, orders, batch_id)
     VALUES ($1, $2, $3, $4, $5::int, $5::int * 9.99, $5::int, 1)`,
    [sku, windowKind, start, new Date(start.getTime() + size), units],
  );
}

/** Sales events the way the pipeline records them in sales_history (batch = the micro-batch that took it in). */
export async function insertSalesHistory(
  pg: Client,
  events: readonly { id: string; sku: string; type: 'sale' | 'return'; quantity: number; at: Date; batchId: number }[],
): Promise<void> {
  for (const e of events) {
    await pg.query(
      `INSERT INTO sales_history (event_id, type, sku, store, quantity, unit_price, currency, event_time, stock_delta, batch_id)
       VALUES ($1, $2, $3, 'united-kingdom', $4, 9.99, 'GBP', $5, $6, $7)`,
      [e.id, e.type, e.sku, e.quantity, e.at, e.type === 'sale' ? -e.quantity : e.quantity, e.batchId],
    );
  }
}
