// Arrow -> engine columns. Fixed-width numbers become float64 arrays; Dictionary<Utf8> columns keep
// their codes (no string decoding); plain Utf8 is decoded once per row into a fresh dictionary.
import {
  type Data,
  type Field as ArrowField,
  type RecordBatch,
  type Schema as ArrowSchema,
  type Table,
  type Vector,
  DataType as ArrowType,
  Precision,
  TimeUnit,
  Type,
} from 'apache-arrow';
import { EngineError } from '../errors/engine-error';
import { type DataType, type Field, type StructType, structType } from '../types/data-type';
import { checkRange } from '../types/value-range';
import { type ColumnData, boolColumn, nullColumn, numberColumn, stringColumn, structColumn } from './column-data';
import { type ColumnBatch, columnBatch } from './column-batch';

export function fromArrowType(type: ArrowType, name: string): DataType {
  if (ArrowType.isUtf8(type) || ArrowType.isLargeUtf8(type)) return 'string';
  if (ArrowType.isDictionary(type)) {
    if (ArrowType.isUtf8(type.dictionary) || ArrowType.isLargeUtf8(type.dictionary)) return 'string';
  }
  if (ArrowType.isInt(type)) return type.bitWidth === 64 ? 'long' : 'int';
  if (ArrowType.isFloat(type)) return 'double';
  if (ArrowType.isBool(type)) return 'boolean';
  if (ArrowType.isTimestamp(type) || ArrowType.isDate(type)) return 'timestamp';
  if (ArrowType.isStruct(type)) return structType(type.children.map((c) => fromArrowField(c)));
  throw new EngineError('INVALID_SCHEMA', `column '${name}': Arrow type ${Type[type.typeId]} is not supported`);
}

export const fromArrowField = (field: ArrowField): Field => ({
  name: field.name,
  type: fromArrowType(field.type, field.name),
  nullable: field.nullable,
});

export const fromArrowSchema = (schema: ArrowSchema): StructType => structType(schema.fields.map(fromArrowField));

function validityBytes(data: Data): Uint8Array | null {
  if (data.nullCount === 0 || !data.nullBitmap || data.nullBitmap.length === 0) return null;
  const out = new Uint8Array(data.length);
  const bits = data.nullBitmap;
  const offset = data.offset;
  for (let i = 0; i < data.length; i++) {
    const bit = offset + i;
    out[i] = (bits[bit >> 3] >> (bit & 7)) & 1;
  }
  return out;
}

/** Reads an int64 buffer as float64 without BigInt conversions. */
function int64ToFloat(values: BigInt64Array | BigUint64Array, length: number, scale: number): Float64Array {
  const words = new Int32Array(values.buffer, values.byteOffset, length * 2);
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) out[i] = (words[2 * i + 1] * 4294967296 + (words[2 * i] >>> 0)) * scale;
  return out;
}

const TIME_SCALE: Record<number, number> = {
  [TimeUnit.SECOND]: 1000,
  [TimeUnit.MILLISECOND]: 1,
  [TimeUnit.MICROSECOND]: 1e-3,
  [TimeUnit.NANOSECOND]: 1e-6,
};

const dictionaryCache = new WeakMap<object, string[]>();
function dictionaryStrings(dictionary: Vector): string[] {
  let strings = dictionaryCache.get(dictionary);
  if (!strings) {
    strings = Array.from({ length: dictionary.length }, (_, i) => String(dictionary.get(i) ?? ''));
    dictionaryCache.set(dictionary, strings);
  }
  return strings;
}

const decoder = new TextDecoder();

