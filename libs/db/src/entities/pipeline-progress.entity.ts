import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from '../transformers';

/** One row per committed micro-batch: the engine's progress report (rates, durations, watermark, offsets). */
@Entity({ name: 'pipeline_progress' })
@Index('pipeline_progress_committed_at_idx', ['committedAt'])
export class PipelineProgressEntity {
  @PrimaryColumn({ name: 'query_name', type: 'text' })
  queryName!: string;

  @PrimaryColumn({ name: 'batch_id', type: 'bigint', transformer: bigintTransformer })
  batchId!: number;

  /** Input rows the batch's stateful operators dropped as later than the watermark (also in `progress`). */
  @Column({ name: 'rows_dropped_by_watermark', type: 'bigint', default: 0, transformer: bigintTransformer })
  rowsDroppedByWatermark!: number;

  @Column({ name: 'progress', type: 'jsonb' })
  progress!: Record<string, unknown>;

  @Column({ name: 'committed_at', type: 'timestamptz', default: () => 'now()' })
  committedAt!: Date;
}
