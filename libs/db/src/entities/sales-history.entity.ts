import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintTransformer, numericTransformer } from '../transformers';

/**
 * The validated sales events the pipeline took in (backfill and stream), by event id: the nightly
 * baseline's history and the as-of ledger (on hand at t = initial stock + sum of stock_delta up to t).
 */
@Entity({ name: 'sales_history' })
@Index('sales_history_sku_event_time_idx', ['sku', 'eventTime'])
@Index('sales_history_event_time_idx', ['eventTime'])
export class SalesHistoryEntity {
  @PrimaryColumn({ name: 'event_id', type: 'text' })
  eventId!: string;

  @Column({ name: 'type', type: 'text' })
  type!: string;

  @Column({ name: 'sku', type: 'text' })
  sku!: string;

  @Column({ name: 'store', type: 'text' })
  store!: string;

  @Column({ name: 'quantity', type: 'int' })
  quantity!: number;

  @Column({ name: 'unit_price', type: 'numeric', precision: 12, scale: 2, transformer: numericTransformer })
  unitPrice!: number;

  @Column({ name: 'currency', type: 'text' })
  currency!: string;

  @Column({ name: 'event_time', type: 'timestamptz' })
  eventTime!: Date;

  /** Stock effect: sale −q, return +q, restock +q, adjustment +q (signed). */
  @Column({ name: 'stock_delta', type: 'int' })
  stockDelta!: number;

  @Column({ name: 'batch_id', type: 'bigint', nullable: true, transformer: bigintTransformer })
  batchId!: number | null;

  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt!: Date;
}
