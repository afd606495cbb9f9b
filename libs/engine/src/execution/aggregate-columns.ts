// Output columns of an aggregation (fixed or session windows): typed value columns from float64
// key/accumulator values, and the batch with its range check.
import type { AggregateSpec } from '../analysis/analyzed-plan';
import { type ColumnBatch, columnBatch } from '../columnar/column-batch';
import { type ColumnData, type NumberColumn, boolColumn, numberColumn, stringColumn } from '../columnar/column-data';
import type { StringDictionary } from '../columnar/string-dictionary';
import type { DataType, StructType } from '../types/data-type';
import { checkRange } from '../types/value-range';

/** A column of `type` from float64 values (strings as codes of `dict`; null = missing). */
export function valueColumn(type: DataType, n: number, value: (i: number) => number | null, dict: StringDictionary): ColumnData {
  if (type === 'string') {
    const codes = new Int32Array(n);
    for (let i = 0; i < n; i++) codes[i] = value(i) ?? -1;
    return stringColumn(codes, dict.strings);
  }
  const values = type === 'boolean' ? new Uint8Array(n) : new Float64Array(n);
  let valid: Uint8Array | null = null;
  for (let i = 0; i < n; i++) {
    const v = value(i);
    if (v === null) {
      valid ??= new Uint8Array(n).fill(1);
      valid[i] = 0;
    } else values[i] = v;
  }
  return type === 'boolean' ? boolColumn(values as Uint8Array, valid) : numberColumn(values as Float64Array, valid);
}

/** The output batch (keys, then aggregates); a sum past its type's range is an error, not a rounded value. */
export function aggregateBatch(schema: StructType, aggs: readonly AggregateSpec[], columns: ColumnData[], n: number): ColumnBatch {
  const first = schema.fields.length - aggs.length;
  aggs.forEach((a, j) => {
    const column = columns[first + j] as NumberColumn;
    if (a.type === 'int' || a.type === 'long') checkRange(column.values, column.valid, n, a.type, `aggregate '${schema.fields[first + j].name}'`);
  });
  return columnBatch(schema, columns, n);
}
