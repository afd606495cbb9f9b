import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { PriceDecisionEntity } from './price-decision.entity';
import { bigintTransformer, numericTransformer } from '../transformers';

/** Applied price changes; also the outbox of the Kafka `price-changes` topic (published_at null = pending). */
@Entity({ name: 'price_changes' })
@Index('price_changes_sku_changed_at_idx', ['sku', 'changedAt'])
@Index('price_changes_unpublished_idx', ['id'], { where: 'published_at IS NULL' })
export class PriceChangeEntity {
  @Column({ name: 'id', type: 'bigint', primary: true, generated: 'increment', transformer: bigintTransformer })
  id!: number;

  @Index('price_changes_decision_id_uq', { unique: true })
  @Column({ name: 'decision_id', type: 'bigint', transformer: bigintTransformer })
  decisionId!: number;

  @ManyToOne(() => PriceDecisionEntity, { nullable: false })
  @JoinColumn({ name: 'decision_id', foreignKeyConstraintName: 'price_changes_decision_id_fkey' })
  decision?: PriceDecisionEntity;

  @Column({ name: 'sku', type: 'text' })
  sku!: string;

  @Column({ name: 'old_price', type: 'numeric', precision: 12, scale: 2, transformer: numericTransformer })
  oldPrice!: number;

  @Column({ name: 'new_price', type: 'numeric', precision: 12, scale: 2, transformer: numericTransformer })
  newPrice!: number;

  /** Lowest price of the 30 days before the change, shown next to a discount. */
  @Column({ name: 'reference_price', type: 'numeric', precision: 12, scale: 2, transformer: numericTransformer })
  referencePrice!: number;

  @Column({ name: 'rule', type: 'text' })
  rule!: string;

  @Column({ name: 'reason', type: 'text' })
  reason!: string;

  @Column({ name: 'changed_at', type: 'timestamptz' })
  changedAt!: Date;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;
}
