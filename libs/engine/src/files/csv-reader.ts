// CSV file -> Arrow record batches of at most `batchSize` rows, typed by a given schema.
import { type RecordBatch, type Schema, Type } from 'apache-arrow';
import { columnFromValues, recordBatchFromColumns } from './arrow-columns';
import { ConnectorError } from './connector-error';
import { CsvTokenizer, type CsvRow } from './csv-tokenizer';
import { readTextChunks } from './text-chunks';
import { textParser } from './text-values';

export interface CsvReadOptions {
  /** Column names and types; with a header, columns are matched by name (extra file columns are ignored). */
  readonly schema: Schema;
  readonly header?: boolean;
  readonly delimiter?: string;
  readonly batchSize?: number;
  /** 'failFast' (default) throws CSV_PARSE_ERROR on a bad cell; 'permissive' turns it into null. */
  readonly mode?: 'failFast' | 'permissive';
}

export const DEFAULT_BATCH_SIZE = 65_536;

export async function* readCsv(path: string, options: CsvReadOptions): AsyncGenerator<RecordBatch> {
  const { schema, header = true, delimiter = ',', batchSize = DEFAULT_BATCH_SIZE, mode = 'failFast' } = options;
  const fields = schema.fields;
  const parsers = fields.map((f) => textParser(f.type));
  const isText = fields.map((f) => f.type.typeId === Type.Utf8);
  let positions: number[] | undefined = header ? undefined : fields.map((_, i) => i);
  let columns: unknown[][] = fields.map(() => []);
  let count = 0;

  const flush = (): RecordBatch => {
    const batch = recordBatchFromColumns(
      schema,
      fields.map((f, i) => columnFromValues(f.type, columns[i]!)),
      count,
    );
    columns = fields.map(() => []);
    count = 0;
    return batch;
  };

  const addRow = (row: CsvRow): void => {
    if (!positions) {
      const names = row.fields.map((h) => h.trim());
      positions = fields.map((f) => {
        const at = names.indexOf(f.name);
        if (at < 0) {
          throw new ConnectorError('SCHEMA_MISMATCH', `${path}: no column "${f.name}" in header [${names.join(', ')}]`);
        }
        return at;
      });
      return;
    }
    for (let c = 0; c < fields.length; c++) {
      const raw = row.fields[positions[c]!];
      let value: unknown = null;
      if (raw !== undefined && (raw !== '' || (isText[c] && row.quoted[positions[c]!]))) {
        value = parsers[c]!(raw);
        if (value === undefined) {
          if (mode === 'failFast') {
            throw new ConnectorError(
              'CSV_PARSE_ERROR',
              `${path}:${row.line}: column "${fields[c]!.name}" expects ${String(fields[c]!.type)}, got ${JSON.stringify(raw)}`,
            );
          }
          value = null;
        }
      }
      columns[c]!.push(value);
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
    throw new ConnectorError('CSV_PARSE_ERROR', `${path}: ${(error as Error).message}`, { cause: error });
  }
  if (count > 0) yield flush();
}
