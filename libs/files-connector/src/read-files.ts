// One entry point for batch reads: a file or a folder of one format -> Arrow record batches.
import { type ReadFilesOptions, ConnectorError } from '@shelfstream/engine';
import { type RecordBatch, type Schema, Table } from 'apache-arrow';
import { readArrowIpc } from './arrow-ipc-reader';
import { readCsv } from './csv-reader';
import { resolveInputFiles } from './file-listing';
import { readNdjson } from './ndjson-reader';
import { readParquet } from './parquet-reader';

/** Batches of one file. */
export function readFile(path: string, options: ReadFilesOptions): AsyncGenerator<RecordBatch> {
  switch (options.format) {
    case 'parquet':
      return readParquet(path, { schema: options.schema, batchSize: options.batchSize, columns: options.columns });
    case 'csv':
      if (!options.schema) throw new ConnectorError('INVALID_OPTION', 'reading CSV needs a schema');
      return readCsv(path, { ...options, schema: options.schema });
    case 'json':
      return readNdjson(path, { schema: options.schema, batchSize: options.batchSize });
    case 'arrow':
      return readArrowIpc(path);
    default:
      throw new ConnectorError('UNSUPPORTED_FORMAT', `unknown file format ${String(options.format)}`);
  }
}

/** Batches of a file or of every file in a folder (name order), streamed with bounded memory. */
export async function* readFiles(path: string, options: ReadFilesOptions): AsyncGenerator<RecordBatch> {
  for (const file of await resolveInputFiles(path, options.format)) yield* readFile(file, options);
}

/** Shorthands, as in `read.parquet(path)`. */
export const readParquetFiles = (path: string, options: Omit<ReadFilesOptions, 'format'> = {}) => readFiles(path, { ...options, format: 'parquet' });
export const readCsvFiles = (path: string, options: Omit<ReadFilesOptions, 'format'> & { schema: Schema }) => readFiles(path, { ...options, format: 'csv' });
export const readJsonFiles = (path: string, options: Omit<ReadFilesOptions, 'format'> = {}) => readFiles(path, { ...options, format: 'json' });
export const readArrowFiles = (path: string) => readFiles(path, { format: 'arrow' });

/** Collects batches into one Table (for small inputs and tests). */
export async function collectTable(batches: AsyncIterable<RecordBatch>, schema?: Schema): Promise<Table> {
  const all: RecordBatch[] = [];
  for await (const b of batches) all.push(b);
  if (all.length === 0) return schema ? new Table(schema) : new Table();
  return new Table(all);
}
