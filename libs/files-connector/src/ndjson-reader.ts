// Newline-delimited JSON -> Arrow record batches. Fields are picked by name from each object; a
// schema may be given, else it is inferred from the first lines.
import { columnFromValues, recordBatchFromColumns, ConnectorError, describeError } from '@shelfstream/engine';
import { Bool, Field, Float64, type RecordBatch, Schema, TimestampMillisecond, Utf8 } from 'apache-arrow';
import { DEFAULT_BATCH_SIZE } from './csv-reader';
import { readLines } from './text-chunks';

export interface JsonReadOptions {
  readonly schema?: Schema;
  readonly batchSize?: number;
  /** Lines read to infer a schema when none is given. */
  readonly inferLines?: number;
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Infers a flat schema: numbers -> Float64, booleans -> Bool, ISO times with zone -> Timestamp, else Utf8. */
export function inferJsonSchema(objects: readonly Record<string, unknown>[]): Schema {
  const kinds = new Map<string, Set<string>>();
  for (const o of objects) {
    for (const [k, v] of Object.entries(o)) {
      const set = kinds.get(k) ?? new Set<string>();
      if (v !== null && v !== undefined) {
        set.add(typeof v === 'string' && ISO_TIME.test(v) ? 'time' : typeof v);
      }
      kinds.set(k, set);
    }
  }
  return new Schema(
    [...kinds].map(([name, set]) => {
      const only = set.size === 1 ? [...set][0] : undefined;
      const type = only === 'number' ? new Float64() : only === 'boolean' ? new Bool() : only === 'time' ? new TimestampMillisecond() : new Utf8();
      return new Field(name, type, true);
    }),
  );
}

function parseLine(path: string, text: string, line: number): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ConnectorError('JSON_PARSE_ERROR', `${path}:${line}: ${describeError(error)}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ConnectorError('JSON_PARSE_ERROR', `${path}:${line}: expected a JSON object`);
  }
  return value as Record<string, unknown>;
}

export async function* readNdjson(path: string, options: JsonReadOptions = {}): AsyncGenerator<RecordBatch> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  let schema = options.schema;
  let pending: Record<string, unknown>[] = [];

  const toBatch = (rows: Record<string, unknown>[], s: Schema): RecordBatch => {
    const columns = s.fields.map((f) => {
      const values = rows.map((r) => {
        const v = r[f.name];
        return typeof v === 'object' && v !== null ? JSON.stringify(v) : v;
      });
      try {
        return columnFromValues(f.type, values);
      } catch (error) {
        throw new ConnectorError('SCHEMA_MISMATCH', `${path}: column "${f.name}": ${describeError(error)}`);
      }
    });
    return recordBatchFromColumns(s, columns, rows.length);
  };

  for await (const { text, line } of readLines(path)) {
    if (text.trim() === '') continue;
    pending.push(parseLine(path, text, line));
    if (!schema && pending.length >= (options.inferLines ?? 1000)) schema = inferJsonSchema(pending);
    if (schema && pending.length >= batchSize) {
      yield toBatch(pending, schema);
      pending = [];
    }
  }
  if (pending.length > 0) yield toBatch(pending, schema ?? inferJsonSchema(pending));
}
