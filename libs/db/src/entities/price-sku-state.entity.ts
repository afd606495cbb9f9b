import { Column, Entity, PrimaryColumn } from 'typeorm';
import { numericTransformer } from '../transformers';

/** The pricing bot's memory per SKU: the slow-velocity streak and the active promotion. */
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

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
