// Arrow IPC (file or stream format) -> its record batches, read incrementally.
import { createReadStream } from 'node:fs';
import { type RecordBatch, RecordBatchReader } from 'apache-arrow';

export async function* readArrowIpc(path: string): AsyncGenerator<RecordBatch> {
  const reader = await RecordBatchReader.from(createReadStream(path));
  for await (const batch of reader) yield batch;
}
