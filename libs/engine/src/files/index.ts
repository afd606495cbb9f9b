// @shelfstream/engine/files: Parquet, CSV, NDJSON and Arrow IPC readers, and a folder stream source.
export { columnFromValues, dictionaryColumn, dictionaryUtf8, recordBatchFromArrays, recordBatchFromColumns } from './arrow-columns';
export { readArrowIpc } from './arrow-ipc-reader';
export { ConnectorError, type ConnectorErrorCode } from './connector-error';
export { type CsvReadOptions, readCsv } from './csv-reader';
export { fileSource } from './file-batch-source';
export { type FileFormat, listFormatFiles, resolveInputFiles } from './file-listing';
export { type FileOffset, type FileStreamOptions, FileStreamSource, fileStreamSource } from './file-stream-source';
export { inferJsonSchema, type JsonReadOptions, readNdjson } from './ndjson-reader';
export { arrowTypeOf, type ParquetReadOptions, parquetSchemaOf, readParquet } from './parquet-reader';
export { collectTable, readArrowFiles, readCsvFiles, readFile, readFiles, type ReadFilesOptions, readJsonFiles, readParquetFiles } from './read-files';