function importData(data: Data, name: string): ColumnData {
  const type = data.type;
  const n = data.length;
  const valid = validityBytes(data);
  if (ArrowType.isDictionary(type)) {
    const indices = data.values as ArrayLike<number>;
    const dict = dictionaryStrings(data.dictionary as Vector);
    const codes = new Int32Array(n);
    for (let i = 0; i < n; i++) codes[i] = valid && !valid[i] ? -1 : Number(indices[i]);
    return stringColumn(codes, dict);
  }
  if (ArrowType.isUtf8(type) || ArrowType.isLargeUtf8(type)) {
    const offsets = data.valueOffsets as ArrayLike<number | bigint>;
    const bytes = data.values as Uint8Array;
    const codes = new Int32Array(n);
    const dict: string[] = [];
    const index = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      if (valid && !valid[i]) {
        codes[i] = -1;
        continue;
      }
      const s = decoder.decode(bytes.subarray(Number(offsets[i]), Number(offsets[i + 1])));
      let code = index.get(s);
      if (code === undefined) {
        code = dict.length;
        dict.push(s);
        index.set(s, code);
      }
      codes[i] = code;
    }
    return stringColumn(codes, dict);
  }
  if (ArrowType.isFloat(type) && type.precision === Precision.DOUBLE) return numberColumn(data.values as Float64Array, valid);
  if (ArrowType.isInt(type) && type.bitWidth === 64) {
    const values = int64ToFloat(data.values, n, 1);
    if (!type.isSigned) for (let i = 0; i < n; i++) if (values[i] < 0) values[i] += 2 ** 64;
    checkRange(values, valid, n, 'long', `column '${name}'`);
    return numberColumn(values, valid);
  }
  if (ArrowType.isInt(type) || ArrowType.isFloat(type)) {
    const out = new Float64Array(n);
    const src = data.values as ArrayLike<number>;
    for (let i = 0; i < n; i++) out[i] = src[i];
    if (ArrowType.isInt(type)) checkRange(out, valid, n, 'int', `column '${name}'`); // an unsigned 32-bit value may not fit
    return numberColumn(out, valid);
  }
  if (ArrowType.isTimestamp(type)) return numberColumn(int64ToFloat(data.values, n, TIME_SCALE[type.unit]), valid);
  if (ArrowType.isDate(type)) {
    if (data.typeId === Type.DateDay || (type as { unit: number }).unit === 0) {
      const src = data.values as Int32Array;
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = src[i] * 86_400_000;
      return numberColumn(out, valid);
    }
    return numberColumn(int64ToFloat(data.values, n, 1), valid);
  }
  if (ArrowType.isBool(type)) {
    const bits = data.values as Uint8Array;
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const bit = data.offset + i;
      out[i] = (bits[bit >> 3] >> (bit & 7)) & 1;
    }
    return boolColumn(out, valid);
  }
  if (ArrowType.isStruct(type)) {
    return structColumn(
      data.children.map((child, k) => importData(child, `${name}.${type.children[k].name}`)),
      valid,
    );
  }
  throw new EngineError('INVALID_SCHEMA', `column '${name}': Arrow type ${Type[type.typeId]} is not supported`);
}

/** All-null columns shared between batches of one length (batches are immutable; nothing writes them). */
const placeholders = new Map<string, ColumnData>();
function placeholder(type: DataType, length: number): ColumnData {
  const key = `${JSON.stringify(type)}/${length}`;
  let column = placeholders.get(key);
  if (!column) {
    if (placeholders.size >= 64) placeholders.clear();
    column = nullColumn(type, length);
    placeholders.set(key, column);
  }
  return column;
}

/**
 * Columns are matched by name; `unread` names columns a pruned read left out (projection pushdown):
 * they become all-null placeholders, which nothing downstream reads.
 */
export function batchFromRecordBatch(batch: RecordBatch, schema: StructType = fromArrowSchema(batch.schema), unread?: ReadonlySet<string>): ColumnBatch {
  return columnBatch(
    schema,
    schema.fields.map((field) => {
      const index = batch.schema.fields.findIndex((f) => f.name === field.name);
      if (index < 0 && unread?.has(field.name)) return placeholder(field.type, batch.numRows);
      if (index < 0) throw new EngineError('INVALID_INPUT', `Arrow batch has no column '${field.name}'`);
      return importData(batch.data.children[index], field.name);
    }),
    batch.numRows,
  );
}

/** Yields one engine batch per Arrow record batch, split further into chunks of at most `maxRows`. */
export function* batchesFromTable(table: Table, maxRows = 65_536, schema?: StructType, unread?: ReadonlySet<string>): Generator<ColumnBatch> {
  const target = schema ?? fromArrowSchema(table.schema);
  for (const recordBatch of table.batches) {
    for (let start = 0; start < recordBatch.numRows; start += maxRows) {
      const end = Math.min(recordBatch.numRows, start + maxRows);
      const part = start === 0 && end === recordBatch.numRows ? recordBatch : recordBatch.slice(start, end);
      yield batchFromRecordBatch(part, target, unread);
    }
  }
}
