import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A Kafka record with a null value (tombstone) has no bytes: dead_letters.raw is NULL for it, not a failed insert. */
export class DeadLettersRawNullable1795400200000 implements MigrationInterface {
  name = 'DeadLettersRawNullable1795400200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE dead_letters ALTER COLUMN raw DROP NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE dead_letters SET raw = '' WHERE raw IS NULL`);
    await q.query(`ALTER TABLE dead_letters ALTER COLUMN raw SET NOT NULL`);
  }
}
