import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The bot's surge episodes (for the revert rule) and the `ignored` outcome of decisions on stale signals. */
export class PricingRevertAndStale1795400600000 implements MigrationInterface {
  name = 'PricingRevertAndStale1795400600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE price_sku_state
        ADD COLUMN surge_regular_price numeric(12,2) NULL,
        ADD COLUMN surge_started_at timestamptz NULL,
        ADD COLUMN normal_since timestamptz NULL`);
    await q.query(`ALTER TABLE price_decisions DROP CONSTRAINT price_decisions_outcome_check`);
    await q.query(`ALTER TABLE price_decisions ADD CONSTRAINT price_decisions_outcome_check CHECK (outcome IN ('applied', 'blocked', 'unchanged', 'ignored'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM price_decisions WHERE outcome = 'ignored'`);
    await q.query(`ALTER TABLE price_decisions DROP CONSTRAINT price_decisions_outcome_check`);
    await q.query(`ALTER TABLE price_decisions ADD CONSTRAINT price_decisions_outcome_check CHECK (outcome IN ('applied', 'blocked', 'unchanged'))`);
    await q.query(`ALTER TABLE price_sku_state DROP COLUMN surge_regular_price, DROP COLUMN surge_started_at, DROP COLUMN normal_since`);
  }
}
