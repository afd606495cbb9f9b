// A folder as a stream: every new file is new input. Offsets are positions in the list of files in
// the order they were discovered (modification time, then name), with the last file's name to
// detect a folder that changed under a checkpoint.
import { type FileStreamOptions, type Offset, type StreamSource, ConnectorError } from '@shelfstream/engine';
import { type RecordBatch, type Schema, Table } from 'apache-arrow';
import { listFormatFiles, type ListedFile } from './file-listing';
import { readFile } from './read-files';

export interface FileOffset {
  readonly files: number;
  readonly last: string;
}

function asFileOffset(offset: Offset | undefined): FileOffset | undefined {
  if (offset === undefined || offset === null) return undefined;
  if (typeof offset === 'object' && !Array.isArray(offset) && typeof offset.files === 'number' && typeof offset.last === 'string') {
    return { files: offset.files, last: offset.last };
  }
  throw new ConnectorError('INVALID_OFFSET', `not a file-source offset: ${JSON.stringify(offset)}`);
}

export class FileStreamSource implements StreamSource {
  readonly name: string;
  readonly schema: Schema;
  private readonly known: ListedFile[] = [];
  private readonly seen = new Set<string>();
  /** Files already handed to a batch (end of the last getBatch). */
  private consumed = 0;

  constructor(
    readonly dir: string,
    private readonly options: FileStreamOptions,
    /** Columns read from each file (pushdown, see withColumns); default all of `schema`. */
    private readonly columns?: readonly string[],
  ) {
    if (options.maxFilesPerTrigger !== undefined && !(options.maxFilesPerTrigger >= 1)) {
      throw new ConnectorError('INVALID_OPTION', 'maxFilesPerTrigger must be at least 1');
    }
    this.name = options.name ?? `files:${dir}`;
    this.schema = options.schema;
  }

  private async refresh(): Promise<void> {
    for (const f of await listFormatFiles(this.dir, this.options.format)) {
      if (this.seen.has(f.name)) continue;
      this.seen.add(f.name);
      this.known.push(f);
    }
  }

  private offsetAt(files: number): FileOffset {
    return { files, last: this.known[files - 1].name };
  }

  /** `start` (the previous batch's end, if the executor passes it) bounds the rate limit. */
  async latestOffset(start?: Offset): Promise<Offset | undefined> {
    await this.refresh();
    if (this.known.length === 0) return undefined;
    const from = asFileOffset(start)?.files ?? this.consumed;
    const max = this.options.maxFilesPerTrigger;
    const end = max === undefined ? this.known.length : Math.min(this.known.length, from + max);
    if (end === 0) return undefined;
    return this.offsetAt(end) as unknown as Offset;
  }

  async getBatch(start: Offset | undefined, end: Offset): Promise<Table> {
    const from = asFileOffset(start)?.files ?? 0;
    const to = asFileOffset(end)!;
    if (to.files > this.known.length) await this.refresh();
    for (const o of [asFileOffset(start), to]) {
      if (o && o.files > 0 && this.known[o.files - 1]?.name !== o.last) {
        throw new ConnectorError(
          'INVALID_OFFSET',
          `${this.dir}: file #${o.files} is ${this.known[o.files - 1]?.name ?? 'missing'}, the checkpoint says ${o.last} (files were removed or reordered)`,
        );
      }
    }
    const batches: RecordBatch[] = [];
    for (const file of this.known.slice(from, to.files)) {
      for await (const b of readFile(file.path, { ...this.options, format: this.options.format, schema: this.schema, columns: this.columns })) {
        batches.push(b);
      }
    }
    this.consumed = Math.max(this.consumed, to.files);
    return batches.length > 0 ? new Table(batches) : new Table(this.schema);
  }

  /** The same stream (name, offsets, schema) reading only `columns` (Parquet, CSV). */
  withColumns(columns: readonly string[]): FileStreamSource {
    return new FileStreamSource(this.dir, this.options, columns);
  }

  async commit(): Promise<void> {
    // files are left in place; nothing to release
  }

  async stop(): Promise<void> {
    // no open handles between batches
  }
}

export function fileStreamSource(dir: string, options: FileStreamOptions): FileStreamSource {
  return new FileStreamSource(dir, options);
}
