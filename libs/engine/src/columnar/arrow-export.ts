// Engine columns -> Arrow. int -> Int32, long -> Int64, double -> Float64, timestamp ->
// Timestamp<MILLISECOND>, boolean -> Bool, string -> Utf8, struct -> Struct.
import {
  type DataType as ArrowType,
  Bool,
  Field as ArrowField,
  Float64,
  Int32,
  Int64,
  RecordBatch,
  Schema as ArrowSchema,
  Struct,
  Table,
  TimestampMillisecond,
  Utf8,
  makeData,
  type Data,
} from 'apache-arrow';
import type { DataType, StructType } from '../types/data-type';
import { checkRange } from '../types/value-range';
import type { ColumnData } from './column-data';
import type { ColumnBatch } from './column-batch';

export function toArrowType(type: DataType): ArrowType {
  switch (type) {
    case 'string':
      return new Utf8();
    case 'int':
      return new Int32();
    case 'long':
      return new Int64();
    case 'double':
      return new Float64();
    case 'boolean':
      return new Bool();
    case 'timestamp':
      return new TimestampMillisecond();
    default:
      return new Struct(type.fields.map((f) => new ArrowField(f.name, toArrowType(f.type), f.nullable)));
  }
}

export const toArrowSchema = (schema: StructType): ArrowSchema =>
  new ArrowSchema(schema.fields.map((f) => new ArrowField(f.name, toArrowType(f.type), f.nullable)));

function packBits(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array((bytes.length + 7) >> 3);
  for (let i = 0; i < bytes.length; i++) if (bytes[i]) out[i >> 3] |= 1 << (i & 7);
  return out;
}

function nullInfo(valid: Uint8Array | null, length: number): { nullBitmap?: Uint8Array; nullCount: number } {
  if (!valid) return { nullCount: 0 };
  let valids = 0;
  for (let i = 0; i < length; i++) valids += valid[i];
  return valids === length ? { nullCount: 0 } : { nullBitmap: packBits(valid), nullCount: length - valids };
}

const encoder = new TextEncoder();

/** UTF-8 bytes per dictionary entry, kept while the dictionary lives (operator dictionaries only grow). */
const encodedDictionaries = new WeakMap<readonly string[], (Uint8Array | undefined)[]>();

/** Utf8 data built directly from dictionary codes: each distinct string is encoded once. */
export function exportStrings(codes: Int32Array, dict: readonly string[], length: number): Data<Utf8> {
  let encodedList = encodedDictionaries.get(dict);
  if (!encodedList) {
    encodedList = [];
    encodedDictionaries.set(dict, encodedList);
  }
  const encoded = encodedList;
  const offsets = new Int32Array(length + 1);
  const valid = new Uint8Array(length);
  let bytes = 0;
  for (let i = 0; i < length; i++) {
    const code = codes[i];
    if (code >= 0) {
      let utf8 = encoded[code];
      if (utf8 === undefined) {
        utf8 = encoder.encode(dict[code]);
        encoded[code] = utf8;
      }
      bytes += utf8.length;
      valid[i] = 1;
    }
    offsets[i + 1] = bytes;
  }
  const data = new Uint8Array(bytes);
  for (let i = 0; i < length; i++) {
    if (valid[i] === 0) continue;
    const utf8 = encoded[codes[i]] as Uint8Array;
    const at = offsets[i];
    if (utf8.length < 16) for (let b = 0; b < utf8.length; b++) data[at + b] = utf8[b];
    else data.set(utf8, at);
  }
  return makeData({ type: new Utf8(), length, valueOffsets: offsets, data, ...nullInfo(valid, length) });
}

/** Utf8 data from plain strings (null allowed). */
export function utf8Data(values: readonly (string | null)[]): Data<Utf8> {
  const dict: string[] = [];
  const codes = new Int32Array(values.length);
  values.forEach((v, i) => {
    if (v === null) codes[i] = -1;
    else {
      codes[i] = dict.length;
      dict.push(v);
    }
  });
  return exportStrings(codes, dict, values.length);
}

function exportColumn(column: ColumnData, type: DataType, length: number, name: string): Data {
  const arrowType = toArrowType(type);
  switch (column.kind) {
    case 'string':
      return exportStrings(column.codes, column.dict, length);
    case 'bool':
      return makeData({ type: new Bool(), length, data: packBits(column.values), ...nullInfo(column.valid, length) });
    case 'struct':
      return makeData({
        type: arrowType as Struct,
        length,
        children: column.children.map((c, k) => exportColumn(c, (type as StructType).fields[k].type, length, `${name}.${(type as StructType).fields[k].name}`)),
        ...nullInfo(column.valid, length),
      });
    case 'number': {
      const nulls = nullInfo(column.valid, length);
      // Int32Array.from would wrap and Int64 round: a value out of range is an error instead
      checkRange(column.values, column.valid, length, type, `column '${name}'`);
      if (type === 'double') return makeData({ type: new Float64(), length, data: column.values, ...nulls });
      if (type === 'int') return makeData({ type: new Int32(), length, data: Int32Array.from(column.values), ...nulls });
      // int64 written as two int32 words (no BigInt per value); exact for |v| < 2^53
      const big = new BigInt64Array(length);
      const words = new Int32Array(big.buffer);
      for (let i = 0; i < length; i++) {
        const v = Math.trunc(column.values[i]);
        const hi = Math.floor(v / 4294967296);
        words[2 * i] = (v - hi * 4294967296) | 0;
        words[2 * i + 1] = hi;
      }
      return makeData({ type: arrowType as Int64, length, data: big, ...nulls } as Parameters<typeof makeData>[0] & { type: Int64 });
    }
  }
}

export function batchToRecordBatch(batch: ColumnBatch): RecordBatch {
  const schema = toArrowSchema(batch.schema);
  const data = makeData({
    type: new Struct(schema.fields),
    length: batch.length,
    children: batch.columns.map((c, i) => exportColumn(c, batch.schema.fields[i].type, batch.length, batch.schema.fields[i].name)),
  });
  return new RecordBatch(schema, data);
}

export function batchesToTable(schema: StructType, batches: readonly ColumnBatch[]): Table {
  const nonEmpty = batches.filter((b) => b.length > 0);
  if (nonEmpty.length === 0) return new Table(toArrowSchema(schema));
  return new Table(nonEmpty.map(batchToRecordBatch));
}
