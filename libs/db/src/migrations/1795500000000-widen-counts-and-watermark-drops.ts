import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every value the validation accepts fits the columns it reaches: stock and unit counts are sums of
 * quantities up to 100,000 each (21,500 restocks pass int's 2^31), revenue sums of quantity × price up to
 * 10^10 each (101 of them pass numeric(14,2)). Counts become bigint, revenue numeric(20,2). And each
 * batch's rows dropped as later than the watermark are recorded beside its progress, so drops are seen.
 */
export class WidenCountsAndWatermarkDrops1795500000000 implements MigrationInterface {
  name = 'WidenCountsAndWatermarkDrops1795500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE live_inventory
      ALTER COLUMN on_hand TYPE bigint, ALTER COLUMN units_last_hour TYPE bigint,
      ALTER COLUMN units_last_24h TYPE bigint, ALTER COLUMN reorder_suggestion TYPE bigint`);
    await q.query(`ALTER TABLE inventory_history
      ALTER COLUMN on_hand TYPE bigint, ALTER COLUMN units_last_hour TYPE bigint, ALTER COLUMN units_last_24h TYPE bigint`);
    await q.query(`ALTER TABLE sales_velocity
      ALTER COLUMN units TYPE bigint, ALTER COLUMN orders TYPE bigint, ALTER COLUMN revenue TYPE numeric(20,2)`);
    await q.query(`ALTER TABLE pipeline_progress ADD COLUMN rows_dropped_by_watermark bigint NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE pipeline_progress DROP COLUMN rows_dropped_by_watermark`);
    await q.query(`ALTER TABLE sales_velocity
      ALTER COLUMN units TYPE int, ALTER COLUMN orders TYPE int, ALTER COLUMN revenue TYPE numeric(14,2)`);
    await q.query(`ALTER TABLE inventory_history
      ALTER COLUMN on_hand TYPE int, ALTER COLUMN units_last_hour TYPE int, ALTER COLUMN units_last_24h TYPE int`);
    await q.query(`ALTER TABLE live_inventory
      ALTER COLUMN on_hand TYPE int, ALTER COLUMN units_last_hour TYPE int,
      ALTER COLUMN units_last_24h TYPE int, ALTER COLUMN reorder_suggestion TYPE int`);
  }
}
