// Drives a streaming query step by step as Spark's testStream does: add data, process, read what the
// sink got since the last step and the state metrics since the last check (StateStoreMetricsTest:
// total from the last progress, updated/dropped summed over the batches since the last check).
import type { Row, StreamingQuery } from '../../src/index';
import type { MemorySink, MemoryStream } from '../../src/testing/index';

export interface StepResult {
  readonly rows: Row[];
  readonly total: number[];
  readonly updated: number[];
  readonly dropped: number[];
}

export class SteppedQuery {
  private seenBatchId = -1;
  private lastBatch: number;

  constructor(
    private readonly query: StreamingQuery,
    private readonly input: MemoryStream,
    private readonly sink: MemorySink,
  ) {
    this.lastBatch = sink.lastBatchId;
  }

  async add(rows: Row[]): Promise<StepResult> {
    this.input.addData(rows);
    await this.query.processAllAvailable();
    const progress = this.query.recentProgress.filter((p) => p.batchId > this.seenBatchId);
    this.seenBatchId = this.query.lastProgress?.batchId ?? -1;
    const rowsOut = this.sink.rowsAfter(this.lastBatch);
    this.lastBatch = this.sink.lastBatchId;
    const last = this.query.lastProgress!;
    const sum = (pick: (op: { numRowsUpdated: number; numRowsDroppedByWatermark: number }) => number) =>
      last.stateOperators.map((_, i) => progress.reduce((n, p) => n + pick(p.stateOperators[i]), 0));
    return {
      rows: rowsOut,
      total: last.stateOperators.map((op) => op.numRowsTotal),
      updated: sum((op) => op.numRowsUpdated),
      dropped: sum((op) => op.numRowsDroppedByWatermark),
    };
  }
}
