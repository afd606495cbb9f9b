// Which files of a folder belong to a format, in a stable order (modification time, then name).
import { ConnectorError, describeError, type FileFormat } from '@shelfstream/engine';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

const EXTENSIONS: Record<FileFormat, readonly string[]> = {
  parquet: ['.parquet'],
  csv: ['.csv'],
  json: ['.json', '.ndjson', '.jsonl'],
  arrow: ['.arrow', '.ipc', '.feather', '.arrows'],
};

export interface ListedFile {
  readonly path: string;
  readonly name: string;
  readonly mtimeMs: number;
  readonly size: number;
}

export function hasFormatExtension(name: string, format: FileFormat): boolean {
  const lower = name.toLowerCase();
  return EXTENSIONS[format].some((ext) => lower.endsWith(ext));
}

/** Visible files of `dir` with the format's extensions (names starting with '.' or '_' are skipped). */
export async function listFormatFiles(dir: string, format: FileFormat): Promise<ListedFile[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    throw new ConnectorError('FILE_NOT_FOUND', `cannot list ${dir}: ${describeError(error)}`, { cause: error });
  }
  const files: ListedFile[] = [];
  for (const name of names) {
    if (name.startsWith('.') || name.startsWith('_') || !hasFormatExtension(name, format)) continue;
    const path = join(dir, name);
    const s = await stat(path).catch(() => undefined);
    if (s?.isFile()) files.push({ path, name, mtimeMs: s.mtimeMs, size: s.size });
  }
  return files.sort((a, b) => a.mtimeMs - b.mtimeMs || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** A single file, or every matching file of a folder sorted by name. */
export async function resolveInputFiles(path: string, format: FileFormat): Promise<string[]> {
  const s = await stat(path).catch(() => undefined);
  if (!s) throw new ConnectorError('FILE_NOT_FOUND', `no such file or folder: ${path}`);
  if (s.isFile()) return [path];
  const files = await listFormatFiles(path, format);
  return files.map((f) => f.path).sort();
}
