// A replayable stream source over pre-built columnar chunks, at most `perTrigger` chunks per batch
// (offset = number of chunks), so each micro-batch has a fixed number of rows.
import { batchesToTable, toArrowSchema } from '../src/columnar/arrow-export';
import type { ColumnBatch } from '../src/columnar/column-batch';
import type { Offset } from '../src/index';
import type { StructType } from '../src/types/data-type';
import type { ColumnarStreamSource } from '../src/streaming/columnar-source';

export class ChunkedSource implements ColumnarStreamSource {
  readonly schema;
  constructor(
    readonly name: string,
    private readonly structType: StructType,
    private readonly chunks: readonly ColumnBatch[],
    private readonly rowsPerBatch: number,
  ) {
    this.schema = toArrowSchema(structType);
  }
  private get perTrigger(): number {
    return Math.max(1, Math.round(this.rowsPerBatch / (this.chunks[0]?.length || 1)));
  }
  async latestOffset(start?: Offset): Promise<Offset | undefined> {
    const from = typeof start === 'number' ? start : 0;
    return Math.min(this.chunks.length, from + this.perTrigger);
  }
  async getColumnarBatch(start: Offset | undefined, end: Offset): Promise<ColumnBatch[]> {
    return this.chunks.slice(typeof start === 'number' ? start : 0, Number(end));
  }
  async getBatch(start: Offset | undefined, end: Offset) {
    return batchesToTable(this.structType, await this.getColumnarBatch(start, end));
  }
  async commit(): Promise<void> {
    // nothing to release: chunks stay in memory for replays
  }
  async stop(): Promise<void> {
    // no resources held
  }
}
