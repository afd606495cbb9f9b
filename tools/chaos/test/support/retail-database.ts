// A fresh, migrated database with a small catalogue: the same products go into the database the apps
// run on and into the oracle's, so both start from the same dimension.
import { runMigrations } from '@shelfstream/db';
import { createTestDatabase, type TestDatabase } from '@shelfstream/postgres-connector/testing';
import { Pool } from 'pg';

export interface ChaosProduct {
  readonly sku: string;
  readonly price: number;
  readonly initialStock: number;
  readonly lowStockThreshold: number;
}

export function chaosCatalogue(skus: number): ChaosProduct[] {
  return Array.from({ length: skus }, (_, i) => ({
    sku: `CHAOS-${String(i).padStart(4, '0')}`,
    price: 2 + (i % 17) * 0.75,
    initialStock: 500 + i * 10,
    // High thresholds keep stock "short", so a sales burst is a surge the pricing bot acts on.
    lowStockThreshold: 100_000,
  }));
}

export interface RetailDatabase {
  readonly db: TestDatabase;
  readonly pool: Pool;
  readonly url: string;
  /** Backend pids of other sessions on this database (the apps' connections). */
  otherBackends(): Promise<number[]>;
  close(): Promise<void>;
}

async function seed(pool: Pool, products: readonly ChaosProduct[], hourlyBaseline: number | null): Promise<void> {
  await pool.query(
    `INSERT INTO products (sku, name, category, unit_cost, base_price, current_price, price_floor, price_ceiling,
                           initial_stock, low_stock_threshold, restock_lead_hours)
     SELECT sku, 'Chaos ' || sku, 'chaos', price / 2, price, price, price / 2, price * 3, stock, threshold, 48
       FROM unnest($1::text[], $2::numeric[], $3::int[], $4::int[]) AS t(sku, price, stock, threshold)`,
    [products.map((p) => p.sku), products.map((p) => p.price), products.map((p) => p.initialStock), products.map((p) => p.lowStockThreshold)],
  );
  if (hourlyBaseline !== null) {
    await pool.query(
      `INSERT INTO sales_baseline (sku, hourly_rate, daily_units, days, from_time, to_time, computed_at)
       SELECT sku, $2::float8, $2::float8 * 24, 14, now() - interval '14 days', now(), now() FROM unnest($1::text[]) AS t(sku)`,
      [products.map((p) => p.sku), hourlyBaseline],
    );
  }
}

export async function createRetailDatabase(prefix: string, products: readonly ChaosProduct[], hourlyBaseline: number | null = null): Promise<RetailDatabase> {
  const db = await createTestDatabase(prefix);
  await runMigrations(db.url).catch(async (error: unknown) => {
    await db.drop();
    throw error;
  });
  const pool = new Pool({ connectionString: db.url, max: 4, application_name: 'chaos-harness' });
  pool.on('error', () => undefined);
  try {
    await seed(pool, products, hourlyBaseline);
  } catch (error) {
    await pool.end().catch(() => undefined);
    await db.drop();
    throw error;
  }
  return {
    db,
    pool,
    url: db.url,
    async otherBackends() {
      const { rows } = await pool.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
           AND coalesce(application_name, '') <> 'chaos-harness' AND backend_type = 'client backend'`,
      );
      return rows.map((r) => r.pid);
    },
    async close() {
      await pool.end().catch(() => undefined);
      await db.drop();
    },
  };
}
