import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from '../transformers';

/** Change counters bumped by triggers (e.g. 'products': products or sales_baseline changed); the stream re-reads its dimension when one moves. */
@Entity({ name: 'dimension_versions' })
export class DimensionVersionEntity {
  @PrimaryColumn({ name: 'name', type: 'text' })
  name!: string;

  @Column({ name: 'version', type: 'bigint', default: 0, transformer: bigintTransformer })
  version!: number;

  @Column({ name: 'changed_at', type: 'timestamptz', default: () => 'now()' })
  changedAt!: Date;
}
