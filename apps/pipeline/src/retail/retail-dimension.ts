// The product dimension for the inventory query, read from Postgres: products + sales_baseline, and
// (stream only) the live_inventory row as the opening state of a SKU the query has no state for yet.
// The stream's LiveDimension re-reads it (and the known SKUs of validation) when the products version
// (dimension_versions, bumped by triggers) moved: products seeded later and new baselines are used
// without a restart, at the cost of one small read per micro-batch.
import { type DataFrame, type Engine } from '@shelfstream/engine';
import { readPostgres } from '@shelfstream/postgres-connector';
import type { Table } from 'apache-arrow';
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

/** The stream's dimension: re-read when the products version moves, checked before each read of the source. */
export class LiveDimension {
  private version: string | null = null;
  private table: Table | undefined;
  /** SKUs of the products table (validation's UNKNOWN_SKU check); changes in place on a refresh. */
  readonly skus = new Set<string>();
  /** How many times the dimension was read (tests, logs). */
  reads = 0;

  constructor(private readonly pool: Pool) {}

  /** Re-reads products, baselines and known SKUs if their version changed since the last read. */
  async refresh(): Promise<void> {
    const { rows } = await this.pool.query<{ version: string }>(`SELECT version::text AS version FROM dimension_versions WHERE name = 'products'`);
    const version = rows[0]?.version ?? null;
    if (this.table && version === this.version) return;
    const [table, skus] = await Promise.all([readPostgres({ connection: this.pool, query: dimensionSql(true) }), knownSkus(this.pool)]);
    this.table = table;
    this.skus.clear();
    for (const sku of skus) this.skus.add(sku);
    this.version = version;
    this.reads++;
  }

  /** The static side of the join: the engine re-reads it for every micro-batch (after the source's refresh). */
  async frame(engine: Engine): Promise<DataFrame> {
    await this.refresh();
    const first = this.table as Table;
    return engine.read.source({ schema: first.schema, batches: () => [this.table ?? first] });
  }
}
