// A chunk of rows in columnar form, with its schema. Immutable by convention.
import type { StructType } from '../types/data-type';
import { type ColumnData, concatColumns, gatherColumn, nullColumn, sliceColumn } from './column-data';

export interface ColumnBatch {
  readonly schema: StructType;
  readonly columns: readonly ColumnData[];
  readonly length: number;
}

export const columnBatch = (schema: StructType, columns: readonly ColumnData[], length: number): ColumnBatch => ({
  schema,
  columns,
  length,
});

export const emptyBatch = (schema: StructType): ColumnBatch =>
  columnBatch(
    schema,
    schema.fields.map((f) => nullColumn(f.type, 0)),
    0,
  );

export function gatherBatch(batch: ColumnBatch, indices: Int32Array): ColumnBatch {
  return columnBatch(
    batch.schema,
    batch.columns.map((c) => gatherColumn(c, indices)),
    indices.length,
  );
}

export function sliceBatch(batch: ColumnBatch, start: number, end: number): ColumnBatch {
  return columnBatch(
    batch.schema,
    batch.columns.map((c) => sliceColumn(c, start, end)),
    end - start,
  );
}

export function concatBatches(schema: StructType, batches: readonly ColumnBatch[]): ColumnBatch {
  const nonEmpty = batches.filter((b) => b.length > 0);
  if (nonEmpty.length === 0) return emptyBatch(schema);
  if (nonEmpty.length === 1) return columnBatch(schema, nonEmpty[0].columns, nonEmpty[0].length);
  return columnBatch(
    schema,
    schema.fields.map((_, i) => concatColumns(nonEmpty.map((b) => b.columns[i]))),
    nonEmpty.reduce((n, b) => n + b.length, 0),
  );
}
