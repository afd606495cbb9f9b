import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The pricing bot's tables: decisions (audit), changes (+ Kafka outbox), reference prices, per-SKU state. */
export class PricingTables1795400100000 implements MigrationInterface {
  name = 'PricingTables1795400100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE price_decisions (
        id bigserial PRIMARY KEY,
        idempotency_key text NOT NULL,
        sku text NOT NULL,
        decided_at timestamptz NOT NULL,
        rule text NOT NULL,
        outcome text NOT NULL,
        old_price numeric(12,2) NOT NULL,
        proposed_price numeric(12,2) NOT NULL,
        new_price numeric(12,2) NOT NULL,
        limited_by text NULL,
        reason text NOT NULL,
        reference_price numeric(12,2) NOT NULL,
        inputs jsonb NOT NULL,
        steps jsonb NOT NULL,
        trigger text NOT NULL,
        batch_id bigint NULL,
        CONSTRAINT price_decisions_outcome_check CHECK (outcome IN ('applied', 'blocked', 'unchanged'))
      )`);
    await q.query(`CREATE UNIQUE INDEX price_decisions_idempotency_key_uq ON price_decisions (idempotency_key)`);
    await q.query(`CREATE INDEX price_decisions_sku_decided_at_idx ON price_decisions (sku, decided_at)`);

    await q.query(`
      CREATE TABLE price_changes (
        id bigserial PRIMARY KEY,
        decision_id bigint NOT NULL REFERENCES price_decisions (id),
        sku text NOT NULL,
        old_price numeric(12,2) NOT NULL,
        new_price numeric(12,2) NOT NULL,
        reference_price numeric(12,2) NOT NULL,
        rule text NOT NULL,
        reason text NOT NULL,
        changed_at timestamptz NOT NULL,
        published_at timestamptz NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX price_changes_decision_id_uq ON price_changes (decision_id)`);
    await q.query(`CREATE INDEX price_changes_sku_changed_at_idx ON price_changes (sku, changed_at)`);
    await q.query(`CREATE INDEX price_changes_unpublished_idx ON price_changes (id) WHERE published_at IS NULL`);

    await q.query(`
      CREATE TABLE price_reference (
        sku text PRIMARY KEY,
        reference_price numeric(12,2) NOT NULL,
        window_days int NOT NULL,
        computed_at timestamptz NOT NULL
      )`);

    await q.query(`
      CREATE TABLE price_sku_state (
        sku text PRIMARY KEY,
        slow_since timestamptz NULL,
        promo_regular_price numeric(12,2) NULL,
        promo_started_at timestamptz NULL,
        promo_expires_at timestamptz NULL,
        updated_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE price_sku_state`);
    await q.query(`DROP TABLE price_reference`);
    await q.query(`DROP TABLE price_changes`);
    await q.query(`DROP TABLE price_decisions`);
  }
}
