// A CheckpointStore in memory: the default when no checkpointLocation is given, and a test helper.
import type { CheckpointStore, CommitLogEntry, OffsetLogEntry } from '../types/contracts';

export class MemoryCheckpointStore implements CheckpointStore {
  metadata: Record<string, unknown> | undefined;
  readonly offsets = new Map<number, OffsetLogEntry>();
  readonly commits = new Map<number, CommitLogEntry>();
  readonly state = new Map<string, Uint8Array>();

  async readMetadata() {
    return this.metadata;
  }
  async writeMetadata(metadata: Record<string, unknown>) {
    this.metadata = structuredClone(metadata);
  }
  async writeOffsets(batchId: number, entry: OffsetLogEntry) {
    this.offsets.set(batchId, structuredClone(entry));
  }
  async latestOffsets() {
    return latest(this.offsets);
  }
  async writeCommit(batchId: number, entry: CommitLogEntry) {
    this.commits.set(batchId, structuredClone(entry));
  }
  async latestCommit() {
    return latest(this.commits);
  }
  async writeState(operatorId: number, partition: number, version: number, bytes: Uint8Array) {
    this.state.set(`${operatorId}/${partition}/${version}`, bytes);
  }
  async readState(operatorId: number, partition: number, version: number) {
    return this.state.get(`${operatorId}/${partition}/${version}`);
  }
  async purge(keepFromBatchId: number) {
    for (const log of [this.offsets, this.commits]) for (const id of log.keys()) if (id < keepFromBatchId) log.delete(id);
    for (const key of this.state.keys()) if (Number(key.split('/')[2]) < keepFromBatchId) this.state.delete(key);
  }
}

function latest<T>(log: Map<number, T>): { batchId: number; entry: T } | undefined {
  if (log.size === 0) return undefined;
  const batchId = Math.max(...log.keys());
  return { batchId, entry: structuredClone(log.get(batchId) as T) };
}
