// Child process: our engine in batch mode over a Parquet file (files connector -> engine.read.source
// -> sliding-window aggregation), `repeats` times; one JSON line of figures per run on stdout.
//   node -r @swc-node/register tools/bench/src/engine-batch.ts --parquet FILE [--repeats N]
import { createEngine, tableToRows } from '@shelfstream/engine';
import { fileSource } from '@shelfstream/files-connector';
import { flagMap, positiveInt, requiredFlag } from './flags';
import { slidingAggregation } from './sliding-query';

async function main(): Promise<void> {
  const flags = flagMap(process.argv.slice(2));
  const parquet = requiredFlag(flags, 'parquet');
  const repeats = positiveInt(flags.get('repeats'), 1, 'repeats');
  for (let repeat = 1; repeat <= repeats; repeat++) {
    const engine = createEngine();
    const started = performance.now();
    const source = await fileSource(parquet, { format: 'parquet' });
    const events = engine.read.source(source);
    const table = await slidingAggregation(events).toArrow();
    const elapsedMs = performance.now() - started;
    let orders = 0;
    let units = 0;
    let revenue = 0;
    for (const row of tableToRows(table)) {
      orders += Number(row.orders);
      units += Number(row.units);
      revenue += Number(row.revenue);
    }
    const inputEvents = orders / 12;
    console.log(
      JSON.stringify({
        peer: 'shelfstream',
        mode: 'batch',
        repeat,
        events: inputEvents,
        windows: table.numRows,
        orders,
        units,
        revenue,
        elapsedMs,
        eventsPerSecond: inputEvents / (elapsedMs / 1000),
        peakRssMb: process.memoryUsage().rss / 2 ** 20,
      }),
    );
  }
}

main().catch((error: unknown) => {
  console.error(`engine-batch: ${(error as Error).stack ?? String(error)}`);
  process.exitCode = 1;
});
