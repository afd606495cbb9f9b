// Parquet file -> Arrow record batches, one row range (row group) at a time, decoded by hyparquet.
import { columnFromValues, dictionaryUtf8, recordBatchFromColumns, ConnectorError, describeError } from '@shelfstream/engine';
import { open } from 'node:fs/promises';
import {
  Binary,
  Bool,
  type DataType,
  DateDay,
  Field,
  Float32,
  Float64,
  Int32,
  Int64,
  type RecordBatch,
  Schema,
  TimestampMicrosecond,
  TimestampMillisecond,
  TimestampNanosecond,
  Utf8,
} from 'apache-arrow';
import { type AsyncBuffer, type FileMetaData, type ParquetParsers, parquetMetadataAsync, parquetScan, type SchemaElement } from 'hyparquet';

export interface ParquetReadOptions {
  /** Columns to read (default all top-level columns). */
  readonly columns?: readonly string[];
  /** Target types by column name (values are converted); other columns keep their Parquet mapping. */
  readonly schema?: Schema;
  /** Largest batch; a row group larger than this is split (default 131,072). */
  readonly batchSize?: number;
}

const decoder = new TextDecoder();

/** Timestamps stay raw int64 in the file's unit and JSON stays text: no Date objects on the hot path. */
const PARSERS: Partial<ParquetParsers> = {
  timestampFromMilliseconds: (v) => v,
  timestampFromMicroseconds: (v) => v,
  timestampFromNanoseconds: (v) => v,
  dateFromDays: (d) => d * 86_400_000,
  jsonFromBytes: (b) => b && decoder.decode(b),
  uuidFromBytes: (b) => b && [...b].map((x) => x.toString(16).padStart(2, '0')).join(''),
};

function isDecimal(e: SchemaElement): boolean {
  return e.converted_type === 'DECIMAL' || e.logical_type?.type === 'DECIMAL';
}

function timestampType(e: SchemaElement): DataType {
  const lt = e.logical_type?.type === 'TIMESTAMP' ? e.logical_type : undefined;
  const zone = (lt ? lt.isAdjustedToUTC : true) ? 'UTC' : null;
  const unit = lt?.unit ?? (e.converted_type === 'TIMESTAMP_MILLIS' ? 'MILLIS' : e.type === 'INT96' ? 'NANOS' : 'MICROS');
  if (unit === 'MILLIS') return new TimestampMillisecond(zone);
  return unit === 'MICROS' ? new TimestampMicrosecond(zone) : new TimestampNanosecond(zone);
}

/**
 * The Arrow type a top-level Parquet column is read as. Strings that the file dictionary-encodes
 * become Arrow Dictionary<Utf8> (the engine keeps their codes); timestamps keep the file's unit.
 */
export function arrowTypeOf(e: SchemaElement, dictionaryEncoded = false): DataType {
  const ctype = e.converted_type;
  const ltype = e.logical_type?.type;
  if (e.num_children) throw new ConnectorError('UNSUPPORTED_TYPE', `nested Parquet column "${e.name}" is not supported`);
  if (isDecimal(e)) return new Float64();
  if (ltype === 'TIMESTAMP' || ctype === 'TIMESTAMP_MILLIS' || ctype === 'TIMESTAMP_MICROS' || e.type === 'INT96') {
    return timestampType(e);
  }
  if (ctype === 'DATE' || ltype === 'DATE') return new DateDay();
  switch (e.type) {
    case 'BOOLEAN':
      return new Bool();
    case 'INT32':
      return ctype === 'UINT_32' ? new Int64() : new Int32();
    case 'INT64':
      return new Int64();
    case 'FLOAT':
      return new Float32();
    case 'DOUBLE':
      return new Float64();
    case 'BYTE_ARRAY':
    case 'FIXED_LEN_BYTE_ARRAY':
      if (ctype === 'UTF8' || ctype === 'ENUM' || ltype === 'STRING' || ltype === 'ENUM') {
        return dictionaryEncoded ? dictionaryUtf8() : new Utf8();
      }
      if (ctype === 'JSON' || ltype === 'JSON' || ltype === 'UUID') return new Utf8();
      if (ltype === 'FLOAT16') return new Float32();
      return new Binary();
    default:
      throw new ConnectorError('UNSUPPORTED_TYPE', `Parquet type ${String(e.type)} of "${e.name}" is not supported`);
  }
}

