import { Check, Column, Entity, Index } from 'typeorm';
import { bigintTransformer, numericTransformer } from '../transformers';

/** Every pricing decision of the bot, applied or not, with its inputs, guardrail trace and reason. */
@Entity({ name: 'price_decisions' })
@Index('price_decisions_sku_decided_at_idx', ['sku', 'decidedAt'])
@Check('price_decisions_outcome_check', `outcome IN ('applied', 'blocked', 'unchanged', 'ignored')`)
export class PriceDecisionEntity {
  @Column({ name: 'id', type: 'bigint', primary: true, generated: 'increment', transformer: bigintTransformer })
  id!: number;

  /** One decision per evaluation job: a retried job finds its row and never applies twice. */
  @Index('price_decisions_idempotency_key_uq', { unique: true })
  @Column({ name: 'idempotency_key', type: 'text' })
  idempotencyKey!: string;

  @Column({ name: 'sku', type: 'text' })
  sku!: string;

  @Column({ name: 'decided_at', type: 'timestamptz' })
  decidedAt!: Date;

  /** surge | surge-revert | slow-mover | promo-expiry */
  @Column({ name: 'rule', type: 'text' })
  rule!: string;

  /** applied | blocked | unchanged | ignored (the signal's evidence was older than maxSignalAgeMinutes) */
  @Column({ name: 'outcome', type: 'text' })
  outcome!: string;

  @Column({ name: 'old_price', type: 'numeric', precision: 12, scale: 2, transformer: numericTransformer })
  oldPrice!: number;

  @Column({ name: 'proposed_price', type: 'numeric', precision: 12, scale: 2, transformer: numericTransformer })
  proposedPrice!: number;

  @Column({ name: 'new_price', type: 'numeric', precision: 12, scale: 2, transformer: numericTransformer })
  newPrice!: number;

  /** The guardrail that blocked or limited the decision, if any. */
  @Column({ name: 'limited_by', type: 'text', nullable: true })
  limitedBy!: string | null;

  @Column({ name: 'reason', type: 'text' })
  reason!: string;

  @Column({ name: 'reference_price', type: 'numeric', precision: 12, scale: 2, transformer: numericTransformer })
  referencePrice!: number;

  /** The evaluation's inputs (product, velocity, state, history) and policy. */
  @Column({ name: 'inputs', type: 'jsonb' })
  inputs!: Record<string, unknown>;

  /** The guardrail steps in their fixed order. */
  @Column({ name: 'steps', type: 'jsonb' })
  steps!: unknown[];

  /** notification | sweep | promo-expiry */
  @Column({ name: 'trigger', type: 'text' })
  trigger!: string;

  @Column({ name: 'batch_id', type: 'bigint', nullable: true, transformer: bigintTransformer })
  batchId!: number | null;
}
