// Stands in for the pipeline's commit (exported for the full Kafka -> pipeline version later): upserts
// live_inventory rows and sends the `inventory_updated` NOTIFY in the same transaction, as the contract says.
import { encodeInventoryUpdated, INVENTORY_UPDATED_CHANNEL } from '@shelfstream/db';
import type { Client } from 'pg';

export interface ProductSeed {
  sku: string;
  price: number;
  unitCost?: number;
  floor?: number;
  ceiling?: number;
  lowStockThreshold?: number;
  restockLeadHours?: number;
}

export interface InventoryRow {
  sku: string;
  onHand: number;
  unitsLastHour: number;
  unitsLast24h: number;
  baselineHourlyRate: number;
  /** Hours until stock-out, or null. */
  stockoutInHours?: number | null;
  /** Event time of the newest sale (default now) and of the figures (default now): older ones are stale. */
  lastSaleAt?: Date | null;
  figuresAsOf?: Date;
}

export async function seedProducts(client: Client, products: readonly ProductSeed[]): Promise<void> {
  for (const p of products) {
    await client.query(
      `INSERT INTO products (sku, name, category, unit_cost, base_price, current_price, price_floor, price_ceiling,
         initial_stock, low_stock_threshold, restock_lead_hours)
       VALUES ($1, $1, 'test', $2, $3, $3, $4, $5, 100, $6, $7)`,
      [p.sku, p.unitCost ?? p.price / 2, p.price, p.floor ?? 0, p.ceiling ?? p.price * 2, p.lowStockThreshold ?? 20, p.restockLeadHours ?? 48],
    );
  }
}

/** One pipeline batch commit: rows and notification together. */
export async function commitInventoryBatch(client: Client, batchId: number, rows: readonly InventoryRow[], queryName = 'inventory'): Promise<void> {
  await client.query('BEGIN');
  try {
    for (const r of rows) {
      await client.query(
        `INSERT INTO live_inventory (sku, name, category, on_hand, units_last_hour, units_last_24h, baseline_hourly_rate,
           stockout_eta, current_price, low_stock, last_event_at, last_sale_at, figures_as_of, updated_at, batch_id)
         SELECT p.sku, p.name, p.category, $2::bigint, $3, $4, $5, $6, p.current_price, $2::bigint < p.low_stock_threshold, $9, $8, $9, now(), $7
           FROM products p WHERE p.sku = $1
         ON CONFLICT (sku) DO UPDATE SET on_hand = EXCLUDED.on_hand, units_last_hour = EXCLUDED.units_last_hour,
           units_last_24h = EXCLUDED.units_last_24h, baseline_hourly_rate = EXCLUDED.baseline_hourly_rate,
           stockout_eta = EXCLUDED.stockout_eta, low_stock = EXCLUDED.low_stock, last_event_at = EXCLUDED.last_event_at,
           last_sale_at = EXCLUDED.last_sale_at, figures_as_of = EXCLUDED.figures_as_of,
           updated_at = EXCLUDED.updated_at, batch_id = EXCLUDED.batch_id`,
        [
          r.sku,
          r.onHand,
          r.unitsLastHour,
          r.unitsLast24h,
          r.baselineHourlyRate,
          r.stockoutInHours == null ? null : new Date(Date.now() + r.stockoutInHours * 3_600_000),
          batchId,
          r.lastSaleAt === undefined ? new Date() : r.lastSaleAt,
          r.figuresAsOf ?? new Date(),
        ],
      );
    }
    await client.query('SELECT pg_notify($1, $2)', [
      INVENTORY_UPDATED_CHANNEL,
      encodeInventoryUpdated(
        batchId,
        queryName,
        rows.map((r) => r.sku),
      ),
    ]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

/** Normal trading: 2 units/h on a 2/h baseline with plenty of stock. */
export const calm = (sku: string): InventoryRow => ({ sku, onHand: 100, unitsLastHour: 2, unitsLast24h: 48, baselineHourlyRate: 2, stockoutInHours: 50 });
/** A spike: 30 units in the last hour (15x baseline) with 10 left, below the threshold of 20. */
export const spike = (sku: string): InventoryRow => ({ sku, onHand: 10, unitsLastHour: 30, unitsLast24h: 76, baselineHourlyRate: 2, stockoutInHours: 0.3 });
