// The memory sink: keeps every batch's rows, idempotent per batch id. Append/update accumulate,
// complete keeps only the latest full table.
import type { Table } from 'apache-arrow';
import { batchesFromTable } from '../columnar/arrow-import';
import { type Row, batchToRows } from '../columnar/row-conversion';
import type { BatchContext, StreamSink } from '../types/contracts';

export class MemorySink implements StreamSink {
  /** Rows per batch id, in the order batches were added. */
  readonly batches = new Map<number, Row[]>();
  private lastMode: BatchContext['outputMode'] = 'append';

  async addBatch(data: Table, context: BatchContext): Promise<void> {
    this.addRows(data.numRows ? [...batchesFromTable(data)].flatMap(batchToRows) : [], context);
  }

  addRows(rows: Row[], context: BatchContext): void {
    if (this.batches.has(context.batchId)) return; // replayed batch: already have it
    this.batches.set(context.batchId, rows);
    this.lastMode = context.outputMode;
  }

  /** What the result table holds now (complete: latest batch; otherwise all batches). */
  rows(): Row[] {
    if (this.lastMode === 'complete') {
      const ids = [...this.batches.keys()];
      return ids.length ? [...(this.batches.get(ids[ids.length - 1]) ?? [])] : [];
    }
    return [...this.batches.values()].flat();
  }

  /** Rows of batches with id > `afterBatchId` (Spark's CheckNewAnswer). */
  rowsAfter(afterBatchId: number): Row[] {
    return [...this.batches.entries()].filter(([id]) => id > afterBatchId).flatMap(([, rows]) => rows);
  }

  get lastBatchId(): number {
    return Math.max(-1, ...this.batches.keys());
  }

  clear(): void {
    this.batches.clear();
  }
}
