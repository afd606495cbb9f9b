import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintTransformer, numericTransformer } from '../transformers';

export type VelocityWindowKind = '1h' | '24h';

/** Sales per SKU and event-time window (1 h sliding and 24 h), written by the pipeline. */
@Entity({ name: 'sales_velocity' })
@Check('sales_velocity_window_kind', "window_kind IN ('1h', '24h')")
export class SalesVelocityEntity {
  @PrimaryColumn({ name: 'sku', type: 'text' })
  sku!: string;

  @PrimaryColumn({ name: 'window_kind', type: 'text' })
  windowKind!: VelocityWindowKind;

  @PrimaryColumn({ name: 'window_start', type: 'timestamptz' })
  windowStart!: Date;

  @Column({ name: 'window_end', type: 'timestamptz' })
  windowEnd!: Date;

  @Column({ name: 'units', type: 'bigint', transformer: bigintTransformer })
  units!: number;

  @Column({ name: 'revenue', type: 'numeric', precision: 20, scale: 2, transformer: numericTransformer })
  revenue!: number;

  @Column({ name: 'orders', type: 'bigint', transformer: bigintTransformer })
  orders!: number;

  @Column({ name: 'batch_id', type: 'bigint', transformer: bigintTransformer })
  batchId!: number;
}
