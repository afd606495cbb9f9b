import { Column, Entity, Index } from 'typeorm';
import { bigintTransformer, numericTransformer } from '../transformers';

/** Append-only snapshots per SKU and batch; an as-of read takes the newest row with event_time <= t. */
@Entity({ name: 'inventory_history' })
@Index('inventory_history_sku_event_time_idx', ['sku', 'eventTime'])
export class InventoryHistoryEntity {
  @Column({ name: 'id', type: 'bigint', primary: true, generated: 'increment', transformer: bigintTransformer })
  id!: number;

  @Column({ name: 'sku', type: 'text' })
  sku!: string;

  @Column({ name: 'on_hand', type: 'bigint', transformer: bigintTransformer })
  onHand!: number;

  @Column({ name: 'units_last_hour', type: 'bigint', transformer: bigintTransformer, default: 0 })
  unitsLastHour!: number;

  @Column({ name: 'units_last_24h', type: 'bigint', transformer: bigintTransformer, default: 0 })
  unitsLast24h!: number;

  @Column({ name: 'velocity_ratio', type: 'double precision', nullable: true })
  velocityRatio!: number | null;

  @Column({ name: 'current_price', type: 'numeric', precision: 12, scale: 2, transformer: numericTransformer })
  currentPrice!: number;

  /** Newest event time of this SKU in the batch. */
  @Column({ name: 'event_time', type: 'timestamptz' })
  eventTime!: Date;

  @Column({ name: 'committed_at', type: 'timestamptz', default: () => 'now()' })
  committedAt!: Date;

  @Column({ name: 'batch_id', type: 'bigint', transformer: bigintTransformer })
  batchId!: number;
}
