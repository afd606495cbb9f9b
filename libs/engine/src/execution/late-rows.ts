// Late rows kept for the query's side output (writeStream.lateRows(sink)): input rows a stateful
// operator dropped as behind the watermark, with the operator and the watermark that dropped them.
import { type ColumnBatch, columnBatch, gatherBatch } from '../columnar/column-batch';
import { batchToRows } from '../columnar/row-conversion';
import { numberColumn, stringColumn } from '../columnar/column-data';
import { schema } from '../types/data-type';

/** Schema of the side output: one row per dropped input row, the row itself as JSON (ms timestamps). */
export const LATE_ROWS_SCHEMA = schema({ operator_id: 'int', operator: 'string', watermark: 'timestamp', row: 'string' });

/** Per batch: the rows an operator dropped as late (filled only when the query has a late-rows sink). */
export class LateRowBuffer {
  private batches: ColumnBatch[] = [];

  clear(): void {
    this.batches = [];
  }

  /** Keeps rows `rows` (indexes) of `batch`. */
  add(batch: ColumnBatch, rows: Int32Array): void {
    if (rows.length > 0) this.batches.push(rows.length === batch.length ? batch : gatherBatch(batch, rows));
  }

  /** The kept rows as side-output rows of operator `operatorId` (`operator`: its kind). */
  toOutput(operatorId: number, operator: string, watermarkMs: number): ColumnBatch | null {
    const json = this.batches.flatMap(batchToRows).map((r) => JSON.stringify(r));
    if (json.length === 0) return null;
    const n = json.length;
    const codes = Int32Array.from({ length: n }, (_, i) => i);
    return columnBatch(
      LATE_ROWS_SCHEMA,
      [
        numberColumn(new Float64Array(n).fill(operatorId), null),
        stringColumn(new Int32Array(n), [operator]),
        numberColumn(new Float64Array(n).fill(watermarkMs), null),
        stringColumn(codes, json),
      ],
      n,
    );
  }
}

/** Indexes where `mask` is 1. */
export function maskedRows(mask: Uint8Array, n: number): Int32Array {
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (mask[i] === 1) out.push(i);
  return Int32Array.from(out);
}
