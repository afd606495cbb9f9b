// The product dimension for the inventory query, read from Postgres: products + sales_baseline, and
// (stream only) the live_inventory row as the opening state of a SKU the query has no state for yet.
import { type DataFrame, type Engine } from '@shelfstream/engine';
import { readPostgres } from '@shelfstream/engine/postgres';
import type { Pool } from 'pg';

export function dimensionSql(withOpening: boolean): string {
  return `SELECT p.sku, p.name, p.category, p.initial_stock::int AS initial_stock,
          p.low_stock_threshold::int AS low_stock_threshold, p.restock_lead_hours::int AS restock_lead_hours,
          p.current_price::float8 AS current_price, b.hourly_rate::float8 AS baseline_hourly_rate,
          li.on_hand::bigint AS opening_on_hand, li.units_sold::bigint AS opening_units_sold,
          li.units_returned::bigint AS opening_units_returned, li.units_restocked::bigint AS opening_units_restocked,
          li.units_adjusted::bigint AS opening_units_adjusted, li.last_event_at AS opening_last_event_at
     FROM products p
     LEFT JOIN sales_baseline b ON b.sku = p.sku
     LEFT JOIN live_inventory li ON ${withOpening ? 'li.sku = p.sku' : 'false'}`;
}

export async function productDimension(engine: Engine, pool: Pool, withOpening: boolean): Promise<DataFrame> {
  return engine.read.arrow(await readPostgres({ connection: pool, query: dimensionSql(withOpening) }));
}

export async function knownSkus(pool: Pool): Promise<Set<string>> {
  const { rows } = await pool.query<{ sku: string }>('SELECT sku FROM products');
  return new Set(rows.map((r) => r.sku));
}
