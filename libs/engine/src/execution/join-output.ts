// Building join output rows (left columns, then the right side's output columns) and applying a
// join's extra condition to key-matched pairs; shared by the stream-static and stream-stream joins.
import type { BoundExpr } from '../analysis/bound-expr';
import { type ColumnBatch, columnBatch, gatherBatch } from '../columnar/column-batch';
import { type BoolColumn, gatherColumn, gatherColumnOrNull } from '../columnar/column-data';
import { columnFromValues } from '../columnar/row-conversion';
import type { StructType } from '../types/data-type';
import { evaluate } from './evaluate';
import { selectedRows } from './operators/simple-operators';

/** Output of pairs (leftRows[k], rightRows[k]) of two batches; a right row of -1 gives nulls. */
export function joinedBatch(
  schema: StructType,
  left: ColumnBatch,
  leftRows: Int32Array,
  right: ColumnBatch,
  rightOutput: readonly number[],
  rightRows: Int32Array,
): ColumnBatch {
  const columns = [...left.columns.map((c) => gatherColumn(c, leftRows)), ...rightOutput.map((c) => gatherColumnOrNull(right.columns[c], rightRows))];
  return columnBatch(schema, columns, leftRows.length);
}

/** Output of pairs of rows given as plain values (one array per row, in its side's column order; null = nulls). */
export function joinedBatchFromValues(
  schema: StructType,
  pairs: readonly (readonly [readonly unknown[], readonly unknown[] | null])[],
  rightOutput: readonly number[],
): ColumnBatch {
  const nLeft = schema.fields.length - rightOutput.length;
  const columns = schema.fields.map((f, o) =>
    columnFromValues(
      pairs.map(([l, r]) => (o < nLeft ? l[o] : r === null ? null : r[rightOutput[o - nLeft]])),
      f.type,
      f.name,
    ),
  );
  return columnBatch(schema, columns, pairs.length);
}

/** Indexes of the rows of `batch` that satisfy `condition` (null: all of them). */
export function conditionRows(batch: ColumnBatch, condition: BoundExpr | null): Int32Array | null {
  return condition === null ? null : selectedRows(evaluate(condition, batch) as BoolColumn, batch.length);
}

export const keepRows = (batch: ColumnBatch, rows: Int32Array | null): ColumnBatch => (rows === null ? batch : gatherBatch(batch, rows));
