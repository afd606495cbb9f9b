// CSV file -> Arrow record batches of at most `batchSize` rows, typed by a given schema.
import { columnFromValues, recordBatchFromColumns, ConnectorError, describeError, timestampTextProblem } from '@shelfstream/engine';
import { type RecordBatch, Schema, Type } from 'apache-arrow';
import { CsvTokenizer, type CsvRow } from './csv-tokenizer';
import { readTextChunks } from './text-chunks';
import { textParser } from './text-values';

export interface CsvReadOptions {
  /** Column names and types; with a header, columns are matched by name (extra file columns are ignored). */
  readonly schema: Schema;
  /** Columns to convert and return (a subset of `schema`, in schema order); default all. */
  readonly columns?: readonly string[];
  readonly header?: boolean;
  readonly delimiter?: string;
  readonly batchSize?: number;
  /** 'failFast' (default) throws CSV_PARSE_ERROR on a bad cell; 'permissive' turns it into null. */
  readonly mode?: 'failFast' | 'permissive';
}

export const DEFAULT_BATCH_SIZE = 65_536;

/** The fields of `schema` named in `names` (schema order), or the whole schema. */
function selectFields(schema: Schema, names: readonly string[] | undefined): Schema {
  if (!names) return schema;
  for (const name of names) {
    if (!schema.fields.some((f) => f.name === name)) throw new ConnectorError('SCHEMA_MISMATCH', `no column "${name}" in the CSV schema`);
  }
  return new Schema(
    schema.fields.filter((f) => names.includes(f.name)),
    schema.metadata,
  );
}

export async function* readCsv(path: string, options: CsvReadOptions): AsyncGenerator<RecordBatch> {
  const { header = true, delimiter = ',', batchSize = DEFAULT_BATCH_SIZE, mode = 'failFast' } = options;
  const schema = selectFields(options.schema, options.columns);
  // one entry per output column: its field, cell parser, position in the file and values so far
  const columns = schema.fields.map((field) => ({
    field,
    parse: textParser(field.type),
    isText: field.type.typeId === Type.Utf8,
    isTime: field.type.typeId === Type.Timestamp || field.type.typeId === Type.Date,
    position: options.schema.fields.indexOf(field),
    values: [] as unknown[],
  }));
  let headerRead = !header;
  let count = 0;

  const flush = (): RecordBatch => {
    const batch = recordBatchFromColumns(
      schema,
      columns.map((c) => columnFromValues(c.field.type, c.values)),
      count,
    );
    for (const c of columns) c.values = [];
    count = 0;
    return batch;
  };

  const addRow = (row: CsvRow): void => {
    if (!headerRead) {
      const names = row.fields.map((h) => h.trim());
      for (const c of columns) {
        c.position = names.indexOf(c.field.name);
        if (c.position < 0) {
          throw new ConnectorError('SCHEMA_MISMATCH', `${path}: no column "${c.field.name}" in header [${names.join(', ')}]`);
        }
      }
      headerRead = true;
      return;
    }
    for (const c of columns) {
      const raw = row.fields[c.position];
      let value: unknown = null;
      if (raw !== undefined && (raw !== '' || (c.isText && row.quoted[c.position]))) {
        value = c.parse(raw);
        if (value === undefined) {
          if (mode === 'failFast') {
            throw new ConnectorError(
              'CSV_PARSE_ERROR',
              `${path}:${row.line}: column "${c.field.name}" expects ${String(c.field.type)}, got ${JSON.stringify(raw)}${c.isTime ? ` (${timestampTextProblem(raw.trim())})` : ''}`,
            );
          }
          value = null;
        }
      }
      c.values.push(value);
    }
    count++;
  };

  const tokenizer = new CsvTokenizer(delimiter);
  try {
    for await (const chunk of readTextChunks(path)) {
      for (const row of tokenizer.push(chunk)) {
        addRow(row);
        if (count >= batchSize) yield flush();
      }
    }
    for (const row of tokenizer.end()) addRow(row);
  } catch (error) {
    if (error instanceof ConnectorError) throw error;
    throw new ConnectorError('CSV_PARSE_ERROR', `${path}: ${describeError(error)}`, { cause: error });
  }
  if (count > 0) yield flush();
}
