// @shelfstream/files-connector: Parquet, CSV, NDJSON and Arrow IPC readers, and a folder stream source.
// `createEngine({ files: fileSources })` wires them behind engine.read.parquet/csv/json/arrow(path) and readStream.files.
import type { FileSources } from '@shelfstream/engine';
import { fileSource } from './file-batch-source';
import { fileStreamSource } from './file-stream-source';

/** The files connector as the engine takes it: `createEngine({ files: fileSources })`. */
export const fileSources: FileSources = { batch: fileSource, stream: fileStreamSource };

export { readArrowIpc } from './arrow-ipc-reader';
export { type CsvReadOptions, readCsv } from './csv-reader';
export { fileSource } from './file-batch-source';
export { listFormatFiles, resolveInputFiles } from './file-listing';
export { type FileOffset, FileStreamSource, fileStreamSource } from './file-stream-source';
export { inferJsonSchema, type JsonReadOptions, readNdjson } from './ndjson-reader';
export { arrowTypeOf, type ParquetReadOptions, parquetSchemaOf, readParquet } from './parquet-reader';
export { collectTable, readArrowFiles, readCsvFiles, readFile, readFiles, readJsonFiles, readParquetFiles } from './read-files';
