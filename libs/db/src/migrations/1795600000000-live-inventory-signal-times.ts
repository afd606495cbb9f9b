import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * live_inventory carries the time of the newest sale a row reflects (last_sale_at) and the store-clock time
 * its windowed figures are computed at (figures_as_of): the figures decay as that clock moves on, and a
 * reader can tell a live row from a stale or backfilled one. Old rows: the last event stands in for both.
 */
export class LiveInventorySignalTimes1795600000000 implements MigrationInterface {
  name = 'LiveInventorySignalTimes1795600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE live_inventory ADD COLUMN last_sale_at timestamptz NULL, ADD COLUMN figures_as_of timestamptz NULL`);
    await q.query(`UPDATE live_inventory SET figures_as_of = last_event_at, last_sale_at = CASE WHEN units_sold > 0 THEN last_event_at END`);
    await q.query(`CREATE INDEX live_inventory_last_sale_at_idx ON live_inventory (last_sale_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX live_inventory_last_sale_at_idx`);
    await q.query(`ALTER TABLE live_inventory DROP COLUMN figures_as_of, DROP COLUMN last_sale_at`);
  }
}
