import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A change counter for the stream's product dimension: statement triggers bump it when products (less the
 * bot's current_price, which the inventory sink refreshes itself) or sales_baseline change, so a running
 * stream re-reads the dimension and its known SKUs only then (one small read per micro-batch otherwise).
 */
export class DimensionVersions1795600100000 implements MigrationInterface {
  name = 'DimensionVersions1795600100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE dimension_versions (
      name text PRIMARY KEY,
      version bigint NOT NULL DEFAULT 0,
      changed_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`INSERT INTO dimension_versions (name) VALUES ('products')`);
    await q.query(`CREATE FUNCTION bump_products_dimension() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE dimension_versions SET version = version + 1, changed_at = now() WHERE name = 'products';
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER products_dimension_changed
      AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF sku, name, category, initial_stock, low_stock_threshold, restock_lead_hours ON products
      FOR EACH STATEMENT EXECUTE FUNCTION bump_products_dimension()`);
    await q.query(`CREATE TRIGGER sales_baseline_dimension_changed
      AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON sales_baseline
      FOR EACH STATEMENT EXECUTE FUNCTION bump_products_dimension()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER sales_baseline_dimension_changed ON sales_baseline`);
    await q.query(`DROP TRIGGER products_dimension_changed ON products`);
    await q.query(`DROP FUNCTION bump_products_dimension()`);
    await q.query(`DROP TABLE dimension_versions`);
  }
}
