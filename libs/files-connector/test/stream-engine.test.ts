// The real retail CSVs streamed through the engine as a folder source, one file per micro-batch
// (as in Spark: The Definitive Guide with maxFilesPerTrigger = 1), with a restart in the middle
// that resumes from the checkpoint without re-reading a file.
import { copyFile, mkdtemp, readdir, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Field, Float64, Int32, Schema, TimestampMillisecond, Utf8 } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RETAIL_DAYS_DIR } from './support/retail-csv';
import { col, createEngine, FileCheckpointStore } from '@shelfstream/engine';
import { collectTable, fileStreamSource, readCsv } from '../src';

const DATA = RETAIL_DAYS_DIR;
const RETAIL = new Schema([
  new Field('InvoiceNo', new Utf8()),
  new Field('StockCode', new Utf8()),
  new Field('Quantity', new Int32()),
  new Field('InvoiceDate', new TimestampMillisecond('UTC')),
  new Field('UnitPrice', new Float64()),
]);

let dir: string;
let checkpoint: string;
let days: string[];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'retail-stream-'));
  checkpoint = await mkdtemp(join(tmpdir(), 'retail-checkpoint-'));
  days = (await readdir(DATA)).sort().slice(0, 6);
  for (const [i, day] of days.entries()) {
    await copyFile(join(DATA, day), join(dir, day));
    const t = new Date(Date.UTC(2024, 0, 1, 0, 0, i));
    await utimes(join(dir, day), t, t);
  }
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await rm(checkpoint, { recursive: true, force: true });
});

/** Runs the query until it has `maxBatches` batches; returns the row count of each. */
async function run(maxBatches: number): Promise<number[]> {
  const engine = createEngine();
  const source = fileStreamSource(dir, { format: 'csv', schema: RETAIL, maxFilesPerTrigger: 1 });
  const perBatch = engine.readStream.source(source).select(col('Quantity'));
  const query = await perBatch.writeStream
    .outputMode('append')
    .queryName('retail')
    .format('memory')
    .checkpointStore(new FileCheckpointStore(checkpoint))
    .trigger({ processingTime: '10 milliseconds' })
    .start();
  const sink = engine.memorySink('retail')!;
  const deadline = Date.now() + 60_000;
  while (sink.batches.size < maxBatches && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  await query.stop();
  return [...sink.batches.values()].map((b) => b.length);
}

describe('folder stream of the real retail CSVs through the engine', () => {
  it('runs one file per batch and resumes after a restart', async () => {
    const expected = await Promise.all(days.map(async (d) => (await collectTable(readCsv(join(dir, d), { schema: RETAIL }))).numRows));
    const first = await run(3);
    expect(first).toEqual(expected.slice(0, first.length));
    const second = await run(days.length - first.length);
    expect([...first, ...second]).toEqual(expected);
  });
});
