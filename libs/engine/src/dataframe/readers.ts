// engine.read (bounded inputs) and engine.readStream (unbounded inputs).
import type { Schema as ArrowSchema, Table } from 'apache-arrow';
import { RecordBatch } from 'apache-arrow';
import { toArrowSchema } from '../columnar/arrow-export';
import { batchFromRecordBatch, batchesFromTable, fromArrowSchema } from '../columnar/arrow-import';
import type { ColumnBatch } from '../columnar/column-batch';
import { type Row, batchFromRows } from '../columnar/row-conversion';
import type { EngineContext } from '../engine-context';
import { EngineError } from '../errors/engine-error';
import { type BoundedInput, LocalRelationNode, StreamRelationNode } from '../plan/plan-node';
import type { BatchSource, FileFormat, FileSources, ReadFilesOptions, StreamSource } from '../types/contracts';
import { MemoryStream } from './memory-stream';
import type { SchemaSpec, StructType } from '../types/data-type';
import type { FrameRow } from './frame-types';
import { DataFrame } from './dataframe';

/** The configured files connector, or a clear error naming how to wire one in. */
function filesConnector(files: FileSources | undefined, reader: string): FileSources {
  if (files) return files;
  throw new EngineError(
    'INVALID_ARGUMENT',
    `${reader} needs the files connector: createEngine({ files: fileSources }) with fileSources from @shelfstream/files-connector`,
  );
}

const isStructType = (s: StructType | ArrowSchema): s is StructType => (s as StructType).kind === 'struct';
const arrowSchema = (s: StructType | ArrowSchema): ArrowSchema => (isStructType(s) ? toArrowSchema(s) : s);

/** Options of the file readers; the schema may be an engine schema (`schema({...})`) or an Arrow one. */
export interface FileReadOptions extends Omit<ReadFilesOptions, 'format' | 'schema' | 'columns'> {
  readonly schema?: StructType | ArrowSchema;
}

export interface FileStreamReadOptions extends FileReadOptions {
  readonly format: FileFormat;
  readonly schema: StructType | ArrowSchema;
  readonly maxFilesPerTrigger?: number;
  readonly name?: string;
}

export class DataFrameReader {
  constructor(
    private readonly engine: EngineContext,
    private readonly fileSources: FileSources | undefined,
  ) {}

  /** Plain rows; timestamps may be ms numbers, Dates or ISO strings. */
  rows<S extends SchemaSpec>(rows: readonly Row[], schema: StructType<S>): DataFrame<FrameRow<S>> {
    const batch = batchFromRows(rows, schema);
    return new DataFrame<FrameRow<S>>(this.engine, LocalRelationNode.create({ schema, immutable: true, chunks: () => [batch] }));
  }

  /** An Arrow table, consumed in chunks of at most `chunkRows` rows; or Arrow IPC file(s) at a path. */
  arrow(table: Table): DataFrame;
  arrow(path: string): Promise<DataFrame>;
  arrow(input: Table | string): DataFrame | Promise<DataFrame> {
    return typeof input === 'string' ? this.files(input, 'arrow') : this.arrowTable(input);
  }

  /** Parquet file(s): a file, or every `.parquet` file of a folder in name order. */
  parquet(path: string, options: FileReadOptions = {}): Promise<DataFrame> {
    return this.files(path, 'parquet', options);
  }

  /** CSV file(s) with a schema (header line by default); an engine schema types the frame's rows. */
  csv<S extends SchemaSpec = SchemaSpec>(
    path: string,
    options: FileReadOptions & { readonly schema: StructType<S> | ArrowSchema },
  ): Promise<DataFrame<FrameRow<S>>> {
    return this.files(path, 'csv', options);
  }

  /** NDJSON file(s); the schema is inferred from the first file when not given. */
  json(path: string, options: FileReadOptions = {}): Promise<DataFrame> {
    return this.files(path, 'json', options);
  }

  private async files(path: string, format: FileFormat, options: FileReadOptions = {}): Promise<DataFrame> {
    return this.source(
      await filesConnector(this.fileSources, `read.${format}`).batch(path, { ...options, format, schema: options.schema && arrowSchema(options.schema) }),
    );
  }

  private arrowTable(table: Table): DataFrame {
    const schema = fromArrowSchema(table.schema);
    const chunkRows = this.engine.options.chunkRows;
    return new DataFrame(this.engine, LocalRelationNode.create({ schema, immutable: true, chunks: () => batchesFromTable(table, chunkRows, schema) }));
  }

  /** Columnar batches already in engine form (benchmarks, internal callers). */
  batches<S extends SchemaSpec>(schema: StructType<S>, batches: Iterable<ColumnBatch> | (() => Iterable<ColumnBatch>)): DataFrame<FrameRow<S>> {
    const chunks = typeof batches === 'function' ? batches : () => batches;
    return new DataFrame<FrameRow<S>>(this.engine, LocalRelationNode.create({ schema, immutable: true, chunks }));
  }

  /** A connector's bounded source (files, Postgres, ...), read chunk by chunk. */
  source(source: BatchSource): DataFrame {
    const schema = isStructType(source.schema) ? source.schema : fromArrowSchema(source.schema);
    return new DataFrame(this.engine, LocalRelationNode.create(sourceInput(source, schema, this.engine.options.chunkRows)));
  }
}

/** A BatchSource as a BoundedInput; pruned reads go to the source's withColumns when it has one. */
function sourceInput(source: BatchSource, schema: StructType, chunkRows: number, unread?: ReadonlySet<string>): BoundedInput {
  async function* chunks(): AsyncGenerator<ColumnBatch> {
    for await (const part of source.batches()) {
      if (part instanceof RecordBatch) yield batchFromRecordBatch(part, schema, unread);
      else yield* batchesFromTable(part, chunkRows, schema, unread);
    }
  }
  const withColumns = source.withColumns?.bind(source);
  return {
    schema,
    chunks,
    withColumns: withColumns
      ? (columns) => sourceInput(withColumns(columns), schema, chunkRows, new Set(schema.fields.map((f) => f.name).filter((n) => !columns.includes(n))))
      : undefined,
  };
}

export class DataStreamReader {
  constructor(
    private readonly engine: EngineContext,
    private readonly fileSources: FileSources | undefined,
  ) {}

  /** A test source: `const s = engine.readStream.memory(schema); s.addData(rows); s.toDF()`. */
  memory<S extends SchemaSpec>(schema: StructType<S>, name?: string): MemoryStream<S> {
    return new MemoryStream(this.engine, schema, name);
  }

  /** New files of a folder as a stream (offsets = the ordered file list), as Spark's file source. */
  files(dir: string, options: FileStreamReadOptions): DataFrame {
    return this.source(filesConnector(this.fileSources, 'readStream.files').stream(dir, { ...options, schema: arrowSchema(options.schema) }));
  }

  /** Any replayable StreamSource (Kafka: `kafkaSource` from @shelfstream/kafka-connector, files, ...). */
  source(source: StreamSource): DataFrame {
    if (!source?.name) throw new EngineError('INVALID_ARGUMENT', 'a stream source needs a stable name');
    return new DataFrame(this.engine, StreamRelationNode.create(source, fromArrowSchema(source.schema)));
  }
}
