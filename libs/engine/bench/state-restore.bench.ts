// Benchmark: restart of a streaming query with a large state. A first run builds the state of sliding
// 1 h / 5 min windows for SKUS SKUs (one sale each in the last hour: ~12 window rows per SKU) with a file
// checkpoint; a second run (a fresh engine, as after kill -9) is timed from start() to the query
// running (state restored) and through its first batch of 1,000 new events (which writes that batch's
// state). CPU seconds beside wall time, as the machine may be shared. Profile it with
// `node --cpu-prof -r @swc-node/register bench/state-restore.bench.ts`.
// Run: cd libs/engine && node -r @swc-node/register bench/state-restore.bench.ts   (SKUS=100000)
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { count, createEngine, type DataFrame, FileCheckpointStore, type Row, schema, sum, window } from '../src/index';

const SKUS = Number(process.env.SKUS ?? 100_000);
const SCHEMA = schema({ sku: 'string', quantity: 'int', event_time: 'timestamp' });
const NOW = Date.UTC(2026, 11, 5, 12);

const sales = (from: number, n: number): Row[] =>
  Array.from({ length: n }, (_, i) => ({
    sku: `SKU-${String((from + i) % SKUS).padStart(6, '0')}`,
    quantity: 1 + (i % 5),
    event_time: new Date(NOW - ((i * 7919) % 3_600_000)),
  }));

const velocity = (df: DataFrame) =>
  df
    .withWatermark('event_time', '10 minutes')
    .groupBy(window('event_time', '1 hour', '5 minutes'), 'sku')
    .agg(count().as('orders'), sum('quantity').as('units'));

async function run(dir: string, blocks: readonly Row[][]) {
  const engine = createEngine();
  const stream = engine.readStream.memory(SCHEMA, 'sales');
  for (const block of blocks) stream.addData(block);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const query = await velocity(stream.toDF())
    .writeStream.outputMode('update')
    .checkpointStore(new FileCheckpointStore(dir))
    .sink({ addBatch: async () => undefined })
    .start();
  const startedMs = performance.now() - t0;
  return { stream, query, startedMs, cpu0, t0 };
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'state-restore-'));
  try {
    const initial = sales(0, SKUS);
    const first = await run(dir, []);
    first.stream.addData(initial);
    await first.query.processAllAvailable();
    const stateRows = first.query.lastProgress?.stateOperators[0]?.numRowsTotal ?? 0;
    await first.query.stop();

    const second = await run(dir, [initial]);
    second.stream.addData(sales(SKUS, 1000));
    await second.query.processAllAvailable();
    const totalMs = performance.now() - second.t0;
    const cpu = process.cpuUsage(second.cpu0);
    await second.query.stop();
    console.log(
      JSON.stringify({
        scenario: 'restart with state',
        skus: SKUS,
        stateRows,
        'restore ms': Math.round(second.startedMs),
        'first batch ms': Math.round(totalMs - second.startedMs),
        'total ms': Math.round(totalMs),
        'CPU s': ((cpu.user + cpu.system) / 1e6).toFixed(2),
      }),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