async function fileBuffer(path: string): Promise<{ buffer: AsyncBuffer; close: () => Promise<void> }> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw new ConnectorError('FILE_NOT_FOUND', `cannot open ${path}: ${describeError(error)}`, { cause: error });
  }
  const { size } = await handle.stat();
  const fh = handle;
  return {
    buffer: {
      byteLength: size,
      async slice(start: number, end = size): Promise<ArrayBuffer> {
        const out = new Uint8Array(end - start);
        await fh.read(out, 0, out.length, start);
        return out.buffer;
      },
    },
    close: () => fh.close(),
  };
}

/** Rounds decimals decoded as value * 10^-scale back to their exact decimal digits. */
function fixDecimals(values: ArrayLike<unknown>, scale: number): ArrayLike<unknown> {
  const f = 10 ** scale;
  const n = values.length;
  let out: Float64Array | unknown[] = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (typeof v === 'number') out[i] = Math.round(v * f) / f;
    else {
      if (out instanceof Float64Array) out = Array.from(out);
      out[i] = v ?? null;
    }
  }
  return out;
}

/** The Arrow schema a Parquet file reads as (after `columns` and `schema` overrides). */
export async function parquetSchemaOf(path: string, options: ParquetReadOptions = {}): Promise<Schema> {
  const { buffer, close } = await fileBuffer(path);
  try {
    const metadata = await parquetMetadataAsync(buffer);
    return planColumns(metadata, options).schema;
  } finally {
    await close();
  }
}

function planColumns(metadata: FileMetaData, options: ParquetReadOptions) {
  const elements = metadata.schema;
  const dictionaryColumns = new Set(
    (metadata.row_groups[0]?.columns ?? [])
      .filter((c) => c.meta_data?.encodings.some((e) => e.endsWith('DICTIONARY')))
      .map((c) => c.meta_data!.path_in_schema[0]),
  );
  const topLevel: SchemaElement[] = [];
  // schema[0] is the root; walk children, skipping nested subtrees
  for (let i = 1; i < elements.length;) {
    const e = elements[i];
    topLevel.push(e);
    let skip = e.num_children ?? 0;
    i++;
    while (skip > 0) {
      skip += (elements[i].num_children ?? 0) - 1;
      i++;
    }
  }
  const wanted = options.columns ?? topLevel.map((e) => e.name);
  const chosen = wanted.map((name) => {
    const e = topLevel.find((x) => x.name === name);
    if (!e) throw new ConnectorError('SCHEMA_MISMATCH', `no Parquet column "${name}"`);
    return e;
  });
  const fields = chosen.map((e) => {
    const override = options.schema?.fields.find((f) => f.name === e.name);
    return new Field(e.name, override?.type ?? arrowTypeOf(e, dictionaryColumns.has(e.name)), e.repetition_type !== 'REQUIRED');
  });
  return { elements: chosen, schema: new Schema(fields) };
}

export async function* readParquet(path: string, options: ParquetReadOptions = {}): AsyncGenerator<RecordBatch> {
  const batchSize = options.batchSize ?? 131_072;
  const { buffer, close } = await fileBuffer(path);
  try {
    const metadata = await parquetMetadataAsync(buffer);
    const { elements, schema } = planColumns(metadata, options);
    const scan = await parquetScan({
      file: buffer,
      metadata,
      columns: elements.map((e) => e.name),
      parsers: PARSERS,
      utf8: false,
    });
    for (const range of scan.ranges) {
      for (let start = range.rowStart; start < range.rowEnd; start += batchSize) {
        const end = Math.min(range.rowEnd, start + batchSize);
        const columns = await Promise.all(
          elements.map(async (e, i) => {
            let values: ArrayLike<unknown> = await scan.readColumn({ column: e.name, rowStart: start, rowEnd: end });
            if (isDecimal(e) && e.scale) values = fixDecimals(values, e.scale);
            try {
              return columnFromValues(schema.fields[i].type, values);
            } catch (error) {
              throw new ConnectorError('SCHEMA_MISMATCH', `${path}: column "${e.name}": ${describeError(error)}`);
            }
          }),
        );
        yield recordBatchFromColumns(schema, columns, end - start);
      }
    }
  } finally {
    await close();
  }
}
