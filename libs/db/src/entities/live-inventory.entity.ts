import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintTransformer, numericTransformer } from '../transformers';

/** Current state per SKU, upserted by the pipeline in each committed batch. */
@Entity({ name: 'live_inventory' })
@Index('live_inventory_category_idx', ['category'])
@Index('live_inventory_batch_id_idx', ['batchId'])
@Index('live_inventory_last_sale_at_idx', ['lastSaleAt'])
export class LiveInventoryEntity {
  @PrimaryColumn({ name: 'sku', type: 'text' })
  sku!: string;

  @Column({ name: 'name', type: 'text' })
  name!: string;

  @Column({ name: 'category', type: 'text' })
  category!: string;

  @Column({ name: 'on_hand', type: 'int' })
  onHand!: number;

  @Column({ name: 'units_sold', type: 'bigint', default: 0, transformer: bigintTransformer })
  unitsSold!: number;

  @Column({ name: 'units_returned', type: 'bigint', default: 0, transformer: bigintTransformer })
  unitsReturned!: number;

  @Column({ name: 'units_restocked', type: 'bigint', default: 0, transformer: bigintTransformer })
  unitsRestocked!: number;

  @Column({ name: 'units_adjusted', type: 'bigint', default: 0, transformer: bigintTransformer })
  unitsAdjusted!: number;

  @Column({ name: 'units_last_hour', type: 'int', default: 0 })
  unitsLastHour!: number;

  @Column({ name: 'units_last_24h', type: 'int', default: 0 })
  unitsLast24h!: number;

  @Column({ name: 'baseline_hourly_rate', type: 'double precision', default: 0 })
  baselineHourlyRate!: number;

  @Column({ name: 'velocity_ratio', type: 'double precision', nullable: true })
  velocityRatio!: number | null;

  @Column({ name: 'forecast_24h', type: 'double precision', nullable: true })
  forecast24h!: number | null;

  @Column({ name: 'stockout_eta', type: 'timestamptz', nullable: true })
  stockoutEta!: Date | null;

  @Column({ name: 'reorder_suggestion', type: 'int', nullable: true })
  reorderSuggestion!: number | null;

  @Column({ name: 'current_price', type: 'numeric', precision: 12, scale: 2, transformer: numericTransformer })
  currentPrice!: number;

  @Column({ name: 'low_stock', type: 'boolean', default: false })
  lowStock!: boolean;

  @Column({ name: 'last_event_at', type: 'timestamptz' })
  lastEventAt!: Date;

  /** Newest sale this row reflects (null: none yet). A signal whose last sale is older than a limit is stale. */
  @Column({ name: 'last_sale_at', type: 'timestamptz', nullable: true })
  lastSaleAt!: Date | null;

  /**
   * Store-clock time the windowed figures (units_last_hour/24h, velocity_ratio, forecast) are computed at.
   * The stream moves it on for quiet SKUs (decay) and re-confirms each SKU at least hourly; backfill sets
   * the end of the history. Null only for rows written before it existed.
   */
  @Column({ name: 'figures_as_of', type: 'timestamptz', nullable: true })
  figuresAsOf!: Date | null;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;

  @Column({ name: 'batch_id', type: 'bigint', transformer: bigintTransformer })
  batchId!: number;
}
