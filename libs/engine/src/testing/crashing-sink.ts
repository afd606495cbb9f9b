// Wraps a sink and fails right after it accepted chosen batch ids: simulates a crash between the
// sink write and the commit-log entry (the batch must be replayed and deduplicated).
import type { Table } from 'apache-arrow';
import type { BatchContext, StreamSink } from '../types/contracts';

export class SinkCrash extends Error {
  override readonly name = 'SinkCrash';
}

export class CrashingSink implements StreamSink {
  constructor(
    private readonly inner: StreamSink,
    private readonly crashAfterBatchIds: Set<number>,
  ) {}

  async addBatch(data: Table, context: BatchContext): Promise<void> {
    await this.inner.addBatch(data, context);
    if (this.crashAfterBatchIds.delete(context.batchId)) throw new SinkCrash(`crash after writing batch ${context.batchId}`);
  }
}
