import { createTestDatabase, type TestDatabase } from '@shelfstream/postgres-connector/testing';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS, ProductEntity, createDataSource, runMigrations } from '../src';

const TABLES = [
  'api_keys',
  'dead_letters',
  'dimension_versions',
  'inventory_history',
  'live_inventory',
  'pipeline_progress',
  'products',
  'sales_baseline',
  'sales_history',
  'sales_velocity',
];

describe('migrations on a fresh database', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase('db_migrations');
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('creates every contract table, even when several processes migrate at once', async () => {
    const runs = await Promise.all([runMigrations(db.url), runMigrations(db.url), runMigrations(db.url)]);
    expect(runs.flat()).toEqual(MIGRATIONS.map((m) => m.name)); // each applied once, in order

    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
      );
      expect(rows.map((r) => r.table_name)).toEqual(expect.arrayContaining(TABLES));
      const index = await client.query(`SELECT 1 FROM pg_indexes WHERE indexname = 'inventory_history_sku_event_time_idx'`);
      expect(index.rowCount).toBe(1);
    } finally {
      await client.end();
    }
  });

  it('leaves nothing pending on a second run', async () => {
    expect(await runMigrations(db.url)).toEqual([]);
  });

  it('matches the entities: no schema drift between migrations and decorators', async () => {
    const ds = createDataSource({ url: db.url });
    await ds.initialize();
    try {
      const sql = await ds.driver.createSchemaBuilder().log();
      expect(sql.upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await ds.destroy();
    }
  });

  it('bumps the products dimension version on product and baseline changes, not on a price change', async () => {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      const version = async () => Number((await client.query(`SELECT version FROM dimension_versions WHERE name = 'products'`)).rows[0].version);
      const before = await version();
      await client.query(`INSERT INTO products (sku, name, category, unit_cost, base_price, current_price, price_floor, price_ceiling, initial_stock, low_stock_threshold)
                          VALUES ('DIM-1', 'Mug', 'home', 1, 2, 2, 1.5, 3, 10, 2)`);
      expect(await version()).toBe(before + 1);
      await client.query(`UPDATE products SET current_price = 2.2 WHERE sku = 'DIM-1'`);
      expect(await version()).toBe(before + 1);
      await client.query(`INSERT INTO sales_baseline (sku, hourly_rate, daily_units, days, from_time, to_time) VALUES ('DIM-1', 1, 24, 1, now(), now())`);
      expect(await version()).toBe(before + 2);
    } finally {
      await client.end();
    }
  });

  it('reads numeric columns back as numbers', async () => {
    const ds = createDataSource({ url: db.url });
    await ds.initialize();
    try {
      const repo = ds.getRepository(ProductEntity);
      await repo.insert({
        sku: 'SKU-1',
        name: 'Tea',
        category: 'grocery',
        unitCost: 1.2,
        basePrice: 2.5,
        currentPrice: 2.5,
        priceFloor: 2,
        priceCeiling: 3.75,
        initialStock: 100,
        lowStockThreshold: 10,
      });
      const row = await repo.findOneByOrFail({ sku: 'SKU-1' });
      expect(row).toMatchObject({ unitCost: 1.2, priceCeiling: 3.75, restockLeadHours: 48 });
    } finally {
      await ds.destroy();
    }
  });
});
