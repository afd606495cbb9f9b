// Benchmark: count + sum(quantity) per (SKU, 1-hour tumbling window) and per (SKU, 1-hour window
// sliding every 5 minutes), as one batch and as 1,000-row micro-batches. Prints events/s and peak RSS.
// Run: npm run bench -w libs/engine   (or: npx nx run engine:bench). EVENTS=1000000 for a quick run.
import type { ColumnBatch } from '../src/columnar/column-batch';
import { count, createEngine, sum, window, type DataFrame } from '../src/index';
import { MemoryCheckpointStore } from '../src/testing/index';
import { SALES_SCHEMA, syntheticSales } from './synthetic-sales';
import { ChunkedSource } from './chunked-source';

const EVENTS = Number(process.env.EVENTS ?? 10_000_000);
const MICRO_BATCH = Number(process.env.MICRO_BATCH ?? 1000);

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

interface Result {
  scenario: string;
  mode: string;
  events: number;
  seconds: number;
  outputRows: number;
  peak: number;
}

function windowed(df: DataFrame, sliding: boolean): DataFrame {
  return df
    .groupBy(window('event_time', '1 hour', sliding ? '5 minutes' : undefined), 'sku')
    .agg(count().as('orders'), sum('quantity').as('units'));
}

async function batchRun(chunks: ColumnBatch[], sliding: boolean): Promise<Result> {
  const engine = createEngine();
  peakRss = process.memoryUsage().rss;
  const t0 = performance.now();
  const out = await windowed(engine.read.batches(SALES_SCHEMA, chunks), sliding).collectBatches();
  const seconds = (performance.now() - t0) / 1000;
  return { scenario: sliding ? 'sliding 1h/5m' : 'tumbling 1h', mode: 'batch', events: EVENTS, seconds, outputRows: out.reduce((n, b) => n + b.length, 0), peak: peakRss };
}

async function streamRun(chunks: ColumnBatch[], sliding: boolean): Promise<Result> {
  const engine = createEngine({ pollIntervalMs: 1 });
  const source = new ChunkedSource('bench-sales', SALES_SCHEMA, chunks, MICRO_BATCH);
  let outputRows = 0;
  peakRss = process.memoryUsage().rss;
  const t0 = performance.now();
  const query = await windowed(engine.readStream.source(source).withWatermark('event_time', '10 minutes'), sliding)
    .writeStream.outputMode('append')
    .trigger({ availableNow: true })
    .checkpointStore(new MemoryCheckpointStore())
    .sink({ addBatch: async (table) => void (outputRows += table.numRows) })
    .start();
  await query.awaitTermination();
  const seconds = (performance.now() - t0) / 1000;
  return { scenario: sliding ? 'sliding 1h/5m' : 'tumbling 1h', mode: `stream ${MICRO_BATCH}-row batches (append)`, events: EVENTS, seconds, outputRows, peak: peakRss };
}

async function main(): Promise<void> {
  console.log(`generating ${EVENTS.toLocaleString()} events ...`);
  const chunks = syntheticSales(EVENTS, 65_536);
  const results: Result[] = [];
  for (const sliding of [false, true]) results.push(await batchRun(chunks, sliding));
  const streamChunks = syntheticSales(EVENTS, MICRO_BATCH);
  for (const sliding of [false, true]) results.push(await streamRun(streamChunks, sliding));
  clearInterval(sampler);
  console.table(
    results.map((r) => ({
      scenario: r.scenario,
      mode: r.mode,
      events: r.events.toLocaleString(),
      seconds: r.seconds.toFixed(2),
      'events/s': Math.round(r.events / r.seconds).toLocaleString(),
      'output rows': r.outputRows.toLocaleString(),
      'peak RSS': mb(r.peak),
    })),
  );
}

void main();
