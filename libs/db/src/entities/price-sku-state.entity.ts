import { Column, Entity, PrimaryColumn } from 'typeorm';
import { numericTransformer } from '../transformers';

/** The pricing bot's memory per SKU: the slow-velocity streak, the active promotion and the open surge episode. */
@Entity({ name: 'price_sku_state' })
export class PriceSkuStateEntity {
  @PrimaryColumn({ name: 'sku', type: 'text' })
  sku!: string;

  @Column({ name: 'slow_since', type: 'timestamptz', nullable: true })
  slowSince!: Date | null;

  /** Set while a promotion runs: the price to go back to, and when. */
  @Column({ name: 'promo_regular_price', type: 'numeric', precision: 12, scale: 2, nullable: true, transformer: numericTransformer })
  promoRegularPrice!: number | null;

  @Column({ name: 'promo_started_at', type: 'timestamptz', nullable: true })
  promoStartedAt!: Date | null;

  @Column({ name: 'promo_expires_at', type: 'timestamptz', nullable: true })
  promoExpiresAt!: Date | null;

  /** Set during a surge episode: the price before its first rise (the revert goes back to it). */
  @Column({ name: 'surge_regular_price', type: 'numeric', precision: 12, scale: 2, nullable: true, transformer: numericTransformer })
  surgeRegularPrice!: number | null;

  @Column({ name: 'surge_started_at', type: 'timestamptz', nullable: true })
  surgeStartedAt!: Date | null;

  /** During a surge episode: since when velocity has been back to normal. */
  @Column({ name: 'normal_since', type: 'timestamptz', nullable: true })
  normalSince!: Date | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
