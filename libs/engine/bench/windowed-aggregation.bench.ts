// Benchmark: count + sum(quantity) per (SKU, 1-hour tumbling window) and per (SKU, 1-hour window
// sliding every 5 minutes), as one batch and as 1,000-row micro-batches (append mode, watermark 10
// minutes, in-memory checkpoint store: state is still snapshotted every batch). Each scenario runs in
// its own process so peak RSS (process.resourceUsage().maxRSS, data generation included) belongs to
// it. CPU seconds (user + system, GC threads included) are printed beside wall time because the
// machine may be shared: events per CPU-second is the single-core figure.
// Run: npm run bench -w libs/engine   (EVENTS=1000000 for a quick run; MICRO_BATCH to change 1,000).
import { execFileSync } from 'node:child_process';
import { count, createEngine, sum, window, type DataFrame } from '../src/index';
import { MemoryCheckpointStore } from '../src/testing/index';
import { ChunkedSource } from './chunked-source';
import { SALES_SCHEMA, syntheticSales } from './synthetic-sales';

const EVENTS = Number(process.env.EVENTS ?? 10_000_000);
const MICRO_BATCH = Number(process.env.MICRO_BATCH ?? 1000);

interface Scenario {
  readonly name: string;
  readonly sliding: boolean;
  readonly stream: boolean;
}
const SCENARIOS: Scenario[] = [
  { name: 'tumbling 1h, batch', sliding: false, stream: false },
  { name: 'sliding 1h/5m, batch', sliding: true, stream: false },
  { name: `tumbling 1h, ${MICRO_BATCH}-row micro-batches`, sliding: false, stream: true },
  { name: `sliding 1h/5m, ${MICRO_BATCH}-row micro-batches`, sliding: true, stream: true },
];

function windowed(df: DataFrame, sliding: boolean): DataFrame {
  return df.groupBy(window('event_time', '1 hour', sliding ? '5 minutes' : undefined), 'sku').agg(count().as('orders'), sum('quantity').as('units'));
}

interface Measured {
  seconds: number;
  cpuSeconds: number;
  outputRows: number;
  batches: number;
}

async function runScenario(s: Scenario): Promise<Measured> {
  const chunks = syntheticSales(EVENTS, s.stream ? MICRO_BATCH : 65_536);
  const engine = createEngine();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const cpuSeconds = () => {
    const used = process.cpuUsage(cpu0);
    return (used.user + used.system) / 1e6;
  };
  if (!s.stream) {
    const out = await windowed(engine.read.batches(SALES_SCHEMA, chunks), s.sliding).collectBatches();
    return { seconds: (performance.now() - t0) / 1000, cpuSeconds: cpuSeconds(), outputRows: out.reduce((n, b) => n + b.length, 0), batches: 1 };
  }
  let outputRows = 0;
  const query = await windowed(
    engine.readStream.source(new ChunkedSource('sales', SALES_SCHEMA, chunks, MICRO_BATCH)).withWatermark('event_time', '10 minutes'),
    s.sliding,
  )
    .writeStream.outputMode('append')
    .trigger({ availableNow: true })
    .checkpointStore(new MemoryCheckpointStore())
    .sink({ addBatch: async (table) => void (outputRows += table.numRows) })
    .start();
  await query.awaitTermination();
  return { seconds: (performance.now() - t0) / 1000, cpuSeconds: cpuSeconds(), outputRows, batches: (query.lastProgress?.batchId ?? 0) + 1 };
}

async function main(): Promise<void> {
  const only = process.env.BENCH_SCENARIO;
  if (only !== undefined) {
    const result = await runScenario(SCENARIOS[Number(only)]);
    process.stdout.write(JSON.stringify({ ...result, maxRssKb: process.resourceUsage().maxRSS }));
    return;
  }
  console.log(`${EVENTS.toLocaleString()} synthetic sales events, 1,000 SKUs over 10 days; node ${process.version}`);
  const rows = [];
  for (const [i, s] of SCENARIOS.entries()) {
    const out = execFileSync(process.execPath, [...process.execArgv, __filename], { env: { ...process.env, BENCH_SCENARIO: String(i) }, maxBuffer: 1 << 20 });
    const r = JSON.parse(out.toString()) as Measured & { maxRssKb: number };
    const row = {
      scenario: s.name,
      'wall s': r.seconds.toFixed(2),
      'events/s (wall)': Math.round(EVENTS / r.seconds).toLocaleString(),
      'CPU s': r.cpuSeconds.toFixed(2),
      'events/CPU-s': Math.round(EVENTS / r.cpuSeconds).toLocaleString(),
      batches: r.batches.toLocaleString(),
      'output rows': r.outputRows.toLocaleString(),
      'peak RSS': `${Math.round(r.maxRssKb / 1024)} MB`,
    };
    console.log(JSON.stringify(row));
    rows.push(row);
  }
  console.table(rows);
}

void main();
