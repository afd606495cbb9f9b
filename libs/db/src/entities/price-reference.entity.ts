import { Column, Entity, PrimaryColumn } from 'typeorm';
import { numericTransformer } from '../transformers';

/** EU-style reference price per SKU: the lowest price in effect during the last `window_days` days. */
@Entity({ name: 'price_reference' })
export class PriceReferenceEntity {
  @PrimaryColumn({ name: 'sku', type: 'text' })
  sku!: string;

  @Column({ name: 'reference_price', type: 'numeric', precision: 12, scale: 2, transformer: numericTransformer })
  referencePrice!: number;

  @Column({ name: 'window_days', type: 'int' })
  windowDays!: number;

  @Column({ name: 'computed_at', type: 'timestamptz' })
  computedAt!: Date;
}
