// Builds Arrow column data from plain JS values with typed-array fast paths (no per-value builders).
// Shared by the file readers, the Kafka source and the Postgres reader.
import {
  type Data,
  type DataType,
  DateUnit,
  Dictionary,
  Int32,
  makeData,
  RecordBatch,
  type Schema,
  Struct,
  TimeUnit,
  Type,
  Utf8,
  makeVector,
} from 'apache-arrow';
import { describeValue } from '../errors/error-text';
import { ConnectorError } from '../errors/connector-error';
import { parseTimestampText, timestampTextProblem } from '../types/timestamp-text';

/** Milliseconds per unit, as a divisor from the unit to milliseconds. */
const UNITS_PER_MS: Record<TimeUnit, number> = {
  [TimeUnit.SECOND]: 1 / 1000,
  [TimeUnit.MILLISECOND]: 1,
  [TimeUnit.MICROSECOND]: 1000,
  [TimeUnit.NANOSECOND]: 1_000_000,
};

const encoder = new TextEncoder();

/** A validity bitmap, or undefined when no value is null. */
function validity(values: ArrayLike<unknown>): { bitmap: Uint8Array | undefined; nullCount: number } {
  const n = values.length;
  let nullCount = 0;
  for (let i = 0; i < n; i++) if (values[i] == null) nullCount++;
  if (nullCount === 0) return { bitmap: undefined, nullCount };
  const bitmap = new Uint8Array((n + 7) >> 3);
  for (let i = 0; i < n; i++) if (values[i] != null) bitmap[i >> 3] |= 1 << (i & 7);
  return { bitmap, nullCount };
}

function toMillis(value: unknown): number {
  if (typeof value === 'number') return value;
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string') {
    const ms = parseTimestampText(value);
    if (Number.isNaN(ms)) throw new ConnectorError('SCHEMA_MISMATCH', `not a timestamp: ${JSON.stringify(value)} (${timestampTextProblem(value)})`);
    return ms;
  }
  throw new ConnectorError('SCHEMA_MISMATCH', `not a timestamp: ${String(value)}`);
}

function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') {
    const n = Number(value);
    if (value.trim() !== '' && !Number.isNaN(n)) return n;
  }
  throw new ConnectorError('SCHEMA_MISMATCH', `not a number: ${JSON.stringify(value)}`);
}

function toBigInt(value: unknown): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return BigInt(value.trim());
  throw new ConnectorError('SCHEMA_MISMATCH', `not an integer: ${String(value)}`);
}

function variableWidth(type: DataType, values: ArrayLike<unknown>, nulls: ReturnType<typeof validity>): Data {
  const n = values.length;
  const offsets = new Int32Array(n + 1);
  const isUtf8 = type.typeId === Type.Utf8;
  let capacity = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v == null) continue;
    capacity += isUtf8 ? describeValue(v).length * 3 : (v as Uint8Array).byteLength;
  }
  let bytes = new Uint8Array(capacity);
  let pos = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v != null) {
      if (isUtf8) {
        pos += encoder.encodeInto(typeof v === 'string' ? v : describeValue(v), bytes.subarray(pos)).written;
      } else if (v instanceof Uint8Array) {
        bytes.set(v, pos);
        pos += v.byteLength;
      } else {
        throw new ConnectorError('SCHEMA_MISMATCH', `binary column needs Uint8Array values, got ${typeof v}`);
      }
    }
    offsets[i + 1] = pos;
  }
  if (pos < bytes.length >> 1) bytes = bytes.slice(0, pos);
  return makeData({
    type,
    length: n,
    nullCount: nulls.nullCount,
    nullBitmap: nulls.bitmap,
    valueOffsets: offsets,
    data: bytes,
  } as never);
}

