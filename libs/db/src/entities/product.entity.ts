import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { numericTransformer } from '../transformers';

/** The catalogue: one row per SKU, with the price guardrails the pricing bot must respect. */
@Entity({ name: 'products' })
@Index('products_category_idx', ['category'])
@Check('products_prices_non_negative', 'unit_cost >= 0 AND base_price >= 0 AND current_price >= 0 AND price_floor >= 0')
@Check('products_floor_le_ceiling', 'price_floor <= price_ceiling')
@Check('products_counts_non_negative', 'low_stock_threshold >= 0 AND restock_lead_hours >= 0')
export class ProductEntity {
  @PrimaryColumn({ name: 'sku', type: 'text' })
  sku!: string;

  @Column({ name: 'name', type: 'text' })
  name!: string;

  @Column({ name: 'category', type: 'text' })
  category!: string;

  @Column({ name: 'unit_cost', type: 'numeric', precision: 12, scale: 2, transformer: numericTransformer })
  unitCost!: number;

  @Column({ name: 'base_price', type: 'numeric', precision: 12, scale: 2, transformer: numericTransformer })
  basePrice!: number;

  @Column({ name: 'current_price', type: 'numeric', precision: 12, scale: 2, transformer: numericTransformer })
  currentPrice!: number;

  @Column({ name: 'price_floor', type: 'numeric', precision: 12, scale: 2, transformer: numericTransformer })
  priceFloor!: number;

  @Column({ name: 'price_ceiling', type: 'numeric', precision: 12, scale: 2, transformer: numericTransformer })
  priceCeiling!: number;

  @Column({ name: 'initial_stock', type: 'int' })
  initialStock!: number;

  @Column({ name: 'low_stock_threshold', type: 'int' })
  lowStockThreshold!: number;

  @Column({ name: 'restock_lead_hours', type: 'int', default: 48 })
  restockLeadHours!: number;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
