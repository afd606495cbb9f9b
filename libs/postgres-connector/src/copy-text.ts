// Arrow columns -> Postgres COPY text format (one line per row, fields split by a tab, `\N` for null),
// typed as the same element types as the unnest path (arrow-to-pg.ts), so one SELECT turns either into
// the target's columns. Text is escaped (backslash, tab, newline, carriage return); a NUL cannot be
// stored in Postgres text at all and is refused with the column and row named.
import { type DataType, type Dictionary, type Table, Type, type Vector } from 'apache-arrow';
import { ConnectorError } from '@shelfstream/engine';
import { pgTypeOf, type PgArrayColumn } from './arrow-to-pg';

export type PgCopyColumn = Pick<PgArrayColumn, 'arrayType' | 'select'>;

const NULL = '\\N';
const SPECIAL = /[\\\t\n\r\0]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A text value as a COPY field; throws on NUL (Postgres text cannot hold it). */
export function copyEscape(text: string, where: () => string): string {
  if (!SPECIAL.test(text)) return text;
  if (text.includes('\0')) throw new ConnectorError('SINK_ERROR', `${where()}: text contains a NUL character, which Postgres text cannot store`);
  return text.replace(/[\\\t\n\r]/g, (c) => ESCAPES[c] ?? c);
}

type Encode = (value: unknown, row: number) => string;

function encoderOf(name: string, type: DataType): Encode {
  const valueType = type.typeId === Type.Dictionary ? (type as Dictionary).dictionary : type;
  switch (valueType.typeId) {
    case Type.Utf8:
    case Type.LargeUtf8:
      return (v, row) => copyEscape(String(v), () => `column "${name}", row ${row}`);
    case Type.Bool:
      return (v) => (v ? 't' : 'f');
    case Type.Binary:
      return (v) => `\\\\x${Buffer.from(v as Uint8Array).toString('hex')}`;
    case Type.Timestamp:
    case Type.Date:
      return (v) => String(v instanceof Date ? v.getTime() : Number(v));
    default:
      return (v) => String(v); // ints (bigint too) and floats: NaN and ±Infinity are valid float8 input
  }
}

/** One COPY field per chosen row (default all). */
function encodeColumn(vector: Vector, encode: Encode, rows: ArrayLike<number> | undefined): string[] {
  const n = rows ? rows.length : vector.length;
  const out = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const row = rows ? rows[i] : i;
    const v = vector.get(row);
    out[i] = v === null || v === undefined ? NULL : encode(v, row);
  }
  return out;
}

export interface CopyRows {
  /** Element type and select expression per field, in order (as for the unnest path). */
  readonly columns: readonly PgCopyColumn[];
  /** The rows as COPY text (row ordinal, then the fields), in chunks of about `chunkChars` characters. */
  readonly chunks: readonly string[];
  readonly rows: number;
}

/** COPY text of `fields` of `table` (optionally only the given row indices, in that order), each line
 * starting with its ordinal in the batch. */
export function copyRows(table: Table, fields: readonly string[], rows?: ArrayLike<number>, chunkChars = 1 << 20): CopyRows {
  const encoded = fields.map((name) => {
    const field = table.schema.fields.find((f) => f.name === name);
    const vector = table.getChild(name);
    if (!field || !vector) throw new ConnectorError('SCHEMA_MISMATCH', `no column "${name}" in the batch`);
    return { type: pgTypeOf(field.type), values: encodeColumn(vector, encoderOf(name, field.type), rows) };
  });
  const count = rows ? rows.length : table.numRows;
  const chunks: string[] = [];
  let chunk = '';
  for (let i = 0; i < count; i++) {
    let line = String(i); // the ordinal: a merge can keep the batch's row order
    for (let c = 0; c < encoded.length; c++) line += `\t${encoded[c]?.values[i]}`;
    chunk += `${line}\n`;
    if (chunk.length >= chunkChars) {
      chunks.push(chunk);
      chunk = '';
    }
  }
  if (chunk) chunks.push(chunk);
  return { columns: encoded.map((e) => e.type), chunks, rows: count };
}
