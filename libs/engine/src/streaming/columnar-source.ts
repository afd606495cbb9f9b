// Stream sources that hand over engine batches directly skip the Arrow round trip (MemoryStream, benchmarks).
import type { ColumnBatch } from '../columnar/column-batch';
import type { Offset, StreamSource } from '../types/contracts';

export interface ColumnarStreamSource extends StreamSource {
  getColumnarBatch(start: Offset | undefined, end: Offset): Promise<ColumnBatch[]>;
}

export const isColumnarSource = (s: StreamSource): s is ColumnarStreamSource => typeof (s as ColumnarStreamSource).getColumnarBatch === 'function';
