import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every validated sales event the pipeline took in (backfill and stream), one row per event id: the
 * history the nightly baseline reads (so it learns from live sales), and the ledger of the as-of reads
 * by event time (stock and windows at t from the events with event_time <= t, whatever order they came in).
 */
export class SalesHistory1795600200000 implements MigrationInterface {
  name = 'SalesHistory1795600200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE sales_history (
      event_id text PRIMARY KEY,
      type text NOT NULL,
      sku text NOT NULL,
      store text NOT NULL,
      quantity int NOT NULL,
      unit_price numeric(12,2) NOT NULL,
      currency text NOT NULL,
      event_time timestamptz NOT NULL,
      stock_delta int NOT NULL,
      batch_id bigint NULL,
      recorded_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX sales_history_sku_event_time_idx ON sales_history (sku, event_time)`);
    await q.query(`CREATE INDEX sales_history_event_time_idx ON sales_history (event_time)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sales_history`);
  }
}