/** One Arrow column of `type` from JS values (null/undefined = null). */
export function columnFromValues(type: DataType, values: ArrayLike<unknown>): Data {
  if (type.typeId === Type.Dictionary) return dictionaryColumn(type as Dictionary<Utf8, Int32>, values);
  const n = values.length;
  // typed arrays (from decoders) hold no nulls
  const nulls = ArrayBuffer.isView(values) ? { bitmap: undefined, nullCount: 0 } : validity(values);
  const base = { type, length: n, nullCount: nulls.nullCount, nullBitmap: nulls.bitmap };
  switch (type.typeId) {
    case Type.Utf8:
    case Type.Binary:
      return variableWidth(type, values, nulls);

    case Type.Bool: {
      const bits = new Uint8Array((n + 7) >> 3);
      for (let i = 0; i < n; i++) if (values[i] === true) bits[i >> 3] |= 1 << (i & 7);
      return makeData({ ...base, data: bits } as never);
    }
    case Type.Int:
    case Type.Float: {
      const Ctor = (type as DataType & { ArrayType: new (n: number) => ArrayLike<number | bigint> }).ArrayType;
      if (values instanceof Ctor) return makeData({ ...base, data: values } as never);
      const out = new Ctor(n) as unknown as { [i: number]: number | bigint };
      const big = Ctor === (BigInt64Array as unknown) || Ctor === (BigUint64Array as unknown);
      for (let i = 0; i < n; i++) {
        const v = values[i];
        if (v != null) out[i] = big ? toBigInt(v) : toNumber(v);
      }
      return makeData({ ...base, data: out } as never);
    }
    case Type.Timestamp: {
      const perMs = UNITS_PER_MS[(type as DataType & { unit: TimeUnit }).unit];
      const out = new BigInt64Array(n);
      for (let i = 0; i < n; i++) {
        const v = values[i];
        if (v != null) out[i] = typeof v === 'bigint' ? v : BigInt(Math.round(toMillis(v) * perMs));
      }
      return makeData({ ...base, data: out } as never);
    }
    case Type.Date: {
      const day = (type as DataType & { unit: DateUnit }).unit === DateUnit.DAY;
      const out = day ? new Int32Array(n) : new BigInt64Array(n);
      for (let i = 0; i < n; i++) {
        const v = values[i];
        if (v == null) continue;
        const ms = toMillis(v);
        if (day) (out as Int32Array)[i] = Math.floor(ms / 86_400_000);
        else (out as BigInt64Array)[i] = BigInt(ms);
      }
      return makeData({ ...base, data: out } as never);
    }
    default:
      throw new ConnectorError('UNSUPPORTED_TYPE', `cannot build an Arrow column of type ${Type[type.typeId]}`);
  }
}

/** The Arrow type of dictionary-encoded strings (what readers emit for repetitive text columns). */
export const dictionaryUtf8 = (): Dictionary<Utf8, Int32> => new Dictionary(new Utf8(), new Int32());

/** Dictionary-encodes strings (null/undefined = null): codes in first-seen order. */
export function dictionaryColumn(type: Dictionary<Utf8, Int32>, values: ArrayLike<unknown>): Data {
  const n = values.length;
  const codes = new Int32Array(n);
  const index = new Map<string, number>();
  const uniques: string[] = [];
  let bitmap: Uint8Array | undefined;
  let nullCount = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v == null) {
      if (!bitmap) {
        bitmap = new Uint8Array((n + 7) >> 3).fill(0xff);
      }
      bitmap[i >> 3] &= ~(1 << (i & 7));
      nullCount++;
      continue;
    }
    const text = typeof v === 'string' ? v : describeValue(v);
    let code = index.get(text);
    if (code === undefined) {
      code = uniques.length;
      uniques.push(text);
      index.set(text, code);
    }
    codes[i] = code;
  }
  return makeData({
    type,
    length: n,
    nullCount,
    nullBitmap: bitmap,
    data: codes,
    dictionary: makeVector(columnFromValues(new Utf8(), uniques)),
  } as never);
}

/** A record batch from one Data per schema field. */
export function recordBatchFromColumns(schema: Schema, columns: readonly Data[], length: number): RecordBatch {
  const struct = makeData({
    type: new Struct(schema.fields),
    length,
    nullCount: 0,
    children: columns as Data[],
  });
  return new RecordBatch(schema, struct);
}

/** A record batch from one JS value array per schema field. */
export function recordBatchFromArrays(schema: Schema, arrays: readonly ArrayLike<unknown>[]): RecordBatch {
  const length = arrays[0]?.length ?? 0;
  return recordBatchFromColumns(
    schema,
    schema.fields.map((f, i) => columnFromValues(f.type, arrays[i] ?? [])),
    length,
  );
}
