// Plain JS rows <-> columns. Only used at the edges (read.rows, collect, user callbacks).
import { EngineError } from '../errors/engine-error';
import { describeValue } from '../errors/error-text';
import { type DataType, type StructType, typeToString } from '../types/data-type';
import { parseTimestampText, timestampTextProblem } from '../types/timestamp-text';
import { fitsType, outOfRange } from '../types/value-range';
import { type ColumnData, boolColumn, numberColumn, stringColumn, structColumn } from './column-data';
import { type ColumnBatch, columnBatch } from './column-batch';

export type Row = Record<string, unknown>;

export function toTimestampMs(value: unknown, where: string): number {
  if (typeof value === 'number') return value;
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string') {
    const ms = parseTimestampText(value.trim());
    if (!Number.isNaN(ms)) return ms;
    throw new EngineError('INVALID_INPUT', `${where}: ${JSON.stringify(value)} is not a timestamp: ${timestampTextProblem(value.trim())}`);
  }
  throw new EngineError('INVALID_INPUT', `${where}: expected a timestamp (ms number, Date or ISO string), got ${String(value)}`);
}

function toNumber(value: unknown, type: DataType, where: string): number {
  if (type === 'timestamp') return toTimestampMs(value, where);
  if (typeof value === 'number') {
    if (!fitsType(value, type)) throw outOfRange(value, type as 'int' | 'long', where);
    return value;
  }
  if (typeof value === 'bigint') {
    const n = Number(value);
    if (BigInt(n) !== value || !fitsType(n, type)) throw outOfRange(value, type === 'int' ? 'int' : 'long', where);
    return n;
  }
  throw new EngineError('INVALID_INPUT', `${where}: expected a ${typeToString(type)}, got ${typeof value} ${describeValue(value)}`);
}

export function columnFromValues(values: readonly unknown[], type: DataType, where: string): ColumnData {
  const n = values.length;
  if (type === 'string') {
    const codes = new Int32Array(n);
    const dict: string[] = [];
    const index = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v === null || v === undefined) {
        codes[i] = -1;
        continue;
      }
      if (typeof v !== 'string') throw new EngineError('INVALID_INPUT', `${where}: expected a string, got ${typeof v} ${describeValue(v)}`);
      let code = index.get(v);
      if (code === undefined) {
        code = dict.length;
        dict.push(v);
        index.set(v, code);
      }
      codes[i] = code;
    }
    return stringColumn(codes, dict);
  }
  const valid = new Uint8Array(n);
  let nulls = 0;
  if (type === 'boolean') {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v === null || v === undefined) nulls++;
      else if (typeof v === 'boolean') {
        out[i] = v ? 1 : 0;
        valid[i] = 1;
      } else throw new EngineError('INVALID_INPUT', `${where}: expected a boolean, got ${typeof v} ${describeValue(v)}`);
    }
    return boolColumn(out, nulls ? valid : null);
  }
  if (typeof type === 'string') {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v === null || v === undefined) nulls++;
      else {
        out[i] = toNumber(v, type, where);
        valid[i] = 1;
      }
    }
    return numberColumn(out, nulls ? valid : null);
  }
  const struct = type;
  for (let i = 0; i < n; i++) {
    if (values[i] === null || values[i] === undefined) nulls++;
    else valid[i] = 1;
  }
  return structColumn(
    struct.fields.map((f) =>
      columnFromValues(
        values.map((v) => (v === null || v === undefined ? null : (v as Row)[f.name])),
        f.type,
        `${where}.${f.name}`,
      ),
    ),
    nulls ? valid : null,
  );
}

export function batchFromRows(rows: readonly Row[], schema: StructType): ColumnBatch {
  return columnBatch(
    schema,
    schema.fields.map((f) => {
      const values = rows.map((r) => r[f.name]);
      if (!f.nullable && values.some((v) => v === null || v === undefined)) {
        throw new EngineError('INVALID_INPUT', `column '${f.name}' is not nullable but a row has no value`);
      }
      return columnFromValues(values, f.type, f.name);
    }),
    rows.length,
  );
}

/** Value of one cell as plain JS (numbers for timestamps: ms since epoch). */
export function cellValue(column: ColumnData, type: DataType, row: number): unknown {
  switch (column.kind) {
    case 'number':
      return column.valid && !column.valid[row] ? null : column.values[row];
    case 'bool':
      return column.valid && !column.valid[row] ? null : column.values[row] === 1;
    case 'string': {
      const code = column.codes[row];
      return code < 0 ? null : column.dict[code];
    }
    case 'struct': {
      if (column.valid && !column.valid[row]) return null;
      const out: Row = {};
      (type as StructType).fields.forEach((f, k) => {
        out[f.name] = cellValue(column.children[k], f.type, row);
      });
      return out;
    }
  }
}

export function batchToRows(batch: ColumnBatch): Row[] {
  const rows: Row[] = new Array(batch.length);
  const fields = batch.schema.fields;
  for (let i = 0; i < batch.length; i++) {
    const row: Row = {};
    for (let c = 0; c < fields.length; c++) row[fields[c].name] = cellValue(batch.columns[c], fields[c].type, i);
    rows[i] = row;
  }
  return rows;
}
