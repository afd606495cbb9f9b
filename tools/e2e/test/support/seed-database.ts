// A fresh database with libs/db's migrations, the e2e catalogue and its seeded baselines.
import { runMigrations } from '@shelfstream/db';
import { createTestDatabase, type TestDatabase } from '@shelfstream/postgres-connector/testing';
import { Pool } from 'pg';
import type { E2eProduct } from './catalogue';

export async function createSeededDatabase(products: readonly E2eProduct[]): Promise<TestDatabase> {
  const db = await createTestDatabase('e2e');
  await runMigrations(db.url);
  const pool = new Pool({ connectionString: db.url, max: 1 });
  try {
    await pool.query(
      `INSERT INTO products (sku, name, category, unit_cost, base_price, current_price, price_floor, price_ceiling,
                             initial_stock, low_stock_threshold, restock_lead_hours)
       SELECT sku, 'E2E ' || sku, category, cost, price, price, floor, ceiling, stock, threshold, 48
         FROM unnest($1::text[], $2::text[], $3::numeric[], $4::numeric[], $5::numeric[], $6::numeric[], $7::int[], $8::int[])
              AS t(sku, category, cost, price, floor, ceiling, stock, threshold)`,
      [
        products.map((p) => p.sku),
        products.map((p) => p.category),
        products.map((p) => p.cost),
        products.map((p) => p.price),
        products.map((p) => p.floor),
        products.map((p) => p.ceiling),
        products.map((p) => p.initialStock),
        products.map((p) => p.lowStockThreshold),
      ],
    );
    const withBaseline = products.filter((p) => p.hourlyBaseline !== undefined);
    await pool.query(
      `INSERT INTO sales_baseline (sku, hourly_rate, daily_units, days, from_time, to_time, computed_at)
       SELECT sku, rate, rate * 24, 28, now() - interval '28 days', now(), now() FROM unnest($1::text[], $2::float8[]) AS t(sku, rate)`,
      [withBaseline.map((p) => p.sku), withBaseline.map((p) => p.hourlyBaseline)],
    );
  } finally {
    await pool.end();
  }
  return db;
}
