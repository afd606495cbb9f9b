// Arrow columns -> Postgres array parameters for `INSERT ... SELECT FROM unnest(...)`: one
// parameter per column, whatever the row count.
import { type DataType, type Dictionary, type Table, Type, type Vector } from 'apache-arrow';
import { ConnectorError } from '@shelfstream/engine';

export interface PgArrayColumn {
  /** Element type of the array parameter. */
  readonly arrayType: string;
  /** SQL turning the unnested element `ref` into the column value. */
  readonly select: (ref: string) => string;
  readonly values: unknown[];
}

/** Element type and value expression of an Arrow type, shared by the unnest and COPY paths. */
export function pgTypeOf(type: DataType): Pick<PgArrayColumn, 'arrayType' | 'select'> {
  switch (type.typeId) {
    case Type.Utf8:
    case Type.LargeUtf8:
      return { arrayType: 'text', select: (r) => r };
    case Type.Int:
      return (type as DataType & { bitWidth: number }).bitWidth === 64 ? { arrayType: 'int8', select: (r) => r } : { arrayType: 'int4', select: (r) => r };
    case Type.Float:
      return { arrayType: 'float8', select: (r) => r };
    case Type.Bool:
      return { arrayType: 'bool', select: (r) => r };
    case Type.Timestamp:
      return { arrayType: 'float8', select: (r) => `to_timestamp(${r} / 1000.0)` };
    case Type.Date:
      return { arrayType: 'float8', select: (r) => `(timestamp 'epoch' + ${r} * interval '1 millisecond')::date` };
    case Type.Binary:
      return { arrayType: 'bytea', select: (r) => r };
    case Type.Dictionary:
      return pgTypeOf((type as Dictionary).dictionary);
    default:
      throw new ConnectorError('UNSUPPORTED_TYPE', `cannot write Arrow type ${Type[type.typeId]} to Postgres`);
  }
}

function valuesOf(vector: Vector, type: DataType, rows: ArrayLike<number> | undefined): unknown[] {
  const n = rows ? rows.length : vector.length;
  const out = new Array<unknown>(n);
  const valueType = type.typeId === Type.Dictionary ? (type as Dictionary).dictionary : type;
  const isBig = valueType.typeId === Type.Int && (valueType as DataType & { bitWidth: number }).bitWidth === 64;
  const isBinary = valueType.typeId === Type.Binary;
  for (let i = 0; i < n; i++) {
    const v = vector.get(rows ? rows[i] : i);
    if (v === null || v === undefined) out[i] = null;
    else if (isBig) out[i] = String(v);
    else if (isBinary) out[i] = Buffer.from(v as Uint8Array);
    else if (v instanceof Date) out[i] = v.getTime();
    else out[i] = v;
  }
  return out;
}

/** Array parameters for `fields` of `table` (optionally only the given row indices). */
export function pgArrays(table: Table, fields: readonly string[], rows?: ArrayLike<number>): PgArrayColumn[] {
  return fields.map((name) => {
    const field = table.schema.fields.find((f) => f.name === name);
    const vector = table.getChild(name);
    if (!field || !vector) throw new ConnectorError('SCHEMA_MISMATCH', `no column "${name}" in the batch`);
    return { ...pgTypeOf(field.type), values: valuesOf(vector, field.type, rows) };
  });
}

/** Indices of the last row per key (a statement may not touch one key twice). */
export function lastRowPerKey(table: Table, keyColumns: readonly string[]): number[] | undefined {
  const vectors = keyColumns.map((k) => {
    const v = table.getChild(k);
    if (!v) throw new ConnectorError('SCHEMA_MISMATCH', `key column "${k}" is not in the batch`);
    return v;
  });
  const last = new Map<string, number>();
  const [first] = vectors;
  if (vectors.length === 1 && first) {
    for (let i = 0; i < table.numRows; i++) last.set(String(first.get(i)), i);
  } else {
    // each part prefixed by its length: one string per distinct tuple, no JSON per row
    for (let i = 0; i < table.numRows; i++) {
      let key = '';
      for (const v of vectors) {
        const part = String(v.get(i));
        key += `${part.length}:${part}`;
      }
      last.set(key, i);
    }
  }
  if (last.size === table.numRows) return undefined;
  return [...last.values()].sort((a, b) => a - b);
}
