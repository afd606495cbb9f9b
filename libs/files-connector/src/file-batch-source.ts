// A file or folder as the engine's BatchSource: `engine.read.source(await fileSource(path, { format }))`.
import { type BatchSource, ConnectorError, type ReadFilesOptions } from '@shelfstream/engine';
import { RecordBatchReader, Schema } from 'apache-arrow';
import { createReadStream } from 'node:fs';
import { resolveInputFiles } from './file-listing';
import { inferJsonSchema } from './ndjson-reader';
import { parquetSchemaOf } from './parquet-reader';
import { readFiles } from './read-files';
import { readLines } from './text-chunks';

async function schemaOf(path: string, options: ReadFilesOptions): Promise<Schema> {
  if (options.schema && options.format !== 'parquet') return options.schema;
  const [first] = await resolveInputFiles(path, options.format);
  if (!first) {
    if (options.schema) return options.schema;
    throw new ConnectorError('FILE_NOT_FOUND', `no ${options.format} files in ${path} to take a schema from`);
  }
  switch (options.format) {
    case 'parquet':
      return parquetSchemaOf(first, { schema: options.schema });
    case 'arrow': {
      const reader = await RecordBatchReader.from(createReadStream(first));
      await reader.open();
      const schema = reader.schema;
      await reader.cancel();
      return schema;
    }
    case 'json': {
      const sample: Record<string, unknown>[] = [];
      for await (const { text } of readLines(first)) {
        if (text.trim()) sample.push(JSON.parse(text) as Record<string, unknown>);
        if (sample.length >= 1000) break;
      }
      return inferJsonSchema(sample);
    }
    default:
      throw new ConnectorError('INVALID_OPTION', 'reading CSV needs a schema');
  }
}

/**
 * A bounded source over a file or folder; the schema is read from the first file when not given
 * (`columns`: only those). `withColumns` reads fewer columns under the same schema (pushdown).
 */
export async function fileSource(path: string, options: ReadFilesOptions): Promise<BatchSource> {
  const full = await schemaOf(path, options);
  const { columns } = options;
  const schema = columns
    ? new Schema(
        full.fields.filter((f) => columns.includes(f.name)),
        full.metadata,
      )
    : full;
  const effective = options.format === 'json' ? { ...options, schema } : options;
  const source = (columns?: readonly string[]): BatchSource => ({
    schema,
    batches: () => readFiles(path, { ...effective, columns }),
    withColumns: source,
  });
  return source(options.columns);
}
