// A checkpoint folder, laid out like Spark's: metadata, offsets/<batchId>, commits/<batchId>,
// state/<operatorId>/<partition>/<version>.arrow. Files are written to a temp name and renamed.
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EngineError } from '../errors/engine-error';
import type { CheckpointStore, CommitLogEntry, OffsetLogEntry } from '../types/contracts';

async function writeAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, path);
}

async function readJson<T>(path: string): Promise<T | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new EngineError('CHECKPOINT_CORRUPT', `cannot parse checkpoint file ${path}`, { cause: error });
  }
}

async function batchIds(dir: string): Promise<number[]> {
  try {
    return (await readdir(dir))
      .filter((f) => /^\d+$/.test(f))
      .map(Number)
      .sort((a, b) => a - b);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

export class FileCheckpointStore implements CheckpointStore {
  private ready: Promise<void> | null = null;

  constructor(readonly dir: string) {}

  private ensure(): Promise<void> {
    this.ready ??= Promise.all([
      mkdir(join(this.dir, 'offsets'), { recursive: true }),
      mkdir(join(this.dir, 'commits'), { recursive: true }),
      mkdir(join(this.dir, 'state'), { recursive: true }),
    ]).then(() => undefined);
    return this.ready;
  }

  async readMetadata(): Promise<Record<string, unknown> | undefined> {
    return readJson(join(this.dir, 'metadata'));
  }
  async writeMetadata(metadata: Record<string, unknown>): Promise<void> {
    await this.ensure();
    await writeAtomic(join(this.dir, 'metadata'), JSON.stringify(metadata));
  }

  async writeOffsets(batchId: number, entry: OffsetLogEntry): Promise<void> {
    await this.ensure();
    await writeAtomic(join(this.dir, 'offsets', String(batchId)), JSON.stringify(entry));
  }
  async latestOffsets(): Promise<{ batchId: number; entry: OffsetLogEntry } | undefined> {
    const ids = await batchIds(join(this.dir, 'offsets'));
    if (!ids.length) return undefined;
    const batchId = ids[ids.length - 1];
    return { batchId, entry: (await readJson<OffsetLogEntry>(join(this.dir, 'offsets', String(batchId))))! };
  }

  async writeCommit(batchId: number, entry: CommitLogEntry): Promise<void> {
    await this.ensure();
    await writeAtomic(join(this.dir, 'commits', String(batchId)), JSON.stringify(entry));
  }
  async latestCommit(): Promise<{ batchId: number; entry: CommitLogEntry } | undefined> {
    const ids = await batchIds(join(this.dir, 'commits'));
    if (!ids.length) return undefined;
    const batchId = ids[ids.length - 1];
    return { batchId, entry: (await readJson<CommitLogEntry>(join(this.dir, 'commits', String(batchId))))! };
  }

  private statePath(operatorId: number, partition: number): string {
    return join(this.dir, 'state', String(operatorId), String(partition));
  }
  async writeState(operatorId: number, partition: number, version: number, bytes: Uint8Array): Promise<void> {
    const dir = this.statePath(operatorId, partition);
    await mkdir(dir, { recursive: true });
    await writeAtomic(join(dir, `${version}.arrow`), bytes);
  }
  async readState(operatorId: number, partition: number, version: number): Promise<Uint8Array | undefined> {
    try {
      return new Uint8Array(await readFile(join(this.statePath(operatorId, partition), `${version}.arrow`)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async purge(keepFromBatchId: number): Promise<void> {
    for (const log of ['offsets', 'commits']) {
      for (const id of await batchIds(join(this.dir, log))) {
        if (id < keepFromBatchId) await rm(join(this.dir, log, String(id)), { force: true });
      }
    }
    const stateDir = join(this.dir, 'state');
    for (const op of await readdir(stateDir).catch(() => [] as string[])) {
      for (const part of await readdir(join(stateDir, op)).catch(() => [] as string[])) {
        const dir = join(stateDir, op, part);
        for (const file of await readdir(dir)) {
          const version = Number.parseInt(file, 10);
          if (version < keepFromBatchId) await rm(join(dir, file), { force: true });
        }
      }
    }
  }
}
