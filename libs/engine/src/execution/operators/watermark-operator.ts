// withWatermark: passes rows through and records event-time statistics of the batch (all rows,
// including ones later dropped as late). The driver turns the max into the next watermark.
import type { ColumnBatch } from '../../columnar/column-batch';
import type { NumberColumn } from '../../columnar/column-data';
import { Operator, type OperatorContext } from '../operator';

export interface EventTimeStats {
  count: number;
  min: number;
  max: number;
  sum: number;
}

export class WatermarkOperator extends Operator {
  readonly stats: EventTimeStats = { count: 0, min: Infinity, max: -Infinity, sum: 0 };

  constructor(
    input: Operator,
    private readonly column: number,
    readonly delayMs: number,
    readonly watermarkId: number,
  ) {
    super(input.schema, [input]);
  }

  override open(ctx: OperatorContext): void {
    super.open(ctx);
    Object.assign(this.stats, { count: 0, min: Infinity, max: -Infinity, sum: 0 });
  }

  push(batch: ColumnBatch): void {
    const col = batch.columns[this.column] as NumberColumn;
    const values = col.values;
    const valid = col.valid;
    let { count, min, max, sum } = this.stats;
    for (let i = 0; i < batch.length; i++) {
      if (valid !== null && valid[i] === 0) continue;
      const v = values[i];
      count++;
      sum += v;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    Object.assign(this.stats, { count, min, max, sum });
    this.emit(batch);
  }
}
