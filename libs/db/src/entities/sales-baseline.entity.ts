import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Per-SKU baseline sales rate computed from history (the denominator of the velocity ratio). */
@Entity({ name: 'sales_baseline' })
export class SalesBaselineEntity {
  @PrimaryColumn({ name: 'sku', type: 'text' })
  sku!: string;

  @Column({ name: 'hourly_rate', type: 'double precision' })
  hourlyRate!: number;

  @Column({ name: 'daily_units', type: 'double precision' })
  dailyUnits!: number;

  @Column({ name: 'days', type: 'int' })
  days!: number;

  @Column({ name: 'from_time', type: 'timestamptz' })
  fromTime!: Date;

  @Column({ name: 'to_time', type: 'timestamptz' })
  toTime!: Date;

  @Column({ name: 'computed_at', type: 'timestamptz', default: () => 'now()' })
  computedAt!: Date;
}
