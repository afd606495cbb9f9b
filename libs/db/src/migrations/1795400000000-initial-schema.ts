import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The tables of docs/contracts.md owned by libs/db (pricing tables come in their own migration). */
export class InitialSchema1795400000000 implements MigrationInterface {
  name = 'InitialSchema1795400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE products (
        sku text PRIMARY KEY,
        name text NOT NULL,
        category text NOT NULL,
        unit_cost numeric(12,2) NOT NULL,
        base_price numeric(12,2) NOT NULL,
        current_price numeric(12,2) NOT NULL,
        price_floor numeric(12,2) NOT NULL,
        price_ceiling numeric(12,2) NOT NULL,
        initial_stock int NOT NULL,
        low_stock_threshold int NOT NULL,
        restock_lead_hours int NOT NULL DEFAULT 48,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT products_prices_non_negative
          CHECK (unit_cost >= 0 AND base_price >= 0 AND current_price >= 0 AND price_floor >= 0),
        CONSTRAINT products_floor_le_ceiling CHECK (price_floor <= price_ceiling),
        CONSTRAINT products_counts_non_negative CHECK (low_stock_threshold >= 0 AND restock_lead_hours >= 0)
      )`);
    await q.query(`CREATE INDEX products_category_idx ON products (category)`);

    await q.query(`
      CREATE TABLE live_inventory (
        sku text PRIMARY KEY,
        name text NOT NULL,
        category text NOT NULL,
        on_hand int NOT NULL,
        units_sold bigint NOT NULL DEFAULT 0,
        units_returned bigint NOT NULL DEFAULT 0,
        units_restocked bigint NOT NULL DEFAULT 0,
        units_adjusted bigint NOT NULL DEFAULT 0,
        units_last_hour int NOT NULL DEFAULT 0,
        units_last_24h int NOT NULL DEFAULT 0,
        baseline_hourly_rate double precision NOT NULL DEFAULT 0,
        velocity_ratio double precision NULL,
        forecast_24h double precision NULL,
        stockout_eta timestamptz NULL,
        reorder_suggestion int NULL,
        current_price numeric(12,2) NOT NULL,
        low_stock boolean NOT NULL DEFAULT false,
        last_event_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        batch_id bigint NOT NULL
      )`);
    await q.query(`CREATE INDEX live_inventory_category_idx ON live_inventory (category)`);
    await q.query(`CREATE INDEX live_inventory_batch_id_idx ON live_inventory (batch_id)`);

    await q.query(`
      CREATE TABLE inventory_history (
        id bigserial PRIMARY KEY,
        sku text NOT NULL,
        on_hand int NOT NULL,
        units_last_hour int NOT NULL DEFAULT 0,
        units_last_24h int NOT NULL DEFAULT 0,
        velocity_ratio double precision NULL,
        current_price numeric(12,2) NOT NULL,
        event_time timestamptz NOT NULL,
        committed_at timestamptz NOT NULL DEFAULT now(),
        batch_id bigint NOT NULL
      )`);
    await q.query(`CREATE INDEX inventory_history_sku_event_time_idx ON inventory_history (sku, event_time)`);

    await q.query(`
      CREATE TABLE sales_velocity (
        sku text NOT NULL,
        window_kind text NOT NULL,
        window_start timestamptz NOT NULL,
        window_end timestamptz NOT NULL,
        units int NOT NULL,
        revenue numeric(14,2) NOT NULL,
        orders int NOT NULL,
        batch_id bigint NOT NULL,
        PRIMARY KEY (sku, window_kind, window_start),
        CONSTRAINT sales_velocity_window_kind CHECK (window_kind IN ('1h', '24h'))
      )`);

    await q.query(`
      CREATE TABLE sales_baseline (
        sku text PRIMARY KEY,
        hourly_rate double precision NOT NULL,
        daily_units double precision NOT NULL,
        days int NOT NULL,
        from_time timestamptz NOT NULL,
        to_time timestamptz NOT NULL,
        computed_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE dead_letters (
        id bigserial PRIMARY KEY,
        query_name text NOT NULL,
        source text NOT NULL,
        position text NOT NULL,
        raw bytea NOT NULL,
        error_code text NOT NULL,
        error_message text NOT NULL,
        batch_id bigint NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX dead_letters_received_at_idx ON dead_letters (received_at)`);

    await q.query(`
      CREATE TABLE pipeline_progress (
        query_name text NOT NULL,
        batch_id bigint NOT NULL,
        progress jsonb NOT NULL,
        committed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (query_name, batch_id)
      )`);
    await q.query(`CREATE INDEX pipeline_progress_committed_at_idx ON pipeline_progress (committed_at)`);

    await q.query(`
      CREATE TABLE api_keys (
        id serial PRIMARY KEY,
        name text NOT NULL UNIQUE,
        key_hash text NOT NULL,
        scopes text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'api_keys',
      'pipeline_progress',
      'dead_letters',
      'sales_baseline',
      'sales_velocity',
      'inventory_history',
      'live_inventory',
      'products',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
